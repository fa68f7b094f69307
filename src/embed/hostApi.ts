import { pointAfterBlocks, pointStage } from '../store/positions';
import { parseUrlState, type ParsedUrl } from '../store/url';
import { capProblems, unknownNames } from '../store/problems';
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

/** The types a host may give each setting; strings always, since attributes are strings. */
const NUMBERS = new Set<string>([
  'layer',
  URL_NAMES.stage,
  URL_NAMES.token,
  URL_NAMES.skipStrength,
  URL_NAMES.lesions,
]);

/**
 * A host's value as URL text, or why its type is refused. Nothing is coerced: `{a: 1}` would
 * become "[object Object]" and `['a', 'b']` "a,b". Booleans are on/off for skips, and a list of
 * sublayer numbers is a lesion list.
 */
function hostValueText(key: string, raw: unknown): string | { error: string } {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && NUMBERS.has(key)) return String(raw);
  if (typeof raw === 'boolean' && key === URL_NAMES.skips) return raw ? 'on' : 'off';
  if (Array.isArray(raw) && key === URL_NAMES.lesions && raw.every((n) => typeof n === 'number')) {
    return raw.join(',');
  }
  const wanted =
    key === URL_NAMES.skips
      ? 'a string or a boolean'
      : key === URL_NAMES.lesions
        ? 'a string or a list of numbers'
        : NUMBERS.has(key)
          ? 'a string or a number'
          : 'a string';
  const got = Array.isArray(raw) ? 'an array' : typeof raw;
  return { error: `${key} must be ${wanted}, got ${got}; it was ignored.` };
}

/**
 * Converts attribute or message values to URL parameters. A value of the wrong type is refused
 * by name; unknown keys are reported together in one problem, however many there are.
 */
export function embedParams(values: Record<string, unknown>): {
  search: URLSearchParams;
  problems: string[];
} {
  const search = new URLSearchParams();
  const problems: string[] = [];
  const unknown: string[] = [];
  for (const [key, raw] of Object.entries(values)) {
    if (!HOST_SETTINGS.includes(key)) {
      unknown.push(key);
      continue;
    }
    if (raw === undefined || raw === null) continue;
    const text = hostValueText(key, raw);
    if (typeof text !== 'string') problems.push(text.error);
    else if (key === 'layer') search.set(URL_NAMES.stage, layerToStep(text));
    else search.set(key, text);
  }
  if (unknown.length > 0) problems.push(unknownNames('setting', unknown));
  return { search, problems };
}

/** A host message as a command, or null when it is not one of ours (ignored without error). */
export function parseHostMessage(data: unknown): HostCommand | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const { type, ...rest } = data as Record<string, unknown>;
  if (type === 'rse:play') return { kind: 'play' };
  if (type === 'rse:pause') return { kind: 'pause' };
  if (type !== 'rse:set') return null;
  const { search, problems } = embedParams(rest);
  const { state, problems: refused } = parseUrlState('?' + search.toString());
  return { kind: 'set', parsed: { state, problems: capProblems([...problems, ...refused]) } };
}
