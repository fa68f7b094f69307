import { expTick, sig3 } from '../format';
import { scaleBand, scaleLinear, scaleLog } from 'd3-scale';
import { AxisLeft } from './Axes';
import { ReferenceLines, type ReferenceLine } from './ReferenceLines';
import { DataTable } from './DataTable';
import { drawable } from './drawable';
import { seriesRows, Tooltip } from './Tooltip';
import { useHover } from './useHover';
import { useWidth } from './useWidth';
import './chart.css';

export interface BarSeries {
  id: string;
  label: string;
  color: string;
  /** One value per category; null where it is not known. */
  values: (number | null)[];
}

const M = { top: 10, right: 14, bottom: 40, left: 56 };

/**
 * Grouped bars: one group per category (a sublayer, a layer), one bar per series side by side.
 * On a linear scale bars grow from zero (down for negative values); on a log scale from the
 * bottom of the axis. The highlighted category gets the "current" band; hover lists the values.
 */
export function BarChart({
  series,
  n,
  tick,
  name = tick,
  xLabel,
  yLabel,
  log = false,
  yDomain,
  highlight,
  valueFormat = sig3,
  axisFormat,
  height = 220,
  testId,
  references = [],
}: {
  series: BarSeries[];
  n: number;
  tick: (k: number) => string;
  /** The category's full name, for the hover box. */
  name?: (k: number) => string;
  xLabel: string;
  yLabel: string;
  log?: boolean;
  yDomain?: [number, number];
  highlight?: number;
  valueFormat?: (v: number) => string;
  axisFormat?: (v: number) => string;
  height?: number;
  testId?: string;
  /** Y values to draw as dashed lines (a threshold), each with its label. */
  references?: readonly ReferenceLine[];
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const { hover, setHover, pointer } = useHover<number>();
  const cats = Array.from({ length: n }, (_, k) => k);
  const x = scaleBand<number>()
    .domain(cats)
    .range([M.left, width - M.right])
    .paddingInner(0.25)
    .paddingOuter(0.15);
  const inner = scaleBand<string>()
    .domain(series.map((s) => s.id))
    .range([0, x.bandwidth()])
    .padding(0.08);
  const lines = references.filter((r) => drawable(r.y, log));
  const all = [
    ...series.flatMap((s) => s.values.filter((v): v is number => drawable(v, log))),
    ...lines.map((r) => r.y),
  ];
  const lo = yDomain?.[0] ?? (all.length ? Math.min(...all) : log ? 1e-3 : 0);
  const hi = yDomain?.[1] ?? (all.length ? Math.max(...all) : 1);
  const y = log
    ? scaleLog()
        .domain([lo, hi > lo ? hi : lo * 10])
        .range([height - M.bottom, M.top])
        .nice()
    : scaleLinear()
        .domain([Math.min(0, lo), Math.max(0, hi) || 1])
        .range([height - M.bottom, M.top])
        .nice();
  const base = log ? y.range()[0] : y(0);
  const every = Math.max(1, Math.ceil((n * 22) / Math.max(1, width - M.left - M.right)));

  return (
    <div ref={ref} className="chart-body" data-testid={testId}>
      <svg width={width} height={height} {...pointer()}>
        {highlight !== undefined && highlight >= 0 && highlight < n && (
          <rect
            className="current-band"
            x={(x(highlight) ?? 0) - (x.step() - x.bandwidth()) / 2}
            width={x.step()}
            y={M.top}
            height={height - M.top - M.bottom}
          />
        )}
        <AxisLeft
          scale={y}
          x={M.left}
          label={yLabel}
          ticks={log ? 4 : 5}
          format={axisFormat ?? (log ? expTick : undefined)}
        />
        <g className="axis" aria-hidden="true">
          <line x1={M.left} x2={width - M.right} y1={base} y2={base} />
          {cats.map((k, i) =>
            i % every === 0 || k === highlight ? (
              <text
                key={k}
                x={(x(k) ?? 0) + x.bandwidth() / 2}
                y={height - M.bottom + 16}
                textAnchor="middle"
                className={k === highlight ? 'tick-current' : undefined}
              >
                {tick(k)}
              </text>
            ) : null,
          )}
          <text
            className="axis-label"
            x={(M.left + width - M.right) / 2}
            y={height - M.bottom + 32}
            textAnchor="middle"
          >
            {xLabel}
          </text>
        </g>
        {cats.map((k) => (
          <g key={k} onMouseEnter={() => setHover(k)}>
            {/* A full-height target so short bars are easy to hover. */}
            <rect
              x={x(k)}
              width={x.bandwidth()}
              y={M.top}
              height={height - M.top - M.bottom}
              fill="transparent"
            />
            {series.map((s) => {
              const v = s.values[k];
              if (!drawable(v, log)) return null;
              const top = y(v);
              return (
                <rect
                  key={s.id}
                  x={(x(k) ?? 0) + (inner(s.id) ?? 0)}
                  width={inner.bandwidth()}
                  y={Math.min(top, base)}
                  height={Math.max(1, Math.abs(base - top))}
                  fill={s.color}
                  pointerEvents="none"
                />
              );
            })}
          </g>
        ))}
        <ReferenceLines lines={lines} y={y} x1={M.left} x2={width - M.right} />
      </svg>
      {hover !== null && (
        <Tooltip
          x={(x(hover) ?? 0) + x.bandwidth() + 6}
          chartWidth={width}
          boxWidth={200}
          title={name(hover)}
          rows={seriesRows(series, hover, valueFormat)}
        />
      )}
      <DataTable
        data={{
          columns: [xLabel, ...series.map((s) => s.label)],
          rows: cats.map((k) => [name(k), ...series.map((s) => s.values[k] ?? null)]),
        }}
      />
    </div>
  );
}
