import { createHandler } from '../../src/worker/handler';
import type { Response } from '../../src/worker/protocol';
import { appendBounded, type CurvePoint } from '../../src/analysis/boundedCurve';

export interface EnduranceResult {
  steps: number;
  seconds: number;
  peakHeapMB: number;
  finalHeapMB: number;
  historyPoints: number;
}

/**
 * A long lab-style training run of a very small model through the worker's own handler, with
 * the page's bounded history: the peak heap it reaches is the figure to watch (the same run is
 * a test, src/worker/endurance.test.ts, which checks the heap does not grow).
 */
export async function enduranceRun(steps = 20_000): Promise<EnduranceResult> {
  const h = createHandler({ fetchBytes: async () => new ArrayBuffer(0) });
  let history: CurvePoint[] = [];
  let peak = 0;
  let done = false;
  const started = performance.now();
  const post = (r: Response) => {
    if (r.type === 'trainProgress') {
      history = appendBounded(
        history,
        Array.from(r.steps, (step, i) => ({ step, value: r.losses[i] })),
        400,
      );
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    } else if (r.type === 'trainStopped') done = true;
  };
  await h.handle(
    {
      type: 'trainStart',
      id: 1,
      run: {
        skipStrength: 1,
        nLayers: 1,
        dModel: 8,
        lr: 3e-3,
        steps,
        seed: 1,
        norm: 'pre',
        contextLength: 4,
        batchSize: 1,
      },
    },
    post,
  );
  while (!done) await new Promise((r) => setTimeout(r, 20));
  return {
    steps,
    seconds: (performance.now() - started) / 1000,
    peakHeapMB: peak / 2 ** 20,
    finalHeapMB: process.memoryUsage().heapUsed / 2 ** 20,
    historyPoints: history.length,
  };
}
