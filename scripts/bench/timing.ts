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

/** Median wall and CPU milliseconds of one run. */
export interface WallAndCpu {
  ms: number;
  cpuMs: number;
}

/**
 * medianMs for work that may be asynchronous (ONNX Runtime's session.run), with the median CPU
 * time of the process beside the wall time: on a shared machine the CPU time is the steadier
 * figure (one thread, so CPU ≤ wall; wall ≫ CPU means other work had the core).
 */
export async function medianWallAndCpu(
  fn: () => unknown,
  opts: TimingOptions = {},
): Promise<WallAndCpu> {
  const { warmup = 2, reps = 25, minReps = 3, budgetMs = 1500 } = opts;
  for (let i = 0; i < warmup; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  while (wall.length < reps) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
    if (wall.length >= minReps && performance.now() - start > budgetMs) break;
  }
  const median = (v: number[]): number => {
    v.sort((a, b) => a - b);
    const mid = v.length >> 1;
    return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  };
  return { ms: median(wall), cpuMs: median(cpu) };
}
