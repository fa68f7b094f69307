import type { ScaleLinear, ScaleLogarithmic, ScalePoint } from 'd3-scale';
import './chart.css';

/** Axes drawn as JSX from a d3 scale's ticks: d3 computes, React owns the nodes. */

type NumScale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

export function AxisLeft({
  scale,
  x,
  label,
  ticks = 5,
  format,
}: {
  scale: NumScale;
  x: number;
  label: string;
  ticks?: number;
  format?: (v: number) => string;
}) {
  const fmt = format ?? scale.tickFormat(ticks);
  const [y0, y1] = scale.range();
  // On a log scale label only powers of ten, which d3 would otherwise fill in between.
  const isLog = 'base' in scale;
  const values = scale
    .ticks(ticks)
    .filter((t) => !isLog || Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9);
  return (
    <g className="axis" aria-hidden="true">
      <line x1={x} x2={x} y1={y0} y2={y1} />
      {values.map((t) => (
        <g key={t} transform={`translate(${x},${scale(t)})`}>
          <line x2={-4} />
          <text x={-6} dy="0.32em" textAnchor="end">
            {fmt(t)}
          </text>
        </g>
      ))}
      <text
        className="axis-label"
        transform={`translate(${x - 38},${(y0 + y1) / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {label}
      </text>
    </g>
  );
}

interface BottomTick {
  key: number;
  x: number;
  /** The tick's label, or null to leave it unlabelled (when labels would collide). */
  text: string | null;
  current?: boolean;
}

/** A bottom axis from ticks a scale has placed: the baseline, the ticks, their labels, the axis label. */
function AxisBottom({
  x0,
  x1,
  y,
  label,
  ticks,
}: {
  x0: number;
  x1: number;
  y: number;
  label: string;
  ticks: BottomTick[];
}) {
  return (
    <g className="axis" aria-hidden="true">
      <line x1={x0} x2={x1} y1={y} y2={y} />
      {ticks.map((t) => (
        <g key={t.key} transform={`translate(${t.x},${y})`}>
          <line y2={4} />
          {t.text !== null && (
            <text y={16} textAnchor="middle" className={t.current ? 'tick-current' : undefined}>
              {t.text}
            </text>
          )}
        </g>
      ))}
      <text className="axis-label" x={(x0 + x1) / 2} y={y + 32} textAnchor="middle">
        {label}
      </text>
    </g>
  );
}

/** A bottom axis for a numeric scale (a training step, a depth). */
export function AxisBottomNumeric({
  scale,
  y,
  label,
  values,
  format,
}: {
  scale: NumScale;
  y: number;
  label: string;
  values: number[];
  format: (v: number) => string;
}) {
  const [x0, x1] = scale.range();
  const ticks = values.map((t) => ({ key: t, x: scale(t), text: format(t) }));
  return <AxisBottom x0={x0} x1={x1} y={y} label={label} ticks={ticks} />;
}

/** A bottom axis over the residual points (or sublayers), thinning labels that would collide. */
export function AxisBottomPoints({
  scale,
  y,
  label,
  tick,
  highlight,
}: {
  scale: ScalePoint<number>;
  y: number;
  label: string;
  tick: (k: number) => string;
  highlight?: number;
}) {
  const [x0, x1] = scale.range();
  const domain = scale.domain();
  const every = Math.max(1, Math.ceil((domain.length * 22) / Math.max(1, x1 - x0)));
  const ticks = domain.map((k, i) => ({
    key: k,
    x: scale(k) ?? 0,
    text: i % every === 0 || k === highlight ? tick(k) : null,
    current: k === highlight,
  }));
  return <AxisBottom x0={x0} x1={x1} y={y} label={label} ticks={ticks} />;
}
