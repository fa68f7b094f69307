import { textTokenCount, type TextTokenizer } from '../data/textTokenizer';
import { parameterGradientNorms } from '../analysis/gradientFlow';
import { identityMeasure } from '../analysis/identity';
import { LENS_TOP_K, lensOnRequest } from '../analysis/lensOutput';
import { meanEmbedding, traceLogitAttribution } from '../analysis/logitAttribution';
import { logitLens } from '../analysis/logitLens';
import { orthogonality } from '../analysis/orthogonality';
import { rankCollapse } from '../analysis/rankCollapse';
import { nextTokenLosses } from '../analysis/softmax';
import { l2 } from '../engine/floats';
import type { Model } from '../engine/model';
import { resolveSkipStrength } from '../engine/skipStrength';
import { traceSteps, type Trace } from '../engine/trace';
import type { Response, TraceRequest } from './protocol';
import { pointWriter, sublayerCount, sublayerKind, sublayerLayer } from '../engine/positions';

const f32 = (v: ArrayLike<number>) => Float32Array.from(v);

const allFinite = (v: ArrayLike<number>): boolean => {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
};

/** Where residual point p was written: the embedding, or the sublayer just before it. */
function pointPlace(p: number): string {
  if (p === 0) return 'the embedding';
  const k = pointWriter(p);
  return `layer ${sublayerLayer(k) + 1} · ${sublayerKind(k) === 'attn' ? 'attention' : 'MLP'}`;
}

/**
 * Finite but huge weights pass every check on a file and still overflow float32 (≈ 3.4e38) in
 * the forward pass; from then on the numbers are ±Infinity and NaN, which no chart can show.
 * Such a trace is refused as a whole, naming the first place it happened.
 */
export const overflowMessage = (place: string): string =>
  `The model's numbers overflowed at ${place} (values beyond float32's range); nothing is drawn from this trace.`;

/** Lets the worker's other messages in: a task of its own, after those already waiting. */
export const letOthersIn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A trace's pause: lets other work in, then says whether the trace goes on (false: a newer trace
 * on its channel is waiting, and this one stops there; scheduler.ts).
 */
export type TracePause = () => Promise<boolean>;

/**
 * How long the forward pass runs between pauses, at most a sublayer more: a click or a newer
 * request waits about this long, where it waited for GPT-2's whole forward (half a second or
 * more). One GPT-2-small sublayer on 64 tokens takes 10–40 ms.
 */
export const PAUSE_EVERY_MS = 30;
export const goOnAfterOthers: TracePause = () => letOthersIn().then(() => true);

/**
 * Runs one trace request: a start message, one message per residual point while the forward
 * pass runs, then everything that needs the whole pass (the lens, gradients, the measures). The
 * text is read with the model's own tokenizer (GPT-2's starts it with <|endoftext|>). Resolves
 * to the trace, which the worker keeps for the lens of a large vocabulary (lensJob.ts).
 *
 * It pauses (`pause`) every `pauseEveryMs` within the forward pass (between sublayers), after
 * the forward pass and after the backward pass: a lens request that arrived meanwhile is
 * answered there (protocol.ts `isUnqueued`) rather than after the whole trace, which for GPT-2
 * is about two seconds of the reader's click. A trace told at a pause not to go on (superseded)
 * sends nothing more and resolves to null: nobody reads the rest of it.
 */
export async function runTrace(
  model: Model,
  tokenizer: TextTokenizer,
  req: TraceRequest,
  post: (r: Response) => void,
  pause: TracePause = goOnAfterOthers,
  pauseEveryMs = PAUSE_EVERY_MS,
): Promise<Trace | null> {
  const { id, channel } = req;
  const c = model.config;
  const L = c.nLayers;
  const S = sublayerCount(L);
  for (const k of req.lesions) {
    if (k >= S)
      throw new Error(`Sublayer ${k} does not exist: this model has ${S} (0 to ${S - 1})`);
  }
  const enc = tokenizer.encode(req.text);
  if (textTokenCount(tokenizer, enc) === 0) throw new Error('Type a sentence to run the model on');
  const ids = enc.ids.subarray(0, c.contextLength);
  const T = ids.length;
  // The one place a trace's α is decided; TraceStart carries it so views draw the α they show.
  const skipStrength = resolveSkipStrength(req.skipStrength, c.skipStrength);
  post({
    type: 'traceStart',
    id,
    channel,
    slot: req.slot,
    words: enc.tokens.slice(0, T).map((t) => t.text),
    unknown: enc.tokens.slice(0, T).map((t) => t.unknown),
    truncated: enc.ids.length > T,
    tokenIds: Array.from(ids),
    T,
    dModel: c.dModel,
    nLayers: L,
    skipStrength,
    norm: c.norm,
  });
  const lesions = new Uint8Array(S);
  for (const k of req.lesions) lesions[k] = 1;
  let overflowAt: number | null = null;
  const steps = traceSteps(model, ids, {
    lesions,
    skipStrength,
    withGradients: true,
    onPoint: (point, stream, contribution, lesioned) => {
      // Nothing from the overflowing point on is sent: the error below replaces the trace.
      if (overflowAt !== null) return;
      if (!allFinite(stream) || (contribution && !allFinite(contribution))) {
        overflowAt = point;
        return;
      }
      post({
        type: 'tracePoint',
        id,
        channel,
        point,
        stream: f32(stream),
        contribution: contribution && f32(contribution),
        lesioned,
      });
    },
  });
  let step = steps.next();
  let paused = performance.now();
  for (; !step.done; step = steps.next()) {
    // Within the forward pass, a pause once a sublayer or a few have taken a while: a small
    // model's whole trace takes a few milliseconds, and a pause costs one.
    if (step.value === 'sublayer' && performance.now() - paused < pauseEveryMs) continue;
    if (!(await pause())) return null;
    paused = performance.now();
  }
  const trace = step.value;
  if (!(await pause())) return null;
  if (overflowAt !== null) throw new Error(overflowMessage(pointPlace(overflowAt)));
  if (!allFinite(trace.logits)) throw new Error(overflowMessage('the output (the logits)'));
  if (trace.streamGrad && !trace.streamGrad.every(allFinite))
    throw new Error(overflowMessage('the gradients (the backward pass)'));

  const positionLoss = f32(nextTokenLosses(trace.logits, ids, T, c.vocabSize));
  const attention = new Float32Array(L * c.nHeads * T * T);
  trace.attention.forEach((a, l) => attention.set(a, l * c.nHeads * T * T));
  const onRequest = lensOnRequest(c.vocabSize);
  const lens = onRequest ? null : logitLens(model, trace, LENS_TOP_K);
  const ortho = orthogonality(trace);
  const collapse = rankCollapse(trace);
  const identity = identityMeasure(trace);
  const hasGrads = trace.streamGrad !== null;
  const attribution = c.norm === 'post' ? null : attributionRows(model, trace, skipStrength);
  post({
    type: 'traceEnd',
    id,
    channel,
    loss: Number.isFinite(trace.loss) ? trace.loss : null,
    positionLoss,
    attention,
    nHeads: c.nHeads,
    lensOnRequest: onRequest,
    lensTopIds: lens?.topIds ?? new Int32Array(0),
    lensTopProbs: lens?.topProbs ?? new Float32Array(0),
    lensNextRank: lens?.nextRank ?? new Int32Array(0),
    lensInputRank: lens?.inputRank ?? new Int32Array(0),
    streamGradNorms: hasGrads ? f32(trace.streamGrad!.map((g) => l2(g))) : new Float32Array(0),
    // An inference model (GPT-2) computes no parameter gradients, so it has none to report.
    sublayerGradNorms:
      hasGrads && !model.inference
        ? f32(parameterGradientNorms(model).sublayer)
        : new Float32Array(0),
    contributionCosine: f32(ortho.cosine),
    contributionAbsCosine: f32(ortho.absCosine),
    contributionVsStream: f32(ortho.withStream),
    randomAbsCosine: ortho.randomAbsCosine,
    relativeResidual: f32(collapse.relativeResidual),
    pairwiseCosine: f32(collapse.meanPairwiseCosine),
    contributionRatio: f32(identity.contributionRatio),
    attribution: attribution?.rows ?? new Float32Array(0),
    attributionTarget: attribution?.targets ?? new Int32Array(0),
  });
  return trace;
}

/** Each position's top prediction, split by writer: rows of [embedding, sublayers, LN_f bias]. */
function attributionRows(model: Model, trace: Trace, skipStrength: number) {
  const width = trace.contribution.length + 2;
  const rows = new Float32Array(trace.T * width);
  const targets = new Int32Array(trace.T);
  const mean = meanEmbedding(model);
  for (let t = 0; t < trace.T; t++) {
    const a = traceLogitAttribution(model, trace, t, skipStrength, mean);
    rows.set([a.embedding, ...a.sublayer, a.finalBias], t * width);
    targets[t] = a.target;
  }
  return { rows, targets };
}
