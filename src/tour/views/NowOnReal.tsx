import type { ReactNode } from 'react';
import type { RealVerdict } from '../realVerdicts';
import type { TourRealTraces } from '../useTourRealTraces';
import '../tour.css';

interface Props {
  /** The chapter's key, for test ids. */
  id: string;
  real: TourRealTraces;
  /** What is measured, in a sentence. */
  measure: string;
  verdict: RealVerdict | null;
  /**
   * Why there is no verdict while both traces are in: the small model's side is not the one the
   * comparison is made with (another source, sublayers removed). Null while tracing.
   */
  waiting?: string | null;
  /** The figures the verdict quotes, unrounded, for tests and for the reader who inspects. */
  values: Record<string, number>;
  /** More of the same claim on GPT-2, below the verdict (chapter 5's lesion sweep). */
  children?: ReactNode;
}

/**
 * "Now on GPT-2": a chapter's claim measured on the real model beside the small one, below the
 * chapter's own story, with the sentence GPT-2 read and whether that was the reader's own text.
 */
export function NowOnReal({ id, real, measure, verdict, waiting, values, children }: Props) {
  const { name, read } = real;
  const T = real.on?.start.T;
  const state = verdict
    ? verdict.same
      ? 'same'
      : 'different'
    : real.error
      ? 'error'
      : waiting
        ? 'waiting'
        : 'loading';
  return (
    <aside
      className="tour-real"
      data-testid={`real-${id}`}
      data-state={state}
      data-values={JSON.stringify(values)}
      aria-labelledby={`real-${id}-h`}
    >
      <h3 id={`real-${id}-h`}>Now on {name}</h3>
      <p>{measure}</p>
      <p className="tour-real-verdict" data-testid={`real-${id}-verdict`} aria-live="polite">
        {verdict
          ? verdict.text
          : real.error
            ? `${name} could not be traced: ${real.error}`
            : (waiting ?? `Tracing ${name} on it (a few seconds for a model this size)…`)}
      </p>
      {children}
      <p className="hint">
        {read.own
          ? 'Read on your own text'
          : 'Read on a fixed English sentence, since the tour’s sentences are in the small models’ made-up language, which GPT-2 never saw'}
        : “{read.text}”{T ? ` (${T} tokens, <|endoftext|> first, as GPT-2 was trained)` : ''}.
      </p>
    </aside>
  );
}
