import './chart.css';

/** A level worth comparing with (a threshold, a baseline's loss), drawn across a chart. */
export interface ReferenceLine {
  y: number;
  label: string;
}

/** Dashed lines across the plot from x1 to x2, each labelled at its right end. */
export function ReferenceLines({
  lines,
  y,
  x1,
  x2,
}: {
  lines: readonly ReferenceLine[];
  y: (v: number) => number;
  x1: number;
  x2: number;
}) {
  return (
    <>
      {lines.map((r) => (
        <g key={r.label} className="reference-line">
          <line x1={x1} x2={x2} y1={y(r.y)} y2={y(r.y)} />
          <text x={x2} y={y(r.y) - 4} textAnchor="end">
            {r.label}
          </text>
        </g>
      ))}
    </>
  );
}
