/**
 * What removing each sublayer costs, read from a lesion sweep's losses (lesion.ts runs the
 * sweep in the worker): the increase L_k − L_intact, and which sublayers are cheap to lose.
 */
import { extremum } from './statistics';

export interface LesionLosses {
  /** Mean loss with every sublayer in place. */
  intact: number;
  /** (S): mean loss with sublayer k removed. */
  lesioned: ArrayLike<number>;
}

export interface LesionMeasure {
  /** Loss increase for removing each sublayer. */
  increases: number[];
  /** Sublayers whose removal costs at most `cheap` nats. */
  cheap: number[];
  expensive: number[];
  /** The largest increase among the cheap ones. */
  maxCheap: number;
  /**
   * The removal that raises the loss most, and by how much: possibly a drop (a random model's
   * removals may all lower it), so a caller says "costs the most" only when v > 0.
   */
  dearest: { k: number; v: number } | null;
}

export function lesionMeasure(r: LesionLosses, cheap: number): LesionMeasure {
  const increases = Array.from(r.lesioned, (v) => v - r.intact);
  const ks = increases.map((_, k) => k);
  const c = ks.filter((k) => increases[k] <= cheap);
  return {
    increases,
    cheap: c,
    expensive: ks.filter((k) => increases[k] > cheap),
    maxCheap: c.length ? Math.max(...c.map((k) => increases[k])) : NaN,
    dearest: extremum(increases, 'max'),
  };
}
