/**
 * The logit lens at the last residual point, which is the model's own output, read from the
 * flat arrays the worker sends: lensTopIds (P, T, K) and lensNextRank (P, T), P = 2L + 1 points.
 * (The lens itself is logitLens.ts, which runs in the worker.)
 */

/** K: the lens keeps this many most likely words per point and position. */
export const LENS_TOP_K = 5;

/**
 * Up to this many words, a trace reads the lens at every position at once (the small models'
 * 64 words cost nothing); beyond it, one position on request. GPT-2's 50,257 words make the lens
 * 1.9 GFLOP a position, about 6 s for a 64-token trace at every position, which no reader
 * waits for to see a chart; its views ask for the word selected.
 */
export const LENS_ALL_POSITIONS_MAX_VOCAB = 4096;

export const lensOnRequest = (vocabSize: number): boolean =>
  vocabSize > LENS_ALL_POSITIONS_MAX_VOCAB;

export interface LensArrays {
  lensTopIds: ArrayLike<number>; // (P, T, K)
  lensNextRank: ArrayLike<number>; // (P, T)
}

/** The lens's top word at the output for every position ('?' for an id outside the vocabulary). */
export function outputGuesses(end: LensArrays, T: number, vocab: readonly string[]): string[] {
  const K = end.lensTopIds.length / end.lensNextRank.length; // (P, T, K) over (P, T)
  const P = end.lensNextRank.length / T;
  return Array.from({ length: T }, (_, t) => vocab[end.lensTopIds[((P - 1) * T + t) * K]] ?? '?');
}

/** How many positions the lens's top guess after the last layer is the word that follows. */
export function outputHits(end: LensArrays, T: number): number {
  const P = end.lensNextRank.length / T;
  let n = 0;
  for (let t = 0; t < T - 1; t++) if (end.lensNextRank[(P - 1) * T + t] === 0) n++;
  return n;
}

/** Per point of the lens: how many positions guess the word that follows, and how many distinct top words there are. */
export function lensRows(end: LensArrays, T: number): { hits: number[]; distinct: number[] } {
  const K = end.lensTopIds.length / end.lensNextRank.length;
  const P = end.lensNextRank.length / T;
  const hits: number[] = [];
  const distinct: number[] = [];
  for (let p = 0; p < P; p++) {
    let n = 0;
    const tops = new Set<number>();
    for (let t = 0; t < T; t++) {
      if (t < T - 1 && end.lensNextRank[p * T + t] === 0) n++;
      tops.add(end.lensTopIds[(p * T + t) * K]);
    }
    hits.push(n);
    distinct.push(tops.size);
  }
  return { hits, distinct };
}

/** One position's lens at every point, as the worker answers a lens request: (P, K) and (P). */
export interface LensColumn {
  topIds: ArrayLike<number>; // (P, K)
  topProbs: ArrayLike<number>; // (P, K)
  nextRank: ArrayLike<number>; // (P)
}

/**
 * The positions read so far laid out as a whole trace's lens, (P, T, K) and (P, T), so one grid
 * draws both; `read` marks the columns that hold numbers (the others hold id −1, rank −1).
 */
export function lensFromColumns(
  T: number,
  P: number,
  columns: Readonly<Record<number, LensColumn>>,
  K = LENS_TOP_K,
) {
  const topIds = new Int32Array(P * T * K).fill(-1);
  const topProbs = new Float32Array(P * T * K);
  const nextRank = new Int32Array(P * T).fill(-1);
  const read = Array.from({ length: T }, (_, t) => columns[t] !== undefined);
  for (let t = 0; t < T; t++) {
    const col = columns[t];
    if (!col) continue;
    for (let p = 0; p < P; p++) {
      for (let j = 0; j < K; j++) {
        topIds[(p * T + t) * K + j] = col.topIds[p * K + j];
        topProbs[(p * T + t) * K + j] = col.topProbs[p * K + j];
      }
      nextRank[p * T + t] = col.nextRank[p];
    }
  }
  return { topIds, topProbs, nextRank, read };
}
