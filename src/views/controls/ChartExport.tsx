import type { RefObject } from 'react';
import { downloadBlob } from '../export/download';
import '../chart/chart.css';

/**
 * SVG and PNG downloads of a chart's drawing(s); each SVG in the chart becomes its own file. A
 * chart that is a table, not a drawing, gives `table` and offers its CSV instead. What writes
 * the files loads on the first click: a reader who never exports does not download it.
 */
export function ChartExport({
  target,
  name,
  table,
}: {
  target: RefObject<HTMLElement | null>;
  name: string;
  table?: () => string | Promise<string>;
}) {
  const svgs = () =>
    Array.from(
      target.current?.querySelectorAll<SVGSVGElement>('.chart-body > svg, .canvas-plot > svg') ??
        [],
    );
  const save = async (kind: 'svg' | 'png') => {
    const list = svgs();
    const { standaloneSvg, svgToPng } = await import('../export/svgExport');
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
  if (table) {
    return (
      <button
        type="button"
        className="toolbar-button"
        onClick={async () =>
          downloadBlob(new Blob([await table()], { type: 'text/csv' }), `${name}.csv`)
        }
        aria-label={`Download ${name} as CSV`}
      >
        CSV
      </button>
    );
  }
  return (
    <>
      {(['svg', 'png'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="toolbar-button"
          onClick={() => save(format)}
          aria-label={`Download ${name} as ${format.toUpperCase()}`}
        >
          {format.toUpperCase()}
        </button>
      ))}
    </>
  );
}
