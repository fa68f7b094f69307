import { pointAfterBlocks, pointStage } from '../store/positions';
import { parseUrlState, type ParsedUrl } from '../store/url';
import { EMBED_SETTINGS, URL_NAMES } from '../store/urlNames';

/**
 * The postMessage API between an embedded view and the page that hosts it. Everything a host
 * sends goes through the same checks as the URL (store/url.ts), so there is one definition of
 * what a valid value is. Anything that is not a documented message is ignored, never evaluated.
 *
 * Host → embed:
 *   { type: 'rse:set', …HOST_SETTINGS }  (the URL's own names, such as step, off, lesion; and layer)
 *   { type: 'rse:play' }   { type: 'rse:pause' }
 * Embed → host:
 *   { type: 'rse:ready', view }   { type: 'rse:height', height }   { type: 'rse:error', message }
 */

/** What a host may set, by element attribute or `rse:set` key: the URL's names, and `layer`. */
export const HOST_SETTINGS: readonly string[] = ['layer', ...EMBED_SETTINGS];

export type HostCommand = { kind: 'set'; parsed: ParsedUrl } | { kind: 'play' } | { kind: 'pause' };

/**
 * `layer="N"` means the stream after N blocks (0 = the embedding), the stage that shows point
 * 2N; `step` addresses single sublayers. Both arrive as text and are checked as URL values.
 */
export function layerToStep(layer: string): string {
  return /^\d+$/.test(layer) ? String(pointStage(pointAfterBlocks(Number(layer)))) : layer;
}

/** Converts attribute or message values to URL parameters; unknown keys are reported. */
export function embedParams(values: Record<string, unknown>): {
  search: URLSearchParams;
  unknown: string[];
} {
  const search = new URLSearchParams();
  const unknown: string[] = [];
  for (const [key, raw] of Object.entries(values)) {
    if (raw === undefined || raw === null) continue;
    const text =
      typeof raw === 'boolean'
        ? raw
          ? 'on'
          : 'off'
        : Array.isArray(raw)
          ? raw.join(',')
          : String(raw);
    if (key === 'layer') search.set(URL_NAMES.stage, layerToStep(text));
    else if (EMBED_SETTINGS.includes(key)) search.set(key, text);
    else unknown.push(key);
  }
  return { search, unknown };
}

/** A host message as a command, or null when it is not one of ours (ignored without error). */
export function parseHostMessage(data: unknown): HostCommand | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const { type, ...rest } = data as Record<string, unknown>;
  if (type === 'rse:play') return { kind: 'play' };
  if (type === 'rse:pause') return { kind: 'pause' };
  if (type !== 'rse:set') return null;
  const { search, unknown } = embedParams(rest);
  const parsed = parseUrlState('?' + search.toString());
  for (const key of unknown) parsed.problems.push(`Unknown setting “${key}” was ignored.`);
  return { kind: 'set', parsed };
}
