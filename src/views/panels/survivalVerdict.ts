import { f2 } from '../format';

/** How much of the input word one channel keeps after the last layer (as the panel plots it). */
export interface WordKept {
  /** cos(x, x₀): the stream against the word's own embedding. */
  cos: number;
  /** Rank of the input word when the stream is read through the output layer (1 = first). */
  rank: number;
}

/**
 * The survival panel's claim — with skips the word itself stays more readable at the top than
 * without — checked on the numbers it plots: it holds when the stream with skips is both closer
 * to the embedding and ranks the input word higher. Anything else is said as it is.
 * `weakened` names the "off" channel when it is no model without skips but the same model's
 * skips weakened now (GPT-2's only one, e.g. "skips weakened now (α = 0)").
 */
export function survivalVerdict(
  word: string,
  on: WordKept,
  off: WordKept,
  weakened?: string,
): { holds: boolean; text: string } {
  const without = weakened ? `with ${weakened}` : 'without';
  const closer = on.cos > off.cos;
  const higher = on.rank < off.rank;
  const figures = `cosine with its embedding ${f2(on.cos)} with skips against ${f2(off.cos)} ${without}; read through the output layer it ranks ${on.rank} against ${off.rank}.`;
  if (closer && higher)
    return {
      holds: true,
      text: `Here the word survives better with skips: after the last layer “${word}” keeps ${figures}`,
    };
  const against =
    !closer && !higher
      ? `by both measures ${weakened ? `the stream with ${weakened}` : 'the model without skips'} keeps more of the word`
      : closer
        ? 'the stream with skips points closer to the embedding, but the word ranks no higher'
        : 'the word ranks higher with skips, but the stream points no closer to its embedding';
  return {
    holds: false,
    text: `Here the claim does not hold as stated: ${against}. After the last layer “${word}” has ${figures}`,
  };
}
