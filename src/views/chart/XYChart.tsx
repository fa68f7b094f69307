import { expTick, sig3, siTick } from '../format';
import { scaleLinear, scaleLog } from 'd3-scale';
import { linePath } from './linePath';
import { AxisBottomNumeric, AxisLeft } from './Axes';
import { DataTable } from './DataTable';
import { drawable } from './drawable';
import { Tooltip } from './Tooltip';
import { useHover } from './useHover';
import { useWidth } from './useWidth';
import './chart.css';
import { ReferenceLines, type ReferenceLine } from './ReferenceLines';

export interface XYPoint {
  x: number;
  y: number;
}

export interface XYSeries {
  id: string;
  label: string;
  color: string;
  dashed?: boolean;
  /** Draw a dot at every point (for sparse series such as validation loss). */
  markers?: boolean;
  points: XYPoint[];
}

const M = { top: 10, right: 16, bottom: 40, left: 56 };

const finite = (p: XYPoint, xLog: boolean, yLog: boolean) =>
  drawable(p.x, xLog) && drawable(p.y, yLog);

/**
 * Lines over a numeric x (a training step, a depth), on linear or log axes, with an optional
 * horizontal reference line. Hovering shows, for each series, its point nearest the pointer.
 */
export function XYChart({
  series,
  xLabel,
  yLabel,
  xLog = false,
  yLog = false,
  xTickValues,
  xDomain,
  xFormat = siTick,
  yFormat,
  valueFormat = sig3,
  hoverLabel = (x: number) => `${xLabel} ${xFormat(x)}`,
  references = [],
  zero = true,
  height = 220,
  testId,
}: {
  series: XYSeries[];
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  xTickValues?: number[];
  /** An x range to show even before (or beyond) the data, e.g. a run's planned steps. */
  xDomain?: [number, number];
  xFormat?: (v: number) => string;
  yFormat?: (v: number) => string;
  valueFormat?: (v: number) => string;
  hoverLabel?: (x: number) => string;
  /** Y values to draw as dashed lines, each with its label. */
  references?: readonly ReferenceLine[];
  /** On a linear y axis, start it at zero (or below, for negative values). */
  zero?: boolean;
  height?: number;
  testId?: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const { hover: hoverX, pointer } = useHover<number>();
  const pts = series.flatMap((s) => s.points.filter((p) => finite(p, xLog, yLog)));
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const lines = references.filter((r) => drawable(r.y, yLog));
  for (const r of lines) ys.push(r.y);
  const xLo = Math.min(xDomain?.[0] ?? Infinity, xs.length ? Math.min(...xs) : xLog ? 1 : 0);
  const xHi = Math.max(xDomain?.[1] ?? -Infinity, xs.length ? Math.max(...xs) : 1);
  const yLo = ys.length ? Math.min(...ys) : yLog ? 1e-3 : 0;
  const yHi = ys.length ? Math.max(...ys) : 1;
  const xRange = [M.left, width - M.right];
  const x = xLog
    ? scaleLog()
        .base(2)
        .domain([xLo, xHi > xLo ? xHi : xLo * 2])
        .range(xRange)
    : scaleLinear()
        .domain([xLo, xHi > xLo ? xHi : xLo + 1])
        .range(xRange);
  const y = yLog
    ? scaleLog()
        .domain([yLo, yHi > yLo ? yHi : yLo * 10])
        .range([height - M.bottom, M.top])
        .nice()
    : scaleLinear()
        .domain([zero ? Math.min(0, yLo) : yLo, yHi > yLo ? yHi : yLo + 1])
        .range([height - M.bottom, M.top])
        .nice();
  const maxTicks = Math.max(2, Math.floor((width - M.left - M.right) / 60));
  const ticks = (xTickValues ?? (x.ticks(maxTicks) as number[])).filter(
    (_, i, arr) => arr.length <= maxTicks || i % Math.ceil(arr.length / maxTicks) === 0,
  );
  const path = (points: XYPoint[]) =>
    linePath(
      points,
      (p) => x(p.x),
      (p) => y(p.y),
    );
  const nearest = (s: XYSeries, at: number): XYPoint | null => {
    let best: XYPoint | null = null;
    for (const p of s.points) {
      if (!finite(p, xLog, yLog)) continue;
      if (!best || Math.abs(x(p.x) - x(at)) < Math.abs(x(best.x) - x(at))) best = p;
    }
    return best;
  };
  const snap = (px: number): number | null => {
    let best: number | null = null;
    for (const v of xs) if (best === null || Math.abs(x(v) - px) < Math.abs(x(best) - px)) best = v;
    return best;
  };

  return (
    <div ref={ref} className="chart-body" data-testid={testId}>
      <svg width={width} height={height} {...pointer(snap)}>
        <AxisLeft
          scale={y}
          x={M.left}
          label={yLabel}
          ticks={yLog ? 4 : 5}
          format={yFormat ?? (yLog ? expTick : undefined)}
        />
        <AxisBottomNumeric
          scale={x}
          y={height - M.bottom}
          label={xLabel}
          values={ticks}
          format={xFormat}
        />
        <ReferenceLines lines={lines} y={y} x1={M.left} x2={width - M.right} />
        {series.map((s) => {
          const ok = s.points.filter((p) => finite(p, xLog, yLog));
          return (
            <g key={s.id}>
              <path
                d={path(ok) ?? undefined}
                fill="none"
                stroke={s.color}
                strokeWidth={2.25}
                strokeDasharray={s.dashed ? '6 4' : undefined}
              />
              {(s.markers || ok.length === 1) &&
                ok.map((p) => (
                  <circle
                    key={p.x}
                    cx={x(p.x)}
                    cy={y(p.y)}
                    r={3.5}
                    fill={s.dashed ? 'var(--panel)' : s.color}
                    stroke={s.color}
                    strokeWidth={1.5}
                  />
                ))}
            </g>
          );
        })}
        {hoverX !== null && (
          <line
            className="hover-line"
            x1={x(hoverX)}
            x2={x(hoverX)}
            y1={M.top}
            y2={height - M.bottom}
          />
        )}
      </svg>
      {hoverX !== null && (
        <Tooltip
          x={x(hoverX) + 10}
          chartWidth={width}
          boxWidth={230}
          title={hoverLabel(hoverX)}
          rows={series.map((s) => {
            // A series without a point at the hovered x shows its nearest one, and says where.
            const p = nearest(s, hoverX);
            return {
              key: s.id,
              color: s.color,
              label: s.label,
              value: !p ? '—' : valueFormat(p.y) + (p.x !== hoverX ? ` (at ${xFormat(p.x)})` : ''),
            };
          })}
        />
      )}
      <DataTable
        data={{
          columns: ['series', xLabel, yLabel],
          rows: series.flatMap((s) => s.points.map((p) => [s.label, p.x, p.y])),
        }}
      />
    </div>
  );
}
