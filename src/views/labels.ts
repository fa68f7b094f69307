import { pointWriter, stageSublayer, sublayerKind, sublayerLayer } from '../store/positions';

/** Names for stages, sublayers and residual points (engine/positions), shared by the stepper and every chart. */

export function stageLabel(stage: number, nLayers: number): string {
  const k = stageSublayer(stage, nLayers);
  if (k !== null) return sublayerLabel(k);
  return stage <= 0 ? 'Embedding' : 'Output';
}

export function sublayerLabel(k: number): string {
  return `Layer ${sublayerLayer(k) + 1} · ${sublayerKind(k) === 'attn' ? 'attention' : 'MLP'}`;
}

/** Short tick label for sublayer k: "1a", "1m", "2a", …. */
export function sublayerTick(k: number): string {
  return `${sublayerLayer(k) + 1}${sublayerKind(k) === 'attn' ? 'a' : 'm'}`;
}

/** Short tick label for residual point k: "emb", then the tick of the sublayer just before it. */
export function pointTick(k: number): string {
  return k === 0 ? 'emb' : sublayerTick(pointWriter(k));
}

export function pointLabel(k: number): string {
  return k === 0 ? 'the embedding' : `after ${sublayerLabel(pointWriter(k))}`;
}
