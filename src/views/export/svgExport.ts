/**
 * A chart's SVG as a standalone file: the app styles charts with CSS classes and variables,
 * which a file opened elsewhere does not have, so the computed colours and fonts are written
 * onto each element of a copy first. Styles are set through the element's `style` object,
 * never as a `style` attribute's text: a page whose Content-Security-Policy refuses inline styles
 * (style-src 'self', as ours and many hosts have) refuses the text but not the object, and the
 * serialised file carries both the same.
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
  inlineCanvases(svg, copy);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const bg = getComputedStyle(document.body).backgroundColor;
  copy.style.setProperty('background', bg);
  return new XMLSerializer().serializeToString(copy);
}

/**
 * Charts whose cells are painted on a canvas under the SVG (class `canvas-plot`) would export
 * as labels over nothing; each such canvas goes into the copy as an image at its place.
 */
function inlineCanvases(svg: SVGSVGElement, copy: SVGSVGElement): void {
  const plot = svg.parentElement;
  if (!plot?.classList.contains('canvas-plot')) return;
  const origin = svg.getBoundingClientRect();
  for (const canvas of plot.querySelectorAll('canvas')) {
    const box = canvas.getBoundingClientRect();
    const image = document.createElementNS('http://www.w3.org/2000/svg', 'image');
    image.setAttribute('x', String(box.left - origin.left));
    image.setAttribute('y', String(box.top - origin.top));
    image.setAttribute('width', String(box.width));
    image.setAttribute('height', String(box.height));
    image.setAttribute('preserveAspectRatio', 'none');
    image.style.setProperty('image-rendering', 'pixelated');
    image.setAttribute('href', canvas.toDataURL('image/png'));
    copy.insertBefore(image, copy.firstChild);
  }
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
