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
  // Thin the labels when they would collide.
  const every = Math.max(1, Math.ceil((domain.length * 22) / Math.max(1, x1 - x0)));
  return (
    <g className="axis" aria-hidden="true">
      <line x1={x0} x2={x1} y1={y} y2={y} />
      {domain.map((k, i) => (
        <g key={k} transform={`translate(${scale(k)},${y})`}>
          <line y2={4} />
          {(i % every === 0 || k === highlight) && (
            <text
              y={16}
              textAnchor="middle"
              className={k === highlight ? 'tick-current' : undefined}
            >
              {tick(k)}
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
