import type { ModelConfig } from './config';
import { allocFloats, type Floats, type Precision } from './floats';
import { pointCount, sublayerCount } from './positions';

/**
 * Bytes a Workspace of batch shape (B, T) holds in Float32, counted before allocating it: the
 * constructor below makes exactly these buffers (a test sums a real one's arrays), so a config
 * can be refused before a single array exists (engine/budget.ts).
 */
export function workspaceBytes(c: ModelConfig, B: number, T: number): number {
  const { dModel: C, mlpHidden: H, vocabSize: V, nLayers: L, nHeads: nh } = c;
  const N = B * T;
  const S = sublayerCount(L);
  const P = pointCount(L);
  const floats =
    P * N * C + // stream
    S * N * C + // contribution
    (c.norm === 'none' ? 0 : S * N * C) + // normed
    2 * S * N + // lnMean, lnRstd
    L * (N * 3 * C + B * nh * T * T + N * C + 2 * N * H) + // qkv, att, attOut, fcPre, fcAct
    N * C +
    2 * N + // lnfOut, lnfMean, lnfRstd
    2 * N * V + // logits, probs
    P * N * C + // streamGrad
    N * V + // dLogits
    4 * N * C + // dLnfOut, dNormed, dFIn, dAttOut
    N * 3 * C + // dQkv
    2 * N * H + // dFcAct, dFcPre
    T; // scratchT
  return 4 * floats + 4 * 2 * N + S; // + tokens and targets (Int32), lesions (Uint8)
}

/**
 * Every activation and scratch buffer for one batch shape (B, T), allocated once and reused
 * by every forward and backward pass of that shape: a training step allocates nothing.
 * Sublayer k = 2l is layer l's attention, k = 2l + 1 its MLP; residual point k is the
 * stream before sublayer k (point 2L is the stream after the last block).
 */
export class Workspace {
  readonly B: number;
  readonly T: number;
  readonly N: number; // B·T rows
  readonly tokens: Int32Array; // (B, T)
  readonly targets: Int32Array; // (B, T), IGNORE where there is no next token
  hasTargets = false;
  /** α of the last forward on this workspace (the backward must use the same). */
  skipStrength = 1;
  /** The residual point the last forward started at (ForwardOptions.from); 0 from the embedding. */
  startPoint = 0;
  readonly lesions: Uint8Array; // (2L) 1 = sublayer removed: the stream passes unchanged

  readonly stream: Floats[]; // 2L+1 × (N, C) residual points
  readonly contribution: Floats[]; // 2L × (N, C) what each sublayer's f wrote
  /** Pre-LN: the normalised input f saw. Post-LN: the sum α·x + f(x) that was normalised. */
  readonly normed: Floats[]; // 2L × (N, C), empty when norm = 'none'
  readonly lnMean: Floats[]; // 2L × N
  readonly lnRstd: Floats[]; // 2L × N
  readonly qkv: Floats[]; // L × (N, 3C)
  readonly att: Floats[]; // L × (B, nh, T, T)
  readonly attOut: Floats[]; // L × (N, C) heads concatenated, before the output projection
  readonly fcPre: Floats[]; // L × (N, H) before GELU
  readonly fcAct: Floats[]; // L × (N, H) after GELU
  readonly lnfOut: Floats; // (N, C)
  readonly lnfMean: Floats; // N
  readonly lnfRstd: Floats; // N
  readonly logits: Floats; // (N, V)
  readonly probs: Floats; // (N, V)

  // Backward
  readonly streamGrad: Floats[]; // 2L+1 × (N, C): ∂loss/∂stream at every residual point
  readonly dLogits: Floats;
  readonly dLnfOut: Floats;
  readonly dNormed: Floats; // (N, C) ∂/∂(pre-LN normalised input) or ∂/∂(post-LN sum)
  readonly dFIn: Floats; // (N, C) ∂/∂(input of f)
  readonly dAttOut: Floats;
  readonly dQkv: Floats;
  readonly dFcAct: Floats;
  readonly dFcPre: Floats;
  readonly scratchT: Floats;

  constructor(c: ModelConfig, B: number, T: number, precision: Precision) {
    const C = c.dModel;
    const H = c.mlpHidden;
    const V = c.vocabSize;
    const L = c.nLayers;
    const N = B * T;
    const f = (n: number): Floats => allocFloats(precision, n);
    const many = (count: number, n: number): Floats[] => Array.from({ length: count }, () => f(n));
    this.B = B;
    this.T = T;
    this.N = N;
    this.tokens = new Int32Array(N);
    this.targets = new Int32Array(N);
    const S = sublayerCount(L);
    const P = pointCount(L);
    this.lesions = new Uint8Array(S);
    this.stream = many(P, N * C);
    this.contribution = many(S, N * C);
    this.normed = c.norm === 'none' ? [] : many(S, N * C);
    this.lnMean = many(S, N);
    this.lnRstd = many(S, N);
    this.qkv = many(L, N * 3 * C);
    this.att = many(L, B * c.nHeads * T * T);
    this.attOut = many(L, N * C);
    this.fcPre = many(L, N * H);
    this.fcAct = many(L, N * H);
    this.lnfOut = f(N * C);
    this.lnfMean = f(N);
    this.lnfRstd = f(N);
    this.logits = f(N * V);
    this.probs = f(N * V);
    this.streamGrad = many(P, N * C);
    this.dLogits = f(N * V);
    this.dLnfOut = f(N * C);
    this.dNormed = f(N * C);
    this.dFIn = f(N * C);
    this.dAttOut = f(N * C);
    this.dQkv = f(N * 3 * C);
    this.dFcAct = f(N * H);
    this.dFcPre = f(N * H);
    this.scratchT = f(T);
  }
}
