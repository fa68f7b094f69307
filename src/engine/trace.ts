import { l2, type Floats } from './floats';
import type { Model } from './model';
import { IGNORE } from './ops/crossEntropy';
import { pointWriter } from './positions';
import { runSteps } from './steps';

/**
 * What the residual stream held for one sequence, point by point. Residual point k is the
 * stream before sublayer k and after sublayer k − 1; sublayer k = 2l is layer l's attention,
 * 2l + 1 its MLP. All arrays are copies (Float32, row-major), safe to transfer to another thread.
 */
export interface Trace {
  T: number;
  dModel: number;
  nLayers: number;
  nHeads: number;
  vocabSize: number;
  tokens: Int32Array; // (T)
  stream: Float32Array[]; // 2L+1 × (T, C)
  contribution: Float32Array[]; // 2L × (T, C): f(x) as the sublayer wrote it (0 if lesioned)
  lesioned: boolean[]; // 2L
  attention: Float32Array[]; // L × (nh, T, T)
  logits: Float32Array; // (T, V)
  /** Mean next-token loss over positions 0..T−2, NaN for a single token. */
  loss: number;
  /** ∂loss/∂stream at every residual point, 2L+1 × (T, C); null when not asked for. */
  streamGrad: Float32Array[] | null;
}

export interface TraceOptions {
  lesions?: ArrayLike<number | boolean> | null;
  /** Overrides the model's α for this trace (inference-time skip removal). */
  skipStrength?: number;
  /**
   * Called with each residual point as soon as the forward pass has it, with the contribution
   * of the sublayer just before (null at the embedding): how a worker streams a trace.
   * The arrays are the workspace's own; copy what you keep.
   */
  onPoint?: (point: number, stream: Floats, contribution: Floats | null, lesioned: boolean) => void;
  withGradients?: boolean;
}

/** Next-token targets for one sequence: each position predicts the following token. */
export function nextTokenTargets(tokens: ArrayLike<number>): Int32Array {
  const targets = new Int32Array(tokens.length).fill(IGNORE);
  for (let i = 0; i + 1 < tokens.length; i++) targets[i] = tokens[i + 1];
  return targets;
}

/** Runs one sequence through the model and copies out everything the views draw. */
export function traceSequence(
  model: Model,
  tokens: ArrayLike<number>,
  opts: TraceOptions = {},
): Trace {
  return runSteps(traceSteps(model, tokens, opts));
}

/**
 * Where traceSteps pauses: after a sublayer of the forward pass, or between the forward pass
 * and the backward pass.
 */
export type TraceStep = 'sublayer' | 'forward';

/**
 * traceSequence in steps: it pauses (yields) after each sublayer and between the forward pass
 * and the backward pass, so that a caller can let other work in there (the worker answers a lens
 * request there, and stops a trace a newer request supersedes: GPT-2's forward and its stream
 * gradient take about a second each). Until it finishes, nothing else may run on this model's
 * workspace: the rest of the pass reads what the part before left in it.
 */
export function* traceSteps(
  model: Model,
  tokens: ArrayLike<number>,
  opts: TraceOptions = {},
): Generator<TraceStep, Trace> {
  const c = model.config;
  const T = tokens.length;
  const ws = model.workspace(1, T);
  const targets = nextTokenTargets(tokens);
  const onPoint = opts.onPoint;
  const forward = model.forwardSteps(ws, tokens, targets, {
    lesions: opts.lesions,
    skipStrength: opts.skipStrength,
    patch:
      onPoint &&
      ((k, x) =>
        onPoint(
          k,
          x,
          k > 0 ? ws.contribution[pointWriter(k)] : null,
          k > 0 && ws.lesions[pointWriter(k)] === 1,
        )),
  });
  let loss: number;
  for (;;) {
    const step = forward.next();
    if (step.done) {
      loss = step.value;
      break;
    }
    yield 'sublayer';
  }
  const withGrads = (opts.withGradients ?? false) && T > 1;
  // A trained model's parameter gradients are read after a trace (analysis/gradientFlow.ts);
  // an inference model has none, and its trace needs only the stream's.
  if (withGrads) {
    yield 'forward';
    if (model.inference) {
      // An inference model's backward (GPT-2's) pauses between sublayers as its forward does.
      const backward = model.streamBackwardSteps(ws);
      while (!backward.next().done) yield 'sublayer';
    } else model.backward(ws);
  }
  const copy = (v: Floats): Float32Array => Float32Array.from(v);
  return {
    T,
    dModel: c.dModel,
    nLayers: c.nLayers,
    nHeads: c.nHeads,
    vocabSize: c.vocabSize,
    tokens: Int32Array.from(ws.tokens),
    stream: ws.stream.map(copy),
    contribution: ws.contribution.map(copy),
    lesioned: Array.from(ws.lesions, (v) => v === 1),
    attention: ws.att.map(copy),
    logits: copy(ws.logits),
    loss,
    streamGrad: withGrads ? ws.streamGrad.map(copy) : null,
  };
}

/** L2 norm of each row (token) of a (T, C) matrix. */
export function rowNorms(m: Float32Array, T: number, C: number): Float32Array {
  const out = new Float32Array(T);
  for (let t = 0; t < T; t++) out[t] = l2(m, t * C, (t + 1) * C);
  return out;
}

/** Mean over tokens of the per-token L2 norm. */
export function meanRowNorm(m: Float32Array, T: number, C: number): number {
  const norms = rowNorms(m, T, C);
  let s = 0;
  for (const v of norms) s += v;
  return s / T;
}

export interface TraceSummary {
  tokens: number[];
  loss: number | null;
  finalLogits: number[];
  /** Mean per-token ‖x_k‖ at each residual point. */
  streamNorms: number[];
  /** Mean per-token ‖f_k(x)‖ of each sublayer. */
  contributionNorms: number[];
  /** ‖∂loss/∂x_k‖ (Frobenius over the sequence) at each residual point. */
  streamGradNorms: number[] | null;
}

export function summarizeTrace(tr: Trace): TraceSummary {
  const { T, dModel: C, vocabSize: V } = tr;
  return {
    tokens: Array.from(tr.tokens),
    loss: Number.isFinite(tr.loss) ? tr.loss : null,
    finalLogits: Array.from(tr.logits.subarray((T - 1) * V, T * V)),
    streamNorms: tr.stream.map((s) => meanRowNorm(s, T, C)),
    contributionNorms: tr.contribution.map((s) => meanRowNorm(s, T, C)),
    streamGradNorms: tr.streamGrad ? tr.streamGrad.map((g) => l2(g)) : null,
  };
}
