import { format } from 'd3-format';
import { scaleDiverging } from 'd3-scale';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { DataTable } from './DataTable';
import { useWidth } from './useWidth';

export interface Strip {
  label: string;
  values: ArrayLike<number>;
}

const fmt = format('.2f');

/**
 * Vectors as rows of coloured cells, one cell per dimension, on one shared diverging scale
 * (blue positive, red negative), so "before + f(x) = after" can be read column by column.
 */
export function VectorStrips({
  strips,
  cellHeight = 22,
}: {
  strips: Strip[];
  cellHeight?: number;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const C = strips[0]?.values.length ?? 0;
  let max = 1e-6;
  for (const s of strips)
    for (let i = 0; i < s.values.length; i++) max = Math.max(max, Math.abs(s.values[i]));
  const color = scaleDiverging((t: number) => interpolateRdBu(t)).domain([-max, 0, max]);
  const labelWidth = 118;
  const cell = Math.max(1, (width - labelWidth - 8) / Math.max(1, C));
  const height = strips.length * (cellHeight + 8) + 36;
  return (
    <div ref={ref} className="chart-body">
      <svg width={width} height={height}>
        {strips.map((s, r) => (
          <g key={s.label} transform={`translate(0,${r * (cellHeight + 8)})`}>
            <text x={0} y={cellHeight / 2} dy="0.32em" className="strip-label">
              {s.label}
            </text>
            {Array.from(s.values, (v, i) => (
              <rect
                key={i}
                x={labelWidth + i * cell}
                width={Math.max(cell - 0.5, 0.5)}
                height={cellHeight}
                fill={color(v)}
              >
                <title>{`${s.label}, dimension ${i}: ${fmt(v)}`}</title>
              </rect>
            ))}
          </g>
        ))}
        <g
          transform={`translate(${labelWidth},${strips.length * (cellHeight + 8) + 4})`}
          className="axis"
        >
          <text y={10}>dimension 0</text>
          <text x={C * cell} y={10} textAnchor="end">
            {C - 1}
          </text>
          {/* On its own line, so it never runs into the end labels on a phone. */}
          <text x={0} y={24}>
            colour: −{fmt(max)} (red) … 0 … +{fmt(max)} (blue)
          </text>
        </g>
      </svg>
      <DataTable
        data={{
          columns: ['dimension', ...strips.map((s) => s.label)],
          rows: Array.from({ length: C }, (_, i) => [i, ...strips.map((s) => s.values[i])]),
        }}
      />
    </div>
  );
}
