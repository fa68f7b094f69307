/**
 * The bigram baseline: the best a model can do by looking at one previous token. Attention
 * earns its keep on everything below this line, e.g. a main verb whose number is set by a head
 * noun five words back.
 *
 * With add-k smoothing over a vocabulary of V words,
 *   P(next | prev) = (count(prev, next) + k) / (count(prev) + k·V)
 * and the loss is the mean of -ln P over every adjacent pair of the validation stream, in nats,
 * the same unit as the model's cross-entropy.
 */

export interface BigramLossInput {
  trainTokens: ArrayLike<number>;
  validTokens: ArrayLike<number>;
  vocabSize: number;
  /** k > 0: pseudo-count added to every bigram, so unseen pairs cost a finite amount. */
  smoothing: number;
}

export function bigramValidationLoss(input: BigramLossInput): number {
  const { trainTokens, validTokens, vocabSize: V, smoothing: k } = input;
  if (!(k > 0)) throw new Error(`Bigram smoothing must be positive, got ${k}`);
  if (validTokens.length < 2) throw new Error('The validation stream needs at least two tokens');
  const checkId = (id: number, where: string) => {
    if (!Number.isInteger(id) || id < 0 || id >= V) {
      throw new RangeError(`Token id ${id} in ${where} is outside 0..${V - 1}`);
    }
  };

  const pairCounts = new Float64Array(V * V); // (V, V): row = previous token
  const rowTotals = new Float64Array(V);
  for (let i = 0; i + 1 < trainTokens.length; i++) {
    const prev = trainTokens[i];
    const next = trainTokens[i + 1];
    checkId(prev, 'trainTokens');
    checkId(next, 'trainTokens');
    pairCounts[prev * V + next] += 1;
    rowTotals[prev] += 1;
  }
  // The last train token has no successor, so it is (rightly) never counted as a "prev".

  let nll = 0;
  for (let i = 0; i + 1 < validTokens.length; i++) {
    const prev = validTokens[i];
    const next = validTokens[i + 1];
    checkId(prev, 'validTokens');
    checkId(next, 'validTokens');
    const p = (pairCounts[prev * V + next] + k) / (rowTotals[prev] + k * V);
    nll -= Math.log(p);
  }
  return nll / (validTokens.length - 1);
}

/**
 * The unigram baseline: the loss of a model that knows only how often each word occurs,
 *   P(next) = (count(next) + k) / (n + k·V),
 * the level a model sits at when its context reaches the output no more.
 */
export function unigramValidationLoss(input: BigramLossInput): number {
  const { trainTokens, validTokens, vocabSize: V, smoothing: k } = input;
  if (!(k > 0)) throw new Error(`Unigram smoothing must be positive, got ${k}`);
  if (validTokens.length < 2) throw new Error('The validation stream needs at least two tokens');
  const counts = new Float64Array(V);
  for (let i = 0; i < trainTokens.length; i++) counts[trainTokens[i]] += 1;
  let nll = 0;
  // Scored on the same targets as the bigram: every validation token but the first.
  for (let i = 1; i < validTokens.length; i++) {
    nll -= Math.log((counts[validTokens[i]] + k) / (trainTokens.length + k * V));
  }
  return nll / (validTokens.length - 1);
}
