import { interpolateCividis } from 'd3-scale-chromatic';

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

/** Sources of the stream (embedding, then each sublayer) along cividis, a colour-blind-safe ramp. */
export function sourceColor(source: number, sources: number): string {
  return interpolateCividis(sources <= 1 ? 0.5 : 0.05 + (0.9 * source) / (sources - 1));
}
