/** Names for steps and residual points, shared by the stepper and every chart. */

/** Steps run 0 = embedding, k + 1 = sublayer k, 2L + 1 = output. */
export function stepLabel(step: number, nLayers: number): string {
  if (step <= 0) return 'Embedding';
  if (step > 2 * nLayers) return 'Output';
  return sublayerLabel(step - 1);
}

export function sublayerLabel(k: number): string {
  return `Layer ${(k >> 1) + 1} · ${k % 2 === 0 ? 'attention' : 'MLP'}`;
}

/** Short tick label for residual point k: "emb", then "1a", "1m", "2a", … (after that sublayer). */
export function pointTick(k: number): string {
  if (k === 0) return 'emb';
  const j = k - 1;
  return `${(j >> 1) + 1}${j % 2 === 0 ? 'a' : 'm'}`;
}

export function pointLabel(k: number): string {
  return k === 0 ? 'the embedding' : `after ${sublayerLabel(k - 1)}`;
}

/** The residual point a step shows as "the stream now". */
export const stepPoint = (step: number, nLayers: number): number =>
  Math.min(Math.max(step, 0), 2 * nLayers);
