import { extent } from 'd3-array';
import { expTick, sig3 } from '../format';
import { scaleLinear, scaleLog, scalePoint } from 'd3-scale';
import { linePath } from './linePath';
import { useMemo } from 'react';
import { AxisBottomPoints, AxisLeft } from './Axes';
import { DataTable } from './DataTable';
import { drawable } from './drawable';
import { seriesRows, Tooltip } from './Tooltip';
import { useHover } from './useHover';
import { useWidth } from './useWidth';
import './chart.css';

export interface Series {
  id: string;
  label: string;
  color: string;
  dashed?: boolean;
  faint?: boolean;
  /** One value per residual point; null where it is not known (yet). */
  values: (number | null)[];
}

const M = { top: 10, right: 14, bottom: 40, left: 52 };

/**
 * Values over the residual points (embedding → after each sublayer), one line per series,
 * the current point marked, and the values at the hovered point listed.
 */
export function PointLineChart({
  series,
  nPoints,
  current,
  yLabel,
  tick,
  log = false,
  yDomain,
  valueFormat = sig3,
  axisFormat,
  height = 220,
}: {
  series: Series[];
  nPoints: number;
  current: number;
  yLabel: string;
  tick: (k: number) => string;
  log?: boolean;
  yDomain?: [number, number];
  valueFormat?: (v: number) => string;
  axisFormat?: (v: number) => string;
  height?: number;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const { hover, pointer } = useHover<number>();
  const ok = (v: number | null): v is number => drawable(v, log);
  // Scales, axes and lines change with the data and the width, not with the current point:
  // built once per data so that scrubbing through the layers only moves the highlight.
  const { x, y, lines } = useMemo(() => {
    const x = scalePoint<number>()
      .domain(Array.from({ length: nPoints }, (_, k) => k))
      .range([M.left, width - M.right])
      .padding(0.3);
    const [lo, hi] =
      yDomain ??
      (extent(series.flatMap((s) => s.values.filter(ok))) as
        [number, number] | [undefined, undefined]);
    const y = log
      ? scaleLog()
          .domain([lo ?? 1e-3, hi ?? 1])
          .range([height - M.bottom, M.top])
          .nice()
      : scaleLinear()
          .domain([Math.min(0, lo ?? 0), hi ?? 1])
          .range([height - M.bottom, M.top])
          .nice();
    const path = (values: (number | null)[]) =>
      linePath(
        values,
        (_, i) => x(i) ?? 0,
        (v) => y(v as number),
        ok,
      );
    const lines = (
      <>
        <AxisLeft
          scale={y}
          x={M.left}
          label={yLabel}
          format={axisFormat ?? (log ? expTick : undefined)}
          ticks={log ? 4 : 5}
        />
        {series.map((s) => (
          <g key={s.id} opacity={s.faint ? 0.45 : 1}>
            <path
              d={path(s.values) ?? undefined}
              fill="none"
              stroke={s.color}
              strokeWidth={s.faint ? 1.5 : 2.5}
              strokeDasharray={s.dashed ? '5 4' : undefined}
            />
            {s.values.map((v, k) =>
              ok(v) ? <circle key={k} cx={x(k)} cy={y(v)} r={2.5} fill={s.color} /> : null,
            )}
          </g>
        ))}
      </>
    );
    return { x, y, lines };
    // `ok` depends only on `log`, which is listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [series, nPoints, width, log, yDomain, height, yLabel, axisFormat]);
  const step = x.step();

  return (
    <div ref={ref} className="chart-body">
      <svg
        width={width}
        height={height}
        {...pointer((px) => {
          const k = Math.round((px - (x(0) ?? 0)) / step);
          return k >= 0 && k < nPoints ? k : null;
        })}
      >
        <rect
          className="current-band"
          x={(x(current) ?? 0) - step / 2}
          width={step}
          y={M.top}
          height={height - M.top - M.bottom}
        />
        <AxisBottomPoints scale={x} y={height - M.bottom} tick={tick} highlight={current} />
        {lines}
        {series.map((s) => {
          const v = s.values[current];
          return ok(v ?? null) ? (
            <circle
              key={s.id}
              cx={x(current)}
              cy={y(v as number)}
              r={4.5}
              fill={s.color}
              opacity={s.faint ? 0.45 : 1}
            />
          ) : null;
        })}
        {hover !== null && (
          <line
            className="hover-line"
            x1={x(hover)}
            x2={x(hover)}
            y1={M.top}
            y2={height - M.bottom}
          />
        )}
      </svg>
      {hover !== null && (
        <Tooltip
          x={(x(hover) ?? 0) + 10}
          chartWidth={width}
          boxWidth={190}
          title={tick(hover)}
          rows={seriesRows(series, hover, valueFormat)}
        />
      )}
      <DataTable
        data={{
          columns: ['point', ...series.map((s) => s.label)],
          rows: Array.from({ length: nPoints }, (_, k) => [
            tick(k),
            ...series.map((s) => s.values[k] ?? null),
          ]),
        }}
      />
    </div>
  );
}
