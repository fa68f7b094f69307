import { useRef, type ReactNode } from 'react';
import { ChartExport } from '../controls/ChartExport';
import './chart.css';

/**
 * A chart's figure: title, the drawing, a caption that says what to look for, and a text
 * alternative stating the main numbers for screen readers.
 */
export function ChartFrame({
  id,
  title,
  caption,
  summary,
  legend,
  current,
  toolbar,
  exportTable,
  exportable = true,
  className,
  children,
}: {
  id: string;
  /** Layout classes from the page, e.g. `wide` for a chart that takes a whole grid row. */
  className?: string;
  /** The residual point the chart is showing as "now", exposed for tests and embeds. */
  current?: number;
  /** Buttons for the chart (embed, export), top right. */
  toolbar?: ReactNode;
  /** For a chart drawn as a table: its numbers as CSV, offered in place of SVG/PNG. */
  exportTable?: () => string | Promise<string>;
  /** False while a message stands in place of the chart: there is no drawing to download. */
  exportable?: boolean;
  title: string;
  caption: ReactNode;
  summary: string;
  legend?: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  return (
    <figure
      ref={ref}
      className={className ? `card chart ${className}` : 'card chart'}
      data-testid={`chart-${id}`}
      data-current={current}
      aria-labelledby={`${id}-title`}
    >
      <div className="chart-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <div className="chart-toolbar">
          {exportable && <ChartExport target={ref} name={id} table={exportTable} />}
          {toolbar}
        </div>
      </div>
      {legend && <div className="legend">{legend}</div>}
      {/* A group, not an image: some charts hold controls (the lens's word buttons, forms). */}
      <div role="group" aria-label={summary} data-testid={`${id}-summary`}>
        {children}
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/**
 * A chart's figure with nothing to draw and the reason in its place: a trace the worker refused
 * (its numbers overflowed) leaves every panel saying so rather than empty or spinning.
 */
export function ChartMessage({
  id,
  title,
  message,
}: {
  id: string;
  title: string;
  message: string;
}) {
  return (
    <ChartFrame id={id} title={title} summary={message} caption="" exportable={false}>
      <p className="inline-error" data-testid={`${id}-error`}>
        {message}
      </p>
    </ChartFrame>
  );
}

/**
 * A chart's figure while its numbers are still on their way: "Being computed." for screen
 * readers, what is being done in the chart's place, and no export (nothing is drawn yet).
 */
/** What a chart's summary says while its numbers are on their way (screen readers, tests). */
export const PENDING_SUMMARY = 'Being computed.';

export function ChartPending({
  note,
  ...frame
}: {
  id: string;
  title: string;
  className?: string;
  current?: number;
  toolbar?: ReactNode;
  note: string;
}) {
  return (
    <ChartFrame {...frame} summary={PENDING_SUMMARY} caption="" exportable={false}>
      <p className="chart-note">{note}</p>
    </ChartFrame>
  );
}

export function LegendItem({
  color,
  dashed,
  label,
}: {
  color: string;
  dashed?: boolean;
  label: string;
}) {
  return (
    <span className="legend-item">
      <svg width="22" height="10" aria-hidden="true">
        <line
          x1="1"
          x2="21"
          y1="5"
          y2="5"
          stroke={color}
          strokeWidth="2.5"
          strokeDasharray={dashed ? '4 3' : undefined}
        />
      </svg>
      {label}
    </span>
  );
}

/** One legend entry per series, drawn as the series is (colour, dashed or not). */
export function SeriesLegend({
  series,
}: {
  series: readonly { id: string; color: string; label: string; dashed?: boolean }[];
}) {
  return (
    <>
      {series.map((s) => (
        <LegendItem key={s.id} color={s.color} dashed={s.dashed} label={s.label} />
      ))}
    </>
  );
}
