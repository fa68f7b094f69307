import type { RefObject } from 'react';
import { downloadBlob } from '../export/download';
import { standaloneSvg, svgToPng } from '../export/svgExport';
import '../chart/chart.css';

/** SVG and PNG downloads of a chart's drawing(s); each SVG in the chart becomes its own file. */
export function ChartExport({
  target,
  name,
}: {
  target: RefObject<HTMLElement | null>;
  name: string;
}) {
  const svgs = () =>
    Array.from(
      target.current?.querySelectorAll<SVGSVGElement>('.chart-body > svg, .canvas-plot > svg') ??
        [],
    );
  const save = async (kind: 'svg' | 'png') => {
    const list = svgs();
    for (const [i, svg] of list.entries()) {
      const text = standaloneSvg(svg);
      const file = `${name}${list.length > 1 ? `-${i + 1}` : ''}.${kind}`;
      if (kind === 'svg') downloadBlob(new Blob([text], { type: 'image/svg+xml' }), file);
      else {
        const box = svg.getBoundingClientRect();
        downloadBlob(await svgToPng(text, box.width, box.height), file);
      }
    }
  };
  return (
    <>
      <button
        type="button"
        className="toolbar-button"
        onClick={() => save('svg')}
        aria-label={`Download ${name} as SVG`}
      >
        SVG
      </button>
      <button
        type="button"
        className="toolbar-button"
        onClick={() => save('png')}
        aria-label={`Download ${name} as PNG`}
      >
        PNG
      </button>
    </>
  );
}
