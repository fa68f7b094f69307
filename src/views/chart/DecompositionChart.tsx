import { format } from 'd3-format';
import { scaleLinear, scalePoint } from 'd3-scale';
import { useState } from 'react';
import { AxisBottomPoints, AxisLeft } from './Axes';
import { sourceColor } from './palette';
import { DataTable } from './DataTable';
import { useWidth } from './useWidth';

const M = { top: 10, right: 14, bottom: 40, left: 52 };
const fmt = format('.2f');

/**
 * One stacked bar per residual point: the signed length each source (embedding, then each
 * sublayer) contributes along the stream's direction. Positive parts stack up from zero,
 * negative parts down; the positive minus negative total is the stream's norm.
 */
export function DecompositionChart({
  bars,
  nPoints,
  current,
  tick,
  sourceLabel,
  height = 240,
}: {
  /** bars[k] = parts at point k (k + 1 sources), or null when not computed. */
  bars: (number[] | null)[];
  nPoints: number;
  current: number;
  tick: (k: number) => string;
  sourceLabel: (source: number) => string;
  height?: number;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const points = Array.from({ length: nPoints }, (_, k) => k);
  const x = scalePoint<number>()
    .domain(points)
    .range([M.left, width - M.right])
    .padding(0.5);
  let lo = 0;
  let hi = 0;
  for (const b of bars) {
    if (!b) continue;
    hi = Math.max(
      hi,
      b.reduce((s, v) => s + Math.max(v, 0), 0),
    );
    lo = Math.min(
      lo,
      b.reduce((s, v) => s + Math.min(v, 0), 0),
    );
  }
  const y = scaleLinear()
    .domain([lo, hi || 1])
    .range([height - M.bottom, M.top])
    .nice();
  const barWidth = Math.max(4, Math.min(36, x.step() * 0.7));

  return (
    <div ref={ref} className="chart-body">
      <svg width={width} height={height} onMouseLeave={() => setHover(null)}>
        <AxisLeft scale={y} x={M.left} label="length along the stream" />
        <AxisBottomPoints
          scale={x}
          y={height - M.bottom}
          label="residual stream point"
          tick={tick}
          highlight={current}
        />
        <line className="zero-line" x1={M.left} x2={width - M.right} y1={y(0)} y2={y(0)} />
        {bars.map((parts, k) => {
          if (!parts) return null;
          let up = 0;
          let down = 0;
          return (
            <g key={k} onMouseEnter={() => setHover(k)} opacity={k === current ? 1 : 0.8}>
              {parts.map((v, j) => {
                const from = v >= 0 ? up : down;
                const to = from + v;
                if (v >= 0) up = to;
                else down = to;
                return (
                  <rect
                    key={j}
                    x={(x(k) ?? 0) - barWidth / 2}
                    width={barWidth}
                    y={y(Math.max(from, to))}
                    height={Math.max(0, Math.abs(y(from) - y(to)))}
                    fill={sourceColor(j, nPoints)}
                    stroke={k === current ? 'var(--fg)' : 'none'}
                    strokeWidth={0.5}
                  />
                );
              })}
            </g>
          );
        })}
      </svg>
      {hover !== null && bars[hover] && (
        <div
          className="tooltip"
          style={{ left: Math.min((x(hover) ?? 0) + 14, width - 220) }}
          role="status"
        >
          <strong>Stream at {tick(hover)}</strong>
          {bars[hover]!.map((v, j) => (
            <div key={j}>
              <span className="swatch" style={{ background: sourceColor(j, nPoints) }} />{' '}
              {sourceLabel(j)}: {fmt(v)}
            </div>
          ))}
        </div>
      )}
      <DataTable
        data={{
          columns: ['point', ...Array.from({ length: nPoints }, (_, j) => sourceLabel(j))],
          rows: bars.map((b, k) => [
            tick(k),
            ...Array.from({ length: nPoints }, (_, j) => b?.[j] ?? null),
          ]),
        }}
      />
    </div>
  );
}
