import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { appendBounded, type CurvePoint } from '../analysis/boundedCurve';
import { createHandler } from './handler';
import type { Response } from './protocol';

// A real garbage collection between samples, so the heap figures measure what is kept.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('endurance', () => {
  it('20,000 training steps through the worker handler keep memory and history bounded', async () => {
    const h = createHandler({ fetchBytes: async () => new ArrayBuffer(0) });
    let loss: CurvePoint[] = [];
    let last = 0;
    let stopped: Response | null = null;
    const heap: number[] = [];
    let peak = 0;
    const post = (r: Response) => {
      if (r.type === 'trainProgress') {
        // What the page does with each message (store/labBridge.ts).
        loss = appendBounded(
          loss,
          Array.from(r.steps, (step, i) => ({ step, value: r.losses[i] })),
          400,
        );
        last = r.steps[r.steps.length - 1];
        const used = process.memoryUsage().heapUsed;
        peak = Math.max(peak, used);
        if (heap.length < Math.floor(last / 5000)) {
          gc();
          heap.push(process.memoryUsage().heapUsed);
        }
      } else if (r.type === 'trainStopped') stopped = r;
    };
    const steps = 20_000;
    await h.handle(
      {
        type: 'trainStart',
        id: 1,
        run: { skipStrength: 1, nLayers: 1, dModel: 8, lr: 3e-3, steps, seed: 1, norm: 'pre' },
      },
      post,
    );
    while (!stopped) await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toMatchObject({ reason: 'done', step: steps });
    expect(last).toBe(steps);
    expect(loss.length).toBeLessThanOrEqual(400);
    // The heap after 5k steps and after 20k differ by less than 8 MB: nothing grows with the step count.
    expect(heap.length).toBeGreaterThanOrEqual(4);
    expect(heap[heap.length - 1] - heap[0]).toBeLessThan(8 * 1024 * 1024);
    console.log(
      `endurance: ${steps} steps, heap after GC ${heap.map((b) => (b / 2 ** 20).toFixed(1)).join(' → ')} MB, peak ${(peak / 2 ** 20).toFixed(1)} MB`,
    );
  }, 120_000);
});
