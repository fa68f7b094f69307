import type { Floats } from '../floats';
import { f32KernelsFor } from '../kernels/select';

/** Batch, positions, model width and heads (hs = C/nh), the dimensions every attention kernel takes. */
export type AttentionDims = [B: number, T: number, C: number, nh: number];

/**
 * Causal multi-head self-attention on packed projections.
 *
 *   qkv : (B, T, 3C)  rows hold [q | k | v], each split into nh heads of hs = C/nh
 *   att : (B, nh, T, T) softmax(q·kᵀ/√hs) with future positions masked (stored as 0)
 *   y   : (B, T, C)   heads concatenated: y[b,t,h·hs:(h+1)·hs] = Σ_s att[b,h,t,s]·v[b,s,h]
 */
export function attentionForward(
  y: Floats,
  att: Floats,
  qkv: Floats,
  ...[B, T, C, nh]: AttentionDims
): void {
  const wasm = f32KernelsFor(y);
  if (wasm?.attentionFits(C, nh)) return wasm.attentionForward(y, att, qkv, B, T, C, nh);
  const hs = C / nh;
  const scale = 1 / Math.sqrt(hs);
  const C3 = 3 * C;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nh; h++) {
      for (let t = 0; t < T; t++) {
        const q = (b * T + t) * C3 + h * hs;
        const a = ((b * nh + h) * T + t) * T;
        let max = -Infinity;
        for (let s = 0; s <= t; s++) {
          const k = (b * T + s) * C3 + C + h * hs;
          let dot = 0;
          for (let i = 0; i < hs; i++) dot += qkv[q + i] * qkv[k + i];
          dot *= scale;
          att[a + s] = dot;
          if (dot > max) max = dot;
        }
        let sum = 0;
        for (let s = 0; s <= t; s++) {
          const e = Math.exp(att[a + s] - max);
          att[a + s] = e;
          sum += e;
        }
        const inv = 1 / sum;
        for (let s = 0; s <= t; s++) att[a + s] *= inv;
        for (let s = t + 1; s < T; s++) att[a + s] = 0;

        const yo = (b * T + t) * C + h * hs;
        for (let i = 0; i < hs; i++) y[yo + i] = 0;
        for (let s = 0; s <= t; s++) {
          const p = att[a + s];
          const v = (b * T + s) * C3 + 2 * C + h * hs;
          for (let i = 0; i < hs; i++) y[yo + i] += p * qkv[v + i];
        }
      }
    }
  }
}

/**
 * Writes dqkv (B, T, 3C) from dy (B, T, C). `scratch` holds one row of T.
 *   dAtt[t,s]   = dy_t · v_s
 *   dv_s       += att[t,s] · dy_t
 *   dScore[t,s] = att[t,s] · (dAtt[t,s] − Σ_s' att[t,s']·dAtt[t,s'])   (softmax backward)
 *   dq_t       += dScore[t,s] · k_s / √hs,   dk_s += dScore[t,s] · q_t / √hs
 */
export function attentionBackward(
  dqkv: Floats,
  scratch: Floats,
  dy: Floats,
  att: Floats,
  qkv: Floats,
  ...[B, T, C, nh]: AttentionDims
): void {
  const wasm = f32KernelsFor(dqkv);
  if (wasm?.attentionFits(C, nh))
    return wasm.attentionBackward(dqkv, scratch, dy, att, qkv, B, T, C, nh);
  const hs = C / nh;
  const scale = 1 / Math.sqrt(hs);
  const C3 = 3 * C;
  dqkv.fill(0, 0, B * T * C3);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nh; h++) {
      for (let t = 0; t < T; t++) {
        const a = ((b * nh + h) * T + t) * T;
        const dyo = (b * T + t) * C + h * hs;
        let dot = 0;
        for (let s = 0; s <= t; s++) {
          const v = (b * T + s) * C3 + 2 * C + h * hs;
          const p = att[a + s];
          let d = 0;
          for (let i = 0; i < hs; i++) {
            d += dy[dyo + i] * qkv[v + i];
            dqkv[v + i] += p * dy[dyo + i];
          }
          scratch[s] = d;
          dot += p * d;
        }
        const q = (b * T + t) * C3 + h * hs;
        for (let s = 0; s <= t; s++) {
          const dScore = att[a + s] * (scratch[s] - dot) * scale;
          if (dScore === 0) continue;
          const k = (b * T + s) * C3 + C + h * hs;
          for (let i = 0; i < hs; i++) {
            dqkv[q + i] += dScore * qkv[k + i];
            dqkv[k + i] += dScore * qkv[q + i];
          }
        }
      }
    }
  }
}
