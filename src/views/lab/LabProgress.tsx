import type { ReactNode } from 'react';
import './lab.css';

/** One bar of a lab job's progress: what it counts, how far, and what is happening now. */
export interface ProgressRow {
  key: string;
  label: ReactNode;
  /** The label's colour class (a channel's `on-text`/`off-text`). */
  labelClass?: string;
  max: number;
  value: number;
  ariaLabel: string;
  text: string;
  testId?: string;
  /**
   * Read out by screen readers as it changes: for a row that moves once per model, not one that
   * moves with every training step.
   */
  announce?: boolean;
}

/** A long lab job's progress (the probes, the depth sweep): a labelled bar and a line per row. */
export function LabProgress({
  testId,
  status,
  rows,
}: {
  testId: string;
  /** The job's status, for tests and styles. */
  status: string;
  rows: readonly ProgressRow[];
}) {
  return (
    <div className="lab-progress" data-testid={testId} data-status={status}>
      {rows.map((r) => (
        <div key={r.key} className="lab-progress-row">
          <span className={r.labelClass}>{r.label}</span>
          <progress max={r.max} value={r.value} aria-label={r.ariaLabel} data-testid={r.testId} />
          <span className="lab-progress-text" role={r.announce ? 'status' : undefined}>
            {r.text}
          </span>
        </div>
      ))}
    </div>
  );
}
