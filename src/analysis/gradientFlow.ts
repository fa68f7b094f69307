/**
 * Claim 3, "skips give gradients a direct path", measured: ‖∂L/∂x_k‖ at every residual point,
 * and the gradient norm of each layer's parameters. With x_{k+1} = α·x_k + f_k(x_k) the backward
 * pass multiplies by (α·I + J_k) per sublayer: with α = 1 the identity carries the gradient down
 * whatever J_k does; with α = 0 it is the product of the J_k alone, which can shrink (or grow)
 * geometrically with depth.
 */
import type { Batch } from '../data/batches';
import type { Model } from '../engine/model';
import { batchWorkspace } from './evaluate';
import { traceList, type Traces } from './traces';
import { norm } from './vectors';
import { pointCount, sublayerCount, sublayerOf } from '../engine/positions';

/** (2L + 1): mean over traces of ‖∂L/∂x_k‖ (Frobenius over the sequence). */
export function streamGradientNorms(traces: Traces): Float64Array {
  const list = traceList(traces);
  const out = new Float64Array(pointCount(list[0].nLayers));
  for (const tr of list) {
    if (!tr.streamGrad) {
      throw new Error('the trace has no gradients: trace with { withGradients: true } and T ≥ 2');
    }
    tr.streamGrad.forEach((g, k) => (out[k] += norm(g, 0, g.length) / list.length));
  }
  return out;
}

export interface ParameterGradientNorms {
  /** ‖∂L/∂(W_te, W_pe)‖; W_te is tied to the unembedding, so it gets the output's gradient too. */
  embedding: number;
  /** (2L): ‖∂L/∂θ‖ over each sublayer's parameters, its LayerNorm included. */
  sublayer: Float64Array;
  /** (L): over each block's parameters (both sublayers). */
  layer: Float64Array;
  /** ‖∂L/∂(ln_f)‖ */
  finalNorm: number;
}

/** transformer.h.<l>.<module>.…, the nanoGPT names of params.ts. */
const BLOCK_PARAM = /^transformer\.h\.(\d+)\.([a-z_0-9]+)\./;

/** The parameter gradients left in model.grads by the last backward pass, grouped by block. */
export function parameterGradientNorms(model: Model): ParameterGradientNorms {
  const L = model.config.nLayers;
  const sq = { embedding: 0, finalNorm: 0, sublayer: new Float64Array(sublayerCount(L)) };
  for (const s of model.grads.specs) {
    const g = model.grads.get(s.name);
    const ss = norm(g, 0, g.length) ** 2;
    if (s.name.startsWith('transformer.wte.') || s.name.startsWith('transformer.wpe.')) {
      sq.embedding += ss;
    } else if (s.name.startsWith('transformer.ln_f.')) {
      sq.finalNorm += ss;
    } else {
      const m = BLOCK_PARAM.exec(s.name);
      if (!m) throw new Error(`parameter ${JSON.stringify(s.name)} belongs to no block`);
      // ln_1 feeds the attention (k = 2l), ln_2 the MLP (k = 2l + 1), in pre- and post-LN alike.
      const kind = m[2] === 'ln_1' || m[2] === 'attn' ? 'attn' : 'mlp';
      sq.sublayer[sublayerOf(Number(m[1]), kind)] += ss;
    }
  }
  const layer = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    layer[l] = Math.sqrt(sq.sublayer[sublayerOf(l, 'attn')] + sq.sublayer[sublayerOf(l, 'mlp')]);
  }
  return {
    embedding: Math.sqrt(sq.embedding),
    sublayer: sq.sublayer.map(Math.sqrt),
    layer,
    finalNorm: Math.sqrt(sq.finalNorm),
  };
}

export interface GradientProfile {
  /** Mean loss over the batches. */
  loss: number;
  /** (2L + 1): mean over batches of ‖∂L/∂x_k‖ (Frobenius over the batch). */
  streamGradNorm: Float64Array;
  /** (2L + 1): mean over batches and tokens of ‖x_k‖, to read the gradients against. */
  streamNorm: Float64Array;
  /** (L): mean over batches of each block's parameter gradient norm. */
  layerGradNorm: Float64Array;
  /**
   * ‖∂L/∂x_0‖ / ‖∂L/∂x_2L‖: how much of the gradient entering the top of the stack reaches its
   * bottom. About 1 means no vanishing; 1e-6 means the first layer learns a millionth as fast.
   */
  firstOverLast: number;
  /**
   * The same for the parameters: block 0's gradient norm over block L−1's. Unlike the stream
   * ratio it does not move when the stream's scale differs between bottom and top.
   */
  firstOverLastLayer: number;
}

/** Forward and backward over each batch (no update); the gradients are averaged. */
export function gradientProfile(
  model: Model,
  batches: readonly Batch[],
  blockSize?: number,
): GradientProfile {
  const ws = batchWorkspace(model, batches, blockSize);
  const L = model.config.nLayers;
  const stream = new Float64Array(pointCount(L));
  const streamNorm = new Float64Array(pointCount(L));
  const C = model.config.dModel;
  const layer = new Float64Array(L);
  let loss = 0;
  for (const b of batches) {
    loss += model.forward(ws, b.tokens, b.targets) / batches.length;
    model.backward(ws);
    ws.streamGrad.forEach((g, k) => (stream[k] += norm(g, 0, g.length) / batches.length));
    ws.stream.forEach((x, k) => {
      for (let n = 0; n < ws.N; n++) streamNorm[k] += norm(x, n * C, C) / (ws.N * batches.length);
    });
    parameterGradientNorms(model).layer.forEach((v, l) => (layer[l] += v / batches.length));
  }
  return {
    loss,
    streamGradNorm: stream,
    streamNorm,
    layerGradNorm: layer,
    firstOverLast: stream[0] / stream[pointCount(L) - 1],
    firstOverLastLayer: layer[0] / layer[L - 1],
  };
}
