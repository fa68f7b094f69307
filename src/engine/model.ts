import { INFERENCE_MAX_TOKENS } from './budget';
import { makeConfig, type ModelConfig } from './config';
import { allocFloats, l2, type Floats, type Precision } from './floats';
import { crossEntropyBackward, crossEntropyForward, IGNORE } from './ops/crossEntropy';
import { layerNormBackward, layerNormForward } from './ops/layernorm';
import { linearBackward, matmulAB, matmulABt } from './ops';
import { blockPrefix, initParams, ParamBuffer, paramSpecs } from './params';
import { sublayerCount, sublayerKind, sublayerLayer, sublayerOutput } from './positions';
import {
  attentionSublayerBackward,
  attentionSublayerForward,
  mlpSublayerBackward,
  mlpSublayerForward,
} from './sublayers';
import { resolveSkipStrength } from './skipStrength';
import { runSteps } from './steps';
import { Workspace } from './workspace';

export interface ForwardOptions {
  /** lesions[k] truthy removes sublayer k: the stream passes it unchanged. */
  lesions?: ArrayLike<number | boolean> | null;
  /**
   * Called with each residual point as soon as it is computed; may edit it in place
   * (activation patching, and how tests check ∂loss/∂stream by finite differences).
   */
  patch?: (point: number, stream: Floats) => void;
  /**
   * α to use instead of the configured one, for this pass only: "remove the skips from the
   * trained model at inference" is a forward with skipStrength 0.
   */
  skipStrength?: number;
  /**
   * Starts at residual point `point` with `stream` (N, C) as x_point, skipping the embedding and
   * the sublayers before it. Removing sublayer k leaves the stream up to point k as the intact
   * model has it, so a lesion sweep starts each lesioned pass there (analysis/lesion.ts) and
   * runs about half the sublayers. The workspace then holds nothing of the sublayers before
   * `point`, so no backward may follow such a pass.
   */
  from?: { point: number; stream: ArrayLike<number> };
}

/**
 * A GPT-style decoder whose skip connections can be dialled from residual (α = 1) to plain
 * (α = 0), with LayerNorm before, after or nowhere in the blocks. For sublayer f at point k:
 *
 *   pre   x_{k+1} = α·x_k + f(LN(x_k))
 *   post  x_{k+1} = LN(α·x_k + f(x_k))
 *   none  x_{k+1} = α·x_k + f(x_k)
 *
 * and a lesioned sublayer passes the stream unchanged: x_{k+1} = x_k.
 * Logits = LN_f(x_2L)·W_teᵀ (the unembedding is tied to the token embedding).
 */
export class Model {
  readonly config: ModelConfig;
  readonly precision: Precision;
  readonly params: ParamBuffer;
  /** Only traced, never trained: no parameter gradients, one workspace (engine/budget.ts). */
  readonly inference: boolean;
  private readonly gradBuffer: ParamBuffer | null;
  /** Where an inference model's LayerNorm backward puts the gain and bias gradients it drops. */
  private readonly droppedLnGrads: [Floats, Floats];
  private readonly workspaces = new Map<string, Workspace>();

  /**
   * `init: false` leaves the parameters at zero, for a caller that sets every one of them
   * (loading a file): drawing 200k random numbers only to overwrite them cost ~15 ms a model.
   * `inference: true` makes a model that is only traced (GPT-2): it allocates no gradient
   * buffer (124M floats for GPT-2 small), runs one window of at most INFERENCE_MAX_TOKENS rows,
   * and is charged the inference budget; streamBackward gives its stream gradients.
   */
  constructor(
    config: Partial<ModelConfig>,
    opts: { precision?: Precision; init?: boolean; inference?: boolean } = {},
  ) {
    this.inference = opts.inference ?? false;
    this.config = makeConfig(config, { inference: this.inference });
    this.precision = opts.precision ?? 'f32';
    const specs = paramSpecs(this.config);
    this.params = new ParamBuffer(specs, this.precision);
    this.gradBuffer = this.inference ? null : new ParamBuffer(specs, this.precision);
    const C = this.config.dModel;
    this.droppedLnGrads = [allocFloats(this.precision, C), allocFloats(this.precision, C)];
    if (opts.init !== false) initParams(this.params, this.config);
  }

  /** The parameter gradients left by the last backward; an inference model has none. */
  get grads(): ParamBuffer {
    if (!this.gradBuffer) {
      throw new Error('an inference model has no parameter gradients (use streamBackward)');
    }
    return this.gradBuffer;
  }

  /** The buffers for batch shape (B, T), made on first use and kept. */
  workspace(B: number, T: number): Workspace {
    if (!Number.isInteger(B) || B < 1)
      throw new Error(`batch size must be a positive integer, got ${B}`);
    if (!Number.isInteger(T) || T < 1 || T > this.config.contextLength) {
      throw new Error(
        `sequence length must be an integer from 1 to the context length ${this.config.contextLength}, got ${T}`,
      );
    }
    if (this.inference && B * T > INFERENCE_MAX_TOKENS) {
      throw new Error(
        `an inference model runs at most ${INFERENCE_MAX_TOKENS} rows at once, got B=${B} × T=${T}`,
      );
    }
    const key = `${B}x${T}`;
    let ws = this.workspaces.get(key);
    if (!ws) {
      // An inference model keeps only the latest shape: its budget holds one workspace.
      if (this.inference) this.workspaces.clear();
      ws = new Workspace(this.config, B, T, this.precision);
      this.workspaces.set(key, ws);
    }
    return ws;
  }

  /**
   * Runs the model on tokens (B·T, row-major) and returns the mean next-token loss, or NaN
   * when `targets` is null (or all IGNORE).
   */
  forward(
    ws: Workspace,
    tokens: ArrayLike<number>,
    targets: ArrayLike<number> | null = null,
    opts: ForwardOptions = {},
  ): number {
    return runSteps(this.forwardSteps(ws, tokens, targets, opts));
  }

  /**
   * The forward pass, yielding after each sublayer: a caller may let other work in there (the
   * worker's GPT-2 trace, whose sublayers take tens of milliseconds each), as long as nothing
   * else runs on `ws` until the pass ends. Returns what `forward` returns.
   */
  *forwardSteps(
    ws: Workspace,
    tokens: ArrayLike<number>,
    targets: ArrayLike<number> | null = null,
    opts: ForwardOptions = {},
  ): Generator<void, number> {
    const { lesions = null, patch, from } = opts;
    const c = this.config;
    const p = this.params;
    const { N, T } = ws;
    const C = c.dModel;
    const V = c.vocabSize;
    const S = sublayerCount(c.nLayers);
    const skipStrength = resolveSkipStrength(opts.skipStrength, c.skipStrength);
    ws.skipStrength = skipStrength;
    if (tokens.length !== N)
      throw new Error(`expected ${N} tokens (B=${ws.B} × T=${T}), got ${tokens.length}`);
    if (targets && targets.length !== N)
      throw new Error(`expected ${N} targets, got ${targets.length}`);
    if (lesions && lesions.length !== S) {
      throw new Error(`lesion mask must have one entry per sublayer (${S}), got ${lesions.length}`);
    }
    for (let i = 0; i < N; i++) {
      const t = tokens[i];
      if (!Number.isInteger(t) || t < 0 || t >= V)
        throw new Error(`token ${i} is ${t}; ids run from 0 to ${V - 1}`);
      ws.tokens[i] = t;
      const y = targets ? targets[i] : IGNORE;
      if (y !== IGNORE && (!Number.isInteger(y) || y < 0 || y >= V)) {
        throw new Error(`target ${i} is ${y}; ids run from 0 to ${V - 1}, or ${IGNORE} to ignore`);
      }
      ws.targets[i] = y;
    }
    ws.hasTargets = targets !== null;
    for (let k = 0; k < S; k++) ws.lesions[k] = lesions && lesions[k] ? 1 : 0;
    const start = from?.point ?? 0;
    if (!Number.isInteger(start) || start < 0 || start > S) {
      throw new Error(`a forward starts at a residual point from 0 to ${S}, got ${start}`);
    }
    ws.startPoint = start;
    const wte = p.get('transformer.wte.weight');

    if (from) {
      if (from.stream.length !== N * C) {
        throw new Error(
          `the stream to start from must have N·C = ${N * C} values, got ${from.stream.length}`,
        );
      }
      ws.stream[start].set(from.stream);
    } else {
      // Embedding: x_0[b,t] = W_te[token] + W_pe[t]
      const wpe = p.get('transformer.wpe.weight');
      const x0 = ws.stream[0];
      for (let n = 0; n < N; n++) {
        const tok = ws.tokens[n] * C;
        const pos = (n % T) * C;
        for (let i = 0; i < C; i++) x0[n * C + i] = wte[tok + i] + wpe[pos + i];
      }
    }

    patch?.(start, ws.stream[start]);

    for (let k = start; k < S; k++) {
      const x = ws.stream[k];
      const out = ws.stream[sublayerOutput(k)];
      const f = ws.contribution[k];
      if (ws.lesions[k]) {
        out.set(x);
        f.fill(0);
        patch?.(sublayerOutput(k), out);
        yield;
        continue;
      }
      const l = sublayerLayer(k);
      const attn = sublayerKind(k) === 'attn';
      const sublayer = attn ? attentionSublayerForward : mlpSublayerForward;
      const ln = blockPrefix(l) + (attn ? 'ln_1.' : 'ln_2.');
      if (c.norm === 'pre') {
        layerNormForward(
          ws.normed[k],
          ws.lnMean[k],
          ws.lnRstd[k],
          x,
          p.get(ln + 'weight'),
          p.get(ln + 'bias'),
          N,
          C,
        );
        sublayer(c, p, ws, l, ws.normed[k], f);
        for (let i = 0; i < N * C; i++) out[i] = skipStrength * x[i] + f[i];
      } else if (c.norm === 'post') {
        sublayer(c, p, ws, l, x, f);
        const sum = ws.normed[k];
        for (let i = 0; i < N * C; i++) sum[i] = skipStrength * x[i] + f[i];
        layerNormForward(
          out,
          ws.lnMean[k],
          ws.lnRstd[k],
          sum,
          p.get(ln + 'weight'),
          p.get(ln + 'bias'),
          N,
          C,
        );
      } else {
        sublayer(c, p, ws, l, x, f);
        for (let i = 0; i < N * C; i++) out[i] = skipStrength * x[i] + f[i];
      }
      patch?.(sublayerOutput(k), out);
      yield;
    }

    layerNormForward(
      ws.lnfOut,
      ws.lnfMean,
      ws.lnfRstd,
      ws.stream[S], // point 2L: after the last block
      p.get('transformer.ln_f.weight'),
      p.get('transformer.ln_f.bias'),
      N,
      C,
    );
    matmulABt(ws.logits, ws.lnfOut, wte, N, C, V);
    return crossEntropyForward(ws.probs, ws.logits, ws.hasTargets ? ws.targets : null, N, V);
  }

  /**
   * Back-propagates the loss of the last forward on `ws`: overwrites every parameter gradient
   * in `this.grads` and fills ws.streamGrad with ∂loss/∂x_k at every residual point.
   */
  backward(ws: Workspace): void {
    runSteps(this.backPropagate(ws, this.grads));
  }

  /**
   * Fills ws.streamGrad with ∂loss/∂x_k at every residual point of the last forward on `ws`,
   * computing no parameter gradient (and leaving `grads`, if any, untouched): what a trace
   * needs, at about the cost of a forward instead of two.
   */
  streamBackward(ws: Workspace): void {
    runSteps(this.streamBackwardSteps(ws));
  }

  /** streamBackward, yielding after each sublayer as forwardSteps does. */
  streamBackwardSteps(ws: Workspace): Generator<void, void> {
    return this.backPropagate(ws, null);
  }

  /** The backward pass, a sublayer per step; g = null skips every parameter gradient. */
  private *backPropagate(ws: Workspace, g: ParamBuffer | null): Generator<void, void> {
    if (!ws.hasTargets) throw new Error('backward needs a forward pass with targets');
    if (ws.startPoint !== 0) {
      throw new Error(
        `backward needs a forward from the embedding; the last one started at point ${ws.startPoint}`,
      );
    }
    const c = this.config;
    const p = this.params;
    const { N } = ws;
    const C = c.dModel;
    const V = c.vocabSize;
    const S = sublayerCount(c.nLayers);
    const skipStrength = ws.skipStrength;
    const lnGrads = (ln: string): [Floats, Floats] =>
      g ? [g.get(ln + 'weight'), g.get(ln + 'bias')] : this.droppedLnGrads;
    g?.data.fill(0);

    crossEntropyBackward(ws.dLogits, ws.probs, ws.targets, N, V);
    const wte = p.get('transformer.wte.weight');
    if (g) {
      linearBackward(
        ws.dLnfOut,
        g.get('transformer.wte.weight'),
        null,
        ws.dLogits,
        ws.lnfOut,
        wte,
        N,
        C,
        V,
      );
    } else {
      matmulAB(ws.dLnfOut, ws.dLogits, wte, N, V, C);
    }
    layerNormBackward(
      ws.streamGrad[S],
      ...lnGrads('transformer.ln_f.'),
      ws.dLnfOut,
      ws.stream[S],
      ws.lnfMean,
      ws.lnfRstd,
      p.get('transformer.ln_f.weight'),
      N,
      C,
    );

    for (let k = S - 1; k >= 0; k--) {
      const dOut = ws.streamGrad[sublayerOutput(k)];
      const dx = ws.streamGrad[k];
      if (ws.lesions[k]) {
        dx.set(dOut);
        yield;
        continue;
      }
      const l = sublayerLayer(k);
      const attn = sublayerKind(k) === 'attn';
      const sublayerBackward = attn ? attentionSublayerBackward : mlpSublayerBackward;
      const ln = blockPrefix(l) + (attn ? 'ln_1.' : 'ln_2.');
      const x = ws.stream[k];
      if (c.norm === 'pre') {
        // dx = α·dOut + LN'ᵀ(f'ᵀ dOut)
        sublayerBackward(c, p, g, ws, l, ws.normed[k], dOut);
        layerNormBackward(
          dx,
          ...lnGrads(ln),
          ws.dFIn,
          x,
          ws.lnMean[k],
          ws.lnRstd[k],
          p.get(ln + 'weight'),
          N,
          C,
        );
        for (let i = 0; i < N * C; i++) dx[i] += skipStrength * dOut[i];
      } else if (c.norm === 'post') {
        // dSum = LN'ᵀ dOut;  dx = α·dSum + f'ᵀ dSum
        const dSum = ws.dNormed;
        layerNormBackward(
          dSum,
          ...lnGrads(ln),
          dOut,
          ws.normed[k],
          ws.lnMean[k],
          ws.lnRstd[k],
          p.get(ln + 'weight'),
          N,
          C,
        );
        sublayerBackward(c, p, g, ws, l, x, dSum);
        for (let i = 0; i < N * C; i++) dx[i] = skipStrength * dSum[i] + ws.dFIn[i];
      } else {
        sublayerBackward(c, p, g, ws, l, x, dOut);
        for (let i = 0; i < N * C; i++) dx[i] = skipStrength * dOut[i] + ws.dFIn[i];
      }
      yield;
    }

    if (!g) return;
    // Embedding: every row of ∂x_0 flows to its token's and its position's embedding.
    const dwte = g.get('transformer.wte.weight');
    const dwpe = g.get('transformer.wpe.weight');
    const d0 = ws.streamGrad[0];
    for (let n = 0; n < N; n++) {
      const tok = ws.tokens[n] * C;
      const pos = (n % ws.T) * C;
      for (let i = 0; i < C; i++) {
        dwte[tok + i] += d0[n * C + i];
        dwpe[pos + i] += d0[n * C + i];
      }
    }
  }

  /** Global L2 norm of the gradient buffer (before any clipping). */
  gradNorm(): number {
    return l2(this.grads.data);
  }
}
