/**
 * A chart's SVG as a standalone file: the app styles charts with CSS classes and variables,
 * which a file opened elsewhere does not have, so the computed colours and fonts are written
 * onto each element of a copy first.
 */
const STYLED = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
];

export function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((el, i) => {
    const cs = getComputedStyle(el);
    for (const prop of STYLED) {
      const v = cs.getPropertyValue(prop);
      if (v) (to[i] as SVGElement).setAttribute(prop, v);
    }
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const bg = getComputedStyle(document.body).backgroundColor;
  copy.setAttribute('style', `background:${bg}`);
  return new XMLSerializer().serializeToString(copy);
}

/** Renders the standalone SVG to a PNG at twice the size, for crisp slides. */
export function svgToPng(svgText: string, width: number, height: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width * 2;
      canvas.height = height * 2;
      const ctx = canvas.getContext('2d');
      if (!ctx) return reject(new Error('no 2D canvas'));
      ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.scale(2, 2);
      ctx.drawImage(img, 0, 0, width, height);
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('could not encode the PNG'))),
        'image/png',
      );
    };
    img.onerror = () => reject(new Error('could not draw the SVG'));
    // A data: URL, which a strict CSP's img-src 'self' data: allows.
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgText);
  });
}
