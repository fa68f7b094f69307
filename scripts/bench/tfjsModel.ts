import * as tf from '@tensorflow/tfjs-core';
import { LN_EPS } from '../../src/engine/ops/layernorm';
import type { Model } from '../../src/engine/model';
import type { BenchBatch } from './ours';

/**
 * The same GPT in TensorFlow.js, built from our model's weights, trained with TensorFlow.js's
 * own autodiff and Adam. It implements the bench's configuration only: pre-LN blocks,
 * x ← α·x + f(LN(x)), tanh GELU, tied unembedding, mean cross-entropy over every position.
 *
 * `layout` picks how linear weights are held: 'torch' keeps our [out, in] and multiplies by
 * the transpose, 'io' stores them pre-transposed as [in, out] so every forward product is a
 * plain A·B (TensorFlow.js's faster formulation on the wasm backend).
 */
export type WeightLayout = 'torch' | 'io';

export class TfjsGpt {
  private readonly vars = new Map<string, tf.Variable>();
  private readonly tokensOneHot: tf.Tensor2D;
  private readonly targets: tf.Tensor2D;
  private readonly causalMask: tf.Tensor2D;
  private readonly optimizer: tf.Optimizer;
  private readonly cfg;

  constructor(
    model: Model,
    private readonly batch: BenchBatch,
    private readonly layout: WeightLayout = 'torch',
  ) {
    this.cfg = model.config;
    if (this.cfg.norm !== 'pre') throw new Error('the TensorFlow.js model is pre-LN only');
    for (const s of model.params.specs) {
      const data = Float32Array.from(model.params.get(s.name));
      let t: tf.Tensor = tf.tensor(data, s.shape);
      if (layout === 'io' && s.fans) t = tf.transpose(t);
      this.vars.set(s.name, tf.variable(t, true, s.name));
    }
    const T = batch.T;
    // The embedding lookup as oneHot·W_te: the wasm backend lacks the kernel gather's gradient needs.
    const V = this.cfg.vocabSize;
    this.tokensOneHot = tf.cast(
      tf.oneHot(tf.tensor1d(batch.tokens, 'int32'), V),
      'float32',
    ) as tf.Tensor2D;
    this.targets = tf.cast(
      tf.oneHot(tf.tensor1d(batch.targets, 'int32'), V),
      'float32',
    ) as tf.Tensor2D;
    const mask = new Float32Array(T * T);
    for (let t = 0; t < T; t++) for (let s = t + 1; s < T; s++) mask[t * T + s] = -1e9;
    this.causalMask = tf.tensor2d(mask, [T, T]);
    this.optimizer = tf.train.adam(1e-3, 0.9, 0.99, 1e-8);
  }

  private v(name: string): tf.Variable {
    const t = this.vars.get(name);
    if (!t) throw new Error(`no variable ${name}`);
    return t;
  }

  /** x[N,I] → x·Wᵀ + b */
  private linear(x: tf.Tensor2D, prefix: string): tf.Tensor2D {
    const w = this.v(prefix + '.weight') as tf.Tensor2D;
    const y = this.layout === 'io' ? tf.matMul(x, w) : tf.matMul(x, w, false, true);
    return tf.add(y, this.v(prefix + '.bias'));
  }

  private layerNorm(x: tf.Tensor2D, prefix: string): tf.Tensor2D {
    const { mean, variance } = tf.moments(x, -1, true);
    const xhat = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, LN_EPS)));
    return tf.add(tf.mul(xhat, this.v(prefix + '.weight')), this.v(prefix + '.bias'));
  }

  private attention(x: tf.Tensor2D, l: number): tf.Tensor2D {
    const { B, T } = this.batch;
    const C = this.cfg.dModel;
    const nh = this.cfg.nHeads;
    const hs = C / nh;
    const qkv = this.linear(x, `transformer.h.${l}.attn.c_attn`); // (N, 3C)
    // (N, 3C) → q, k, v each (B, nh, T, hs)
    const heads = (t: tf.Tensor): tf.Tensor4D =>
      tf.transpose(tf.reshape(t, [B, T, nh, hs]), [0, 2, 1, 3]);
    const [q, k, v] = tf.split(qkv, 3, 1).map(heads);
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(hs)), this.causalMask);
    const y = tf.matMul(tf.softmax(scores), v); // (B, nh, T, hs)
    const merged = tf.reshape(tf.transpose(y, [0, 2, 1, 3]), [B * T, C]) as tf.Tensor2D;
    return this.linear(merged, `transformer.h.${l}.attn.c_proj`);
  }

  private mlp(x: tf.Tensor2D, l: number): tf.Tensor2D {
    const h = this.linear(x, `transformer.h.${l}.mlp.c_fc`);
    // tanh GELU: ½h(1 + tanh(√(2/π)(h + 0.044715h³)))
    const u = tf.mul(tf.add(h, tf.mul(tf.mul(tf.mul(h, h), h), 0.044715)), Math.sqrt(2 / Math.PI));
    const g = tf.mul(tf.mul(h, 0.5), tf.add(tf.tanh(u), 1)) as tf.Tensor2D;
    return this.linear(g, `transformer.h.${l}.mlp.c_proj`);
  }

  /** Mean next-token cross-entropy of the batch, as a scalar tensor. */
  lossTensor(): tf.Scalar {
    const { B, T } = this.batch;
    const C = this.cfg.dModel;
    const alpha = this.cfg.skipStrength;
    const wte = this.v('transformer.wte.weight') as tf.Tensor2D;
    const wpe = this.v('transformer.wpe.weight') as tf.Tensor2D;
    const pos = tf.tile(tf.slice(wpe, [0, 0], [T, C]), [B, 1]);
    let x = tf.add(tf.matMul(this.tokensOneHot, wte), pos) as tf.Tensor2D;
    for (let l = 0; l < this.cfg.nLayers; l++) {
      const p = `transformer.h.${l}.`;
      x = tf.add(tf.mul(x, alpha), this.attention(this.layerNorm(x, p + 'ln_1'), l));
      x = tf.add(tf.mul(x, alpha), this.mlp(this.layerNorm(x, p + 'ln_2'), l));
    }
    const h = this.layerNorm(x, 'transformer.ln_f');
    const logits = tf.matMul(h, wte, false, true); // (N, V), unembedding tied to wte
    const nll = tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, this.targets), 1));
    return tf.mean(nll);
  }

  forward(): number {
    return tf.tidy(() => this.lossTensor().dataSync()[0]);
  }

  /** Gradient norm over all weights, to check the backward pass against ours. */
  gradNorm(): number {
    return tf.tidy(() => {
      const { grads } = tf.variableGrads(() => this.lossTensor());
      let sum = 0;
      for (const g of Object.values(grads)) sum += tf.sum(tf.square(g)).dataSync()[0];
      return Math.sqrt(sum);
    });
  }

  /** Forward, its autodiff backward and one Adam update. */
  trainStep(): void {
    const cost = this.optimizer.minimize(() => this.lossTensor(), true, [...this.vars.values()]);
    cost?.dataSync();
    cost?.dispose();
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.tokensOneHot.dispose();
    this.targets.dispose();
    this.causalMask.dispose();
    this.optimizer.dispose();
  }
}
