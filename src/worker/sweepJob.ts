import { gradientDepthSweep } from '../analysis/depthSweep';
import type { DepthRunResult, DepthSweepRequest, Response } from './protocol';

const SLICE_MS = 40;
const f32 = (v: ArrayLike<number>) => Float32Array.from(v);

/**
 * A depth sweep, run in slices so the worker stays able to answer; progress after every slice.
 * It is stopped by terminating its worker, which is why it runs in a worker of its own.
 */
export function runDepthSweep(req: DepthSweepRequest, post: (r: Response) => void): Promise<void> {
  const gen = gradientDepthSweep({
    layers: req.layers,
    norm: req.norm,
    skipStrength: req.skipStrength,
    trainSteps: req.trainSteps,
    seed: req.seed,
    batches: req.batches,
    init: req.init,
    compareInit: req.compareInit,
    trainSentences: 3000,
  });
  return new Promise((resolve, reject) => {
    const slice = () => {
      try {
        const started = performance.now();
        for (;;) {
          const r = gen.next();
          if (r.done) {
            const runs: DepthRunResult[] = r.value.map((run) => ({
              layers: run.layers,
              init: run.config.init,
              initStreamGrad: f32(run.init.streamGradNorm),
              trainedStreamGrad: f32(run.trained.streamGradNorm),
              initFirstOverLast: run.init.firstOverLast,
              trainedFirstOverLast: run.trained.firstOverLast,
              initLoss: run.init.loss,
              trainedLoss: run.trained.loss,
              diverged: run.diverged,
            }));
            post({ type: 'depthSwept', id: req.id, runs });
            resolve();
            return;
          }
          if (performance.now() - started > SLICE_MS) {
            post({ type: 'depthProgress', id: req.id, ...r.value });
            break;
          }
        }
        setTimeout(slice, 0);
      } catch (e) {
        reject(e);
      }
    };
    slice();
  });
}
