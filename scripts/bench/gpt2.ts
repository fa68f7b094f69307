/**
 * GPT-2 small's shape (d = 768, 12 layers, 12 heads, vocabulary 50,257) on 64 tokens, one
 * thread: our forward with the weights in the kernels' memory and copied per op, the stream gradients
 * (forward + streamBackward, no parameter gradients), the logit lens at all 25 points of one
 * position, the process's resident memory, and ONNX Runtime Web (WebAssembly SIMD) on the
 * same weights when scripts/fixtures/export-gpt2-onnx.py has written bench-models/.
 * Outputs are compared before anything is timed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measuringWindows, windowBatches } from '../../src/analysis/textBatches';
import { lesionSweep } from '../../src/analysis/lesion';
import { lensAtPosition } from '../../src/analysis/logitLens';
import { TEXT_WINDOWS } from '../../src/data/englishSample';
import { gpt2Tokenizer } from '../../src/data/gpt2Tokenizer';
import { f32KernelsFor } from '../../src/engine/kernels/select';
import { Model } from '../../src/engine/model';
import { deserializeModel } from '../../src/engine/modelFile';
import {
  holdWeightsInKernels,
  readyForTracing,
  releaseHeldWeights,
} from '../../src/engine/residentWeights';
import { Rng } from '../../src/engine/rng';
import { nextTokenTargets, traceSequence } from '../../src/engine/trace';
import { medianWallAndCpu, type TimingOptions, type WallAndCpu } from './timing';

export const GPT2_DIR = join(import.meta.dirname, '..', '..', 'bench-models');
const SAFETENSORS = join(GPT2_DIR, 'gpt2-random.safetensors');
const ONNX = join(GPT2_DIR, 'gpt2-random.onnx');
const T = 64;
const MB = 2 ** 20;

export interface Gpt2Result {
  weights: 'exported file' | 'random in the engine';
  tokens: number;
  forwardCopy: WallAndCpu;
  forward: WallAndCpu;
  /** GFLOP/s of the forward's products over its CPU time */
  forwardGflops: number;
  /** a forward and its streamBackward (no parameter gradients) */
  streamGrad: WallAndCpu;
  lens: WallAndCpu;
  lensPoints: number;
  /** the lab's lesion sweep, once: 2L + 1 passes over TEXT_WINDOWS of English, each from its lesion on */
  lesionSweep: WallAndCpu;
  /** process RSS with the model loaded and traced, its weights in the kernels' memory, before ONNX Runtime loads */
  residentMB: number;
  /** the kernels' memory: the weights, and the scratch reserved above them (touched only as used) */
  kernelMemoryMB: number;
  kernelWeightsMB: number;
  ort: { forward: WallAndCpu; forwardGflops: number; maxLogitDiff: number } | null;
  ortMissing: string | null;
}
/** 2 FLOPs a multiply-add of a 64-token forward's products: linear layers, causal attention, logits. */
function forwardFlops(m: Model): number {
  const { dModel: C, nLayers: L, mlpHidden: H, vocabSize: V } = m.config;
  const linear = T * (C * 3 * C + C * C + 2 * C * H);
  const attention = 2 * C * ((T * (T + 1)) / 2);
  return 2 * (L * (linear + attention) + T * C * V);
}

const kernelMemoryBytes = (): number => f32KernelsFor(new Float32Array(0))?.memoryBytes() ?? 0;

function loadModel(): { model: Model; weights: Gpt2Result['weights'] } {
  if (existsSync(SAFETENSORS)) {
    return { model: deserializeModel(readFileSync(SAFETENSORS)).model, weights: 'exported file' };
  }
  const config = { vocabSize: 50257, dModel: 768, nHeads: 12, nLayers: 12, contextLength: 1024 };
  return {
    model: new Model({ ...config, mlpHidden: 3072, seed: 14 }, { inference: true }),
    weights: 'random in the engine',
  };
}

export async function benchGpt2(
  timing: TimingOptions,
  say: (line: string) => void,
): Promise<Gpt2Result> {
  const { model, weights } = loadModel();
  const rng = new Rng(14);
  const tokens = Int32Array.from({ length: T }, () => rng.int(model.config.vocabSize));
  const targets = nextTokenTargets(tokens);
  const ws = model.workspace(1, T);
  const forward = (): number => model.forward(ws, tokens, targets);
  await readyForTracing(model);
  const kernelWeightsMB = holdWeightsInKernels(model) / MB;
  say('gpt2: forward, stream gradients and lens with the weights in the kernels’ memory…');
  const forwardTimes = await medianWallAndCpu(forward, timing);
  const streamGrad = await medianWallAndCpu(() => {
    forward();
    model.streamBackward(ws);
  }, timing);
  const trace = traceSequence(model, tokens);
  const lens = await medianWallAndCpu(() => lensAtPosition(model, trace, T - 1), timing);
  // Measured before anything runs with copies: the kernels' memory never shrinks, so the
  // copies' scratch would stay in it. With --expose-gc the file's bytes and the model's
  // first arrays are collected first.
  (globalThis as { gc?: () => void }).gc?.();
  const residentMB = process.memoryUsage().rss / MB;
  const kernelMemoryMB = kernelMemoryBytes() / MB;
  say('gpt2: the lab’s lesion sweep, once…');
  const { batches, blockSize } = windowBatches(measuringWindows(model, gpt2Tokenizer));
  const sweep = await medianWallAndCpu(() => lesionSweep(model, batches, blockSize), {
    warmup: 0,
    reps: 1,
    minReps: 1,
  });
  releaseHeldWeights();
  say('gpt2: forward with the weights in an ordinary array, copied per op…');
  const forwardCopy = await medianWallAndCpu(forward, { ...timing, warmup: 1, reps: 3 });
  const flops = forwardFlops(model);
  const result: Gpt2Result = {
    weights,
    tokens: T,
    forwardCopy,
    forward: forwardTimes,
    forwardGflops: flops / forwardTimes.cpuMs / 1e6,
    streamGrad,
    lens,
    lensPoints: trace.stream.length,
    lesionSweep: sweep,
    residentMB,
    kernelMemoryMB,
    kernelWeightsMB,
    ort: null,
    ortMissing: existsSync(ONNX)
      ? null
      : `${ONNX} is missing: run /usr/bin/python3 scripts/fixtures/export-gpt2-onnx.py`,
  };
  if (!result.ortMissing && weights === 'exported file') {
    say('gpt2: ONNX Runtime Web…');
    // The bench reports and never fails: a runtime that will not load is said, not thrown.
    result.ort = await benchOrt(tokens, trace.logits, timing, flops).catch((e: Error) => {
      result.ortMissing = `ONNX Runtime Web failed: ${e.message}`;
      return null;
    });
  } else if (!result.ortMissing) {
    result.ortMissing = `${SAFETENSORS} is missing, so ONNX Runtime's weights would not be ours`;
  }
  return result;
}

async function benchOrt(
  tokens: Int32Array,
  ours: Float32Array,
  timing: TimingOptions,
  flops: number,
): Promise<NonNullable<Gpt2Result['ort']>> {
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.simd = true;
  const session = await ort.InferenceSession.create(readFileSync(ONNX), {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  const input = new ort.Tensor('int64', BigInt64Array.from(tokens, BigInt), [1, tokens.length]);
  const run = async () => (await session.run({ input_ids: input })).logits.data as Float32Array;
  const logits = await run();
  let maxLogitDiff = 0;
  for (let i = 0; i < ours.length; i++)
    maxLogitDiff = Math.max(maxLogitDiff, Math.abs(logits[i] - ours[i]));
  const forward = await medianWallAndCpu(run, timing);
  await session.release();
  return { forward, forwardGflops: flops / forward.cpuMs / 1e6, maxLogitDiff };
}

/** The section `npm run bench` prints: figures, then ratios measured in this same process. */
export function printGpt2(r: Gpt2Result, say: (line?: string) => void): void {
  const t = (v: WallAndCpu): string =>
    `${v.ms.toFixed(0).padStart(6)} ms wall ${v.cpuMs.toFixed(0).padStart(6)} ms CPU`;
  say();
  say(`GPT-2 small's shape, ${r.tokens} tokens, one thread (weights: ${r.weights})`);
  say(
    `  forward, weights in the kernels     ${t(r.forward)}  (${r.forwardGflops.toFixed(1)} GFLOP/s of CPU time)`,
  );
  say(`  forward, weights copied per op      ${t(r.forwardCopy)}`);
  say(
    `  stream gradients (fwd + backward)   ${t(r.streamGrad)}  = ${(r.streamGrad.cpuMs / r.forward.cpuMs).toFixed(2)} × forward (CPU); ` +
      `backward alone ${((r.streamGrad.cpuMs - r.forward.cpuMs) / r.forward.cpuMs).toFixed(2)} ×`,
  );
  say(`  logit lens, ${r.lensPoints} points, 1 position    ${t(r.lens)}`);
  say(
    `  lab's lesion sweep (once)           ${t(r.lesionSweep)}  (${r.lensPoints} passes over ${TEXT_WINDOWS.count} × ${TEXT_WINDOWS.length} tokens)`,
  );
  say(
    `  resident memory (process RSS)       ${r.residentMB.toFixed(0)} MB, traced, the weights (${r.kernelWeightsMB.toFixed(0)} MB) in the ` +
      `kernels' memory (${r.kernelMemoryMB.toFixed(0)} MB of address space with the scratch reserve)`,
  );
  if (r.ort) {
    say(
      `  ONNX Runtime Web forward            ${t(r.ort.forward)}  (${r.ort.forwardGflops.toFixed(1)} GFLOP/s); ` +
        `its logits differ from ours by at most ${r.ort.maxLogitDiff.toExponential(2)}`,
    );
    say(
      `  ours/ORT forward                    ${(r.forward.ms / r.ort.forward.ms).toFixed(2)} wall, ${(r.forward.cpuMs / r.ort.forward.cpuMs).toFixed(2)} CPU (below 1: ours is faster)`,
    );
  } else {
    say(`  ONNX Runtime Web: not run: ${r.ortMissing}`);
  }
}
