import { interpolateBlues, interpolateOranges } from './colorRamps';
import { pointWriter, sublayerKind, sublayerLayer } from '../../store/positions';

/**
 * Okabe–Ito colours: distinguishable with every common colour-vision deficiency.
 * Skips on is blue, skips off vermillion, everywhere in the app.
 */
export const COLORS = {
  on: '#0072B2',
  off: '#D55E00',
  accent: '#009E73',
  muted: '#999999',
} as const;

/**
 * Sources of the stream: the embedding in grey, attention sublayers in blues and MLPs in
 * oranges (the blue/orange pair stays apart under every common colour-vision deficiency),
 * darker with depth. Source 0 is the embedding, source k + 1 is sublayer k.
 */
export function sourceColor(source: number, sources: number): string {
  if (source === 0) return '#8c8c8c';
  const k = pointWriter(source);
  const layers = Math.max(1, Math.floor((sources - 1) / 2));
  const depth = layers <= 1 ? 0.6 : 0.35 + (0.55 * sublayerLayer(k)) / (layers - 1);
  return sublayerKind(k) === 'attn' ? interpolateBlues(depth) : interpolateOranges(depth);
}
