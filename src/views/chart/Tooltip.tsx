import type { ReactNode } from 'react';
import { drawable } from './drawable';
import './chart.css';

export interface TooltipRow {
  key: string | number;
  /** The series' colour, shown as a swatch before the label. */
  color?: string;
  label: string;
  value: string;
}

/** One row per series with its value at point `k` ('—' where it has none). */
export function seriesRows(
  series: readonly {
    id: string;
    color: string;
    label: string;
    values: readonly (number | null)[];
  }[],
  k: number,
  format: (v: number) => string,
): TooltipRow[] {
  return series.map((s) => {
    const v = s.values[k];
    return {
      key: s.id,
      color: s.color,
      label: s.label,
      value: drawable(v) ? format(v) : '—',
    };
  });
}

/**
 * The box's left edge: at `x` where it fits, pulled back so that `boxWidth` px still fit inside
 * the chart, and never past the chart's left edge when the chart is narrower than the box.
 */
function tooltipLeft(x: number, chartWidth: number, boxWidth: number): number {
  return Math.max(0, Math.min(x, chartWidth - boxWidth));
}

/**
 * The hover box shared by the charts: an optional bold title, then one "swatch label: value"
 * line per row, or free `children`. role="status" so screen readers (and the e2e tests) find it.
 */
export function Tooltip({
  x,
  top,
  chartWidth,
  boxWidth = 200,
  title,
  rows,
  children,
}: {
  /** Where the box would like its left edge, in px from the chart's left. */
  x: number;
  /** Px from the chart's top; the stylesheet's default when left out. */
  top?: number;
  chartWidth: number;
  /** Room kept for the box at the chart's right edge; roughly its widest expected content. */
  boxWidth?: number;
  title?: ReactNode;
  rows?: TooltipRow[];
  children?: ReactNode;
}) {
  return (
    <div
      className="tooltip"
      role="status"
      style={{ left: tooltipLeft(x, chartWidth, boxWidth), top }}
    >
      {title !== undefined && <strong>{title}</strong>}
      {rows?.map((r) => (
        <div key={r.key}>
          {r.color !== undefined && (
            <>
              <span className="swatch" style={{ background: r.color }} />{' '}
            </>
          )}
          {r.label}: {r.value}
        </div>
      ))}
      {children}
    </div>
  );
}
