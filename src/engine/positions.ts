/**
 * One place in the forward pass of an L-layer model, and the ways the app counts it. Every
 * conversion between them lives here, so `2L + 1` is written once.
 *
 *   layer l     ∈ [0, L)       a block: attention, then MLP.
 *   sublayer k  ∈ [0, 2L)      k = 2l is layer l's attention, 2l + 1 its MLP.
 *   point p     ∈ [0, 2L]      the residual stream before sublayer p; point 2L is after the
 *                              last block. Sublayer k reads point k and writes point k + 1.
 *   stage s     ∈ [0, 2L + 1]  what the explorer's stepper shows: 0 the embedding (point 0),
 *                              k + 1 the stream after sublayer k (point k + 1), 2L + 1 the
 *                              output, read from point 2L.
 *
 * An embed's `layer="b"` counts whole blocks, b ∈ [0, L]: the stream after b blocks, which is
 * point 2b (pointAfterBlocks).
 *
 *   stage:     0     1     2     3     4   …   2L     2L+1
 *   point:     0     1     2     3     4   …   2L     (2L)
 *   sublayer:  –     0     1     2     3   …  2L−1     –
 *              emb   1a    1m    2a    2m  …   Lm    output
 */

export type SublayerKind = 'attn' | 'mlp';

/** 2L sublayers. */
export const sublayerCount = (nLayers: number): number => 2 * nLayers;

/** 2L + 1 residual points: the embedding and the stream after each sublayer. */
export const pointCount = (nLayers: number): number => 2 * nLayers + 1;

/** 2L + 1, the output: the last stage the stepper reaches. */
export const lastStage = (nLayers: number): number => 2 * nLayers + 1;

export const sublayerKind = (k: number): SublayerKind => (k % 2 === 0 ? 'attn' : 'mlp');

/** Layer l's attention (2l) or MLP (2l + 1). */
export const sublayerOf = (l: number, kind: SublayerKind): number =>
  2 * l + (kind === 'attn' ? 0 : 1);

/** The layer sublayer k belongs to. */
export const sublayerLayer = (k: number): number => k >> 1;

/** The residual point sublayer k writes (it reads point k). */
export const sublayerOutput = (k: number): number => k + 1;

/** The sublayer that wrote residual point p ≥ 1 (point 0 is the embedding). */
export const pointWriter = (p: number): number => p - 1;

/** The stage that shows sublayer k's update: the stream just after it. */
export const sublayerStage = (k: number): number => k + 1;

/** The sublayer whose update stage s shows, or null at the embedding and the output. */
export const stageSublayer = (s: number, nLayers: number): number | null =>
  s >= 1 && s <= sublayerCount(nLayers) ? s - 1 : null;

/** The residual point stage s shows as "the stream now": itself, and the last point at the output. */
export const stagePoint = (s: number, nLayers: number): number =>
  Math.min(s, sublayerCount(nLayers));

/** The stage that shows residual point p. (The output stage shows point 2L too, but is not its own.) */
export const pointStage = (p: number): number => p;

/** The residual point after b whole blocks (0 = the embedding). */
export const pointAfterBlocks = (b: number): number => 2 * b;

/** Stage s rounded and held inside an L-layer model's stages. */
export const clampStage = (s: number, nLayers: number): number =>
  Math.min(Math.max(0, Math.round(s)), lastStage(nLayers));
