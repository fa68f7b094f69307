import type { ReactNode } from 'react';
import { useTourChapter } from './tourContext';
import './tour.css';

/** What the live numbers say after the reader did something. */
export interface Outcome {
  /** True when the data show what the text predicted. */
  holds: boolean;
  text: ReactNode;
  /** The figures quoted, as shown, for tests and the curious (data-values). */
  values: Record<string, string | number>;
}

/**
 * One "try this": a button that sets the state, what to expect, and — once that state is in
 * place and its numbers have arrived — what the numbers actually show, checked, not assumed.
 */
export function TryThis({
  id,
  action,
  expect,
  done,
  run,
  outcome,
}: {
  id: string;
  /** The button's words: "Turn the skip connections off". */
  action: string;
  /** The prediction, in the chapter's words. */
  expect: ReactNode;
  /** The state this try sets is in place. */
  done: boolean;
  run: () => void;
  /** Null while the numbers for that state are still being computed. */
  outcome: Outcome | null;
}) {
  const chapter = useTourChapter();
  const shown = chapter.active && done;
  const status = !shown ? 'waiting' : !outcome ? 'measuring' : outcome.holds ? 'holds' : 'differs';
  return (
    <div className="tour-try" data-testid={`try-${id}`} data-status={status}>
      <p className="tour-try-head">
        <span className="tour-try-label">Try this</span>
        <button
          type="button"
          className="tour-try-button"
          onClick={() => {
            chapter.activate();
            run();
          }}
          data-testid={`try-${id}-button`}
        >
          {action}
        </button>
      </p>
      <p className="tour-try-expect">{expect}</p>
      <p
        className={`tour-outcome ${status}`}
        role="status"
        data-testid={`outcome-${id}`}
        data-status={status}
        data-values={shown && outcome ? JSON.stringify(outcome.values) : undefined}
      >
        {status === 'measuring' && 'Measuring…'}
        {status === 'holds' && (
          <>
            <span aria-hidden="true" className="tour-mark">
              ✓
            </span>{' '}
            {outcome!.text}
          </>
        )}
        {status === 'differs' && (
          <>
            <strong>Not what we predicted.</strong> {outcome!.text}
          </>
        )}
      </p>
    </div>
  );
}
