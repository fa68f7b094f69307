import { encode } from '../data/tokenizer';
import { parameterGradientNorms } from '../analysis/gradientFlow';
import { identityMeasure } from '../analysis/identity';
import { LENS_TOP_K } from '../analysis/lensOutput';
import { logitLens } from '../analysis/logitLens';
import { orthogonality } from '../analysis/orthogonality';
import { rankCollapse } from '../analysis/rankCollapse';
import { nextTokenLosses } from '../analysis/softmax';
import { l2 } from '../engine/floats';
import type { Model } from '../engine/model';
import { resolveSkipStrength } from '../engine/skipStrength';
import { traceSequence } from '../engine/trace';
import type { Response, TraceRequest } from './protocol';
import { sublayerCount } from '../engine/positions';

const f32 = (v: ArrayLike<number>) => Float32Array.from(v);

/**
 * Runs one trace request: a start message, one message per residual point while the forward
 * pass runs, then everything that needs the whole pass (the lens, gradients, the measures).
 */
export function runTrace(model: Model, req: TraceRequest, post: (r: Response) => void): void {
  const { id, channel } = req;
  const c = model.config;
  const L = c.nLayers;
  const S = sublayerCount(L);
  for (const k of req.lesions) {
    if (k >= S)
      throw new Error(`Sublayer ${k} does not exist: this model has ${S} (0 to ${S - 1})`);
  }
  const enc = encode(req.text);
  const ids = enc.ids.subarray(0, c.contextLength);
  const T = ids.length;
  if (T === 0) throw new Error('Type a sentence to run the model on');
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
  const trace = traceSequence(model, ids, {
    lesions,
    skipStrength,
    withGradients: true,
    onPoint: (point, stream, contribution, lesioned) =>
      post({
        type: 'tracePoint',
        id,
        channel,
        point,
        stream: f32(stream),
        contribution: contribution && f32(contribution),
        lesioned,
      }),
  });

  const positionLoss = f32(nextTokenLosses(trace.logits, ids, T, c.vocabSize));
  const attention = new Float32Array(L * c.nHeads * T * T);
  trace.attention.forEach((a, l) => attention.set(a, l * c.nHeads * T * T));
  const lens = logitLens(model, trace, LENS_TOP_K);
  const ortho = orthogonality(trace);
  const collapse = rankCollapse(trace);
  const identity = identityMeasure(trace);
  const hasGrads = trace.streamGrad !== null;
  post({
    type: 'traceEnd',
    id,
    channel,
    loss: Number.isFinite(trace.loss) ? trace.loss : null,
    positionLoss,
    attention,
    nHeads: c.nHeads,
    lensTopIds: lens.topIds,
    lensTopProbs: lens.topProbs,
    lensNextRank: lens.nextRank,
    lensInputRank: lens.inputRank,
    streamGradNorms: hasGrads ? f32(trace.streamGrad!.map((g) => l2(g))) : new Float32Array(0),
    sublayerGradNorms: hasGrads ? f32(parameterGradientNorms(model).sublayer) : new Float32Array(0),
    contributionCosine: f32(ortho.cosine),
    contributionAbsCosine: f32(ortho.absCosine),
    contributionVsStream: f32(ortho.withStream),
    randomAbsCosine: ortho.randomAbsCosine,
    relativeResidual: f32(collapse.relativeResidual),
    pairwiseCosine: f32(collapse.meanPairwiseCosine),
    contributionRatio: f32(identity.contributionRatio),
  });
}
