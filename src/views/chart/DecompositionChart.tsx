import { f2 } from '../format';
import { scaleLinear, scalePoint, type ScaleLinear } from 'd3-scale';
import { memo, useMemo, useState } from 'react';
import { AxisBottomPoints, AxisLeft } from './Axes';
import { sourceColor } from './palette';
import { DataTable } from './DataTable';
import { drawableParts } from './drawable';
import { Tooltip } from './Tooltip';
import { useWidth } from './useWidth';
import './chart.css';

const M = { top: 10, right: 14, bottom: 40, left: 52 };

/**
 * One stacked bar per residual point: the signed length each source (embedding, then each
 * sublayer) contributes along the stream's direction. Positive parts stack up from zero,
 * negative parts down; the positive minus negative total is the stream's norm.
 * Bars after `current` are not drawn, so stepping builds the stream up; the axis is fitted to
 * every bar, so it stays put while the reader steps.
 */
export function DecompositionChart({
  bars: given,
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
  // A bar with a part that cannot be placed is left out whole (drawable.ts).
  const bars = useMemo(() => given.map(drawableParts), [given]);
  const x = useMemo(
    () =>
      scalePoint<number>()
        .domain(Array.from({ length: nPoints }, (_, k) => k))
        .range([M.left, width - M.right])
        .padding(0.5),
    [nPoints, width],
  );
  const y = useMemo(() => {
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
    return scaleLinear()
      .domain([lo, hi || 1])
      .range([height - M.bottom, M.top])
      .nice();
  }, [bars, height]);
  const barWidth = Math.max(4, Math.min(36, x.step() * 0.7));
  const colors = useMemo(
    () => Array.from({ length: nPoints }, (_, j) => sourceColor(j, nPoints)),
    [nPoints],
  );
  const axis = useMemo(
    () => (
      <>
        <AxisLeft scale={y} x={M.left} label="length along the stream" />
        <line className="zero-line" x1={M.left} x2={width - M.right} y1={y(0)} y2={y(0)} />
      </>
    ),
    [y, width],
  );

  return (
    <div ref={ref} className="chart-body">
      <svg width={width} height={height} onMouseLeave={() => setHover(null)}>
        {axis}
        <AxisBottomPoints
          scale={x}
          y={height - M.bottom}
          label="residual stream point"
          tick={tick}
          highlight={current}
        />
        {bars.map((parts, k) =>
          parts && k <= current ? (
            <StackedBar
              key={k}
              k={k}
              parts={parts}
              cx={x(k) ?? 0}
              barWidth={barWidth}
              y={y}
              colors={colors}
              isCurrent={k === current}
              onHover={setHover}
            />
          ) : null,
        )}
      </svg>
      {hover !== null && hover <= current && bars[hover] && (
        <Tooltip
          x={(x(hover) ?? 0) + 14}
          chartWidth={width}
          boxWidth={220}
          title={`Stream at ${tick(hover)}`}
          rows={bars[hover]!.map((v, j) => ({
            key: j,
            color: colors[j],
            label: sourceLabel(j),
            value: f2(v),
          }))}
        />
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

/** One point's bar; memoised, since a step of the scrubber changes only which one is current. */
const StackedBar = memo(function StackedBar({
  k,
  parts,
  cx,
  barWidth,
  y,
  colors,
  isCurrent,
  onHover,
}: {
  k: number;
  parts: readonly number[];
  cx: number;
  barWidth: number;
  y: ScaleLinear<number, number>;
  colors: string[];
  isCurrent: boolean;
  onHover: (k: number) => void;
}) {
  // Each part's span: positive parts stack up from zero, negative ones down.
  const spans: [number, number][] = [];
  let up = 0;
  let down = 0;
  for (const v of parts) {
    const from = v >= 0 ? up : down;
    spans.push([from, from + v]);
    if (v >= 0) up += v;
    else down += v;
  }
  return (
    <g onMouseEnter={() => onHover(k)} opacity={isCurrent ? 1 : 0.8}>
      {spans.map(([from, to], j) => (
        <rect
          key={j}
          x={cx - barWidth / 2}
          width={barWidth}
          y={y(Math.max(from, to))}
          height={Math.max(0, Math.abs(y(from) - y(to)))}
          fill={colors[j]}
          stroke={isCurrent ? 'var(--fg)' : 'none'}
          strokeWidth={0.5}
        />
      ))}
    </g>
  );
});
