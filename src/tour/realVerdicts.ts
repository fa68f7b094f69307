/**
 * The "Now on GPT-2" panels' verdicts: each claim measured the same way on the real model and
 * on our small one, sorted into the same few outcomes by the same thresholds, and said with the
 * numbers. "The same story" when both land in the same outcome, "a different story" otherwise;
 * nothing here knows which to expect.
 */
import { VANISHED } from '../analysis/depthRows';
import { lesionMeasure, type LesionLosses } from '../analysis/lesionCost';
import { count, num } from '../views/format';

/** Above this many times the random level, "roughly orthogonal" no longer describes it. */
export const ALIGNED = 2;
/** Below this many times the random level, the updates are as unrelated as random vectors. */
export const RANDOM_LIKE = 1.5;
/** A sublayer whose change is under this share of the stream's length passes it on nearly as is. */
export const QUIET = 0.25;
/** A removal that costs at most this many nats per token on held-out text counts as cheap. */
export const CHEAP = 0.25;

export interface RealVerdict {
  /** Both models land in the same outcome. */
  same: boolean;
  text: string;
}

const story = (same: boolean) => (same ? 'The same story' : 'A different story');

/** Mean |cos| between different sublayers' writes, and E|cos| of random vectors in d dimensions. */
export interface AlignmentFigures {
  meanAbs: number;
  random: number;
  dModel: number;
}

function alignment(f: AlignmentFigures): string {
  const times = f.meanAbs / f.random;
  return times > ALIGNED
    ? 'more aligned than random directions'
    : times < RANDOM_LIKE
      ? 'about as unrelated as random directions'
      : 'a little more aligned than random directions';
}

/** Chapter 2: do sublayers write in directions of their own? */
export function alignmentOnReal(
  name: string,
  small: AlignmentFigures,
  real: AlignmentFigures,
): RealVerdict {
  const same = alignment(small) === alignment(real);
  const figures = (f: AlignmentFigures) =>
    `mean |cosine| ${num(f.meanAbs)}, ${num(f.meanAbs / f.random)} times the ${num(f.random)} of random directions in d = ${f.dModel}`;
  return {
    same,
    text: `${story(same)}: ${name}’s sublayers write ${alignment(real)} (${figures(real)}); our small model’s are ${alignment(small)} (${figures(small)}).`,
  };
}

/** Mean over words of cos(x_top, x_0), and E|cos| of random vectors in d dimensions. */
export interface EmbeddingFigures {
  cos: number;
  random: number;
  dModel: number;
}

/** Whether the stream at the top still shows the embedding, against it, or neither. */
function embeddingState(f: EmbeddingFigures): string {
  return f.cos > ALIGNED * f.random
    ? 'still points toward what the embedding wrote'
    : f.cos < -ALIGNED * f.random
      ? 'points away from what the embedding wrote'
      : 'points no more toward the embedding than a random direction would';
}

/** Chapter 3: is what the embedding wrote still in the stream at the top? */
export function embeddingOnReal(
  name: string,
  small: EmbeddingFigures,
  real: EmbeddingFigures,
): RealVerdict {
  const same = embeddingState(small) === embeddingState(real);
  const figures = (f: EmbeddingFigures) =>
    `cosine ${num(f.cos)}, against ${num(f.random)} for random directions in d = ${f.dModel}`;
  return {
    same,
    text: `${story(same)}: after ${name}’s last layer the stream ${embeddingState(real)} (${figures(real)}); our small model’s stream ${embeddingState(small)} (${figures(small)}).`,
  };
}

/** ‖∂L/∂x_0‖ / ‖∂L/∂x_top‖ with skips and without (or weakened). */
export interface GradientFigures {
  on: number;
  off: number;
}

const reach = (r: number) =>
  r < VANISHED ? 'vanished' : r > 1 / VANISHED ? 'blown up' : 'gets through';

/**
 * Chapter 4: does the gradient get through with skips, and not without? GPT-2 has no twin
 * trained without skips, so its "without" is its own skips weakened to α now.
 */
export function gradientOnReal(
  name: string,
  small: GradientFigures,
  real: GradientFigures,
  alpha: number,
): RealVerdict {
  const same = reach(small.on) === reach(real.on) && reach(small.off) === reach(real.off);
  return {
    same,
    text:
      `${story(same)}: ${name}’s embedding receives ${num(real.on)} times the gradient arriving at the top with its skips (${reach(real.on)}), ` +
      `and ${num(real.off)} times it with them weakened to α = ${num(alpha)} now (${reach(real.off)}); ` +
      `our small models’: ${num(small.on)} with skips (${reach(small.on)}), ${num(small.off)} for the one trained without (${reach(small.off)}).`,
  };
}

/** ‖f_k(x)‖/‖x_k‖ of each sublayer, the mean over words (TraceEnd.contributionRatio). */
function quietness(ratios: ArrayLike<number>): { quiet: number; min: number; max: number } {
  const r = Array.from(ratios);
  return {
    quiet: r.filter((v) => v < QUIET).length,
    min: Math.min(...r),
    max: Math.max(...r),
  };
}

const quietShare = (q: { quiet: number }, S: number) =>
  q.quiet === 0 ? 'none' : q.quiet * 2 >= S ? 'most' : 'some';

/** Chapter 5: can a sublayer step aside, writing little next to the stream it joins? */
export function quietOnReal(
  name: string,
  small: ArrayLike<number>,
  real: ArrayLike<number>,
): RealVerdict {
  const qs = quietness(small);
  const qr = quietness(real);
  const same = quietShare(qs, small.length) === quietShare(qr, real.length);
  const figures = (q: ReturnType<typeof quietness>, S: number) =>
    `${q.quiet} of ${count(S, 'sublayer')} write less than ${num(QUIET)} of the stream’s length; ‖f(x)‖/‖x‖ runs from ${num(q.min)} to ${num(q.max)}`;
  return {
    same,
    text: `${story(same)}: in ${name}, ${figures(qr, real.length)}; in our small model, ${figures(qs, small.length)}.`,
  };
}

/** How many removals are cheap, and the dearest one, of a lesion sweep. */
function removals(r: LesionLosses) {
  const m = lesionMeasure(r, CHEAP);
  const S = m.increases.length;
  return { m, S, dearest: m.dearest?.v ?? NaN, k: m.dearest?.k ?? -1 };
}

/**
 * A lesion sweep in words: "3 of its 24 sublayers can each be removed for at most 0.25 nats per
 * token (intact: 3.3); removing layer 1 · MLP raises the loss most, by 5.8". When every removal
 * lowers the loss (or leaves it), as in a random model, there is no dearest removal to name, so
 * the sentence says so instead of calling a drop a cost. `label` names a sublayer
 * (views/labels.ts sublayerLabel).
 */
export function removalFigures(r: LesionLosses, label: (k: number) => string): string {
  const x = removals(r);
  const costliest =
    x.dearest > 0
      ? `removing ${label(x.k)} raises the loss most, by ${num(x.dearest)}`
      : 'no single removal raises the loss';
  return `${x.m.cheap.length} of its ${x.S} sublayers can each be removed for at most ${num(CHEAP)} nats per token (intact: ${num(r.intact)}); ${costliest}`;
}

/**
 * Chapter 5 with the lesion sweeps: is removing most single sublayers cheap? GPT-2's sweep
 * measures on English, the small model's on its grammar's held-out sentences; both in nats per
 * token, against the same threshold.
 */
export function removalOnReal(
  name: string,
  small: LesionLosses,
  real: LesionLosses,
  label: (k: number) => string,
): RealVerdict {
  const share = (r: LesionLosses) => {
    const x = removals(r);
    return quietShare({ quiet: x.m.cheap.length }, x.S);
  };
  const same = share(small) === share(real);
  return {
    same,
    text: `${story(same)}: in ${name}, ${removalFigures(real, label)}; in our small model with skips, ${removalFigures(small, label)}.`,
  };
}
