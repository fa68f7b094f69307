/**
 * Median wall time of `fn` in milliseconds: `warmup` untimed runs (so the JIT has compiled
 * the hot code and every buffer exists), then timed runs until `reps` are done or
 * `budgetMs` has passed, whichever comes first, but never fewer than `minReps`.
 */
export interface TimingOptions {
  warmup?: number;
  reps?: number;
  minReps?: number;
  budgetMs?: number;
}

export function medianMs(fn: () => void, opts: TimingOptions = {}): number {
  const { warmup = 2, reps = 25, minReps = 3, budgetMs = 1500 } = opts;
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < reps) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
    if (times.length >= minReps && performance.now() - start > budgetMs) break;
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
}

/** GFLOP/s from FLOPs and milliseconds. */
export const gflops = (flops: number, ms: number): number => flops / ms / 1e6;
