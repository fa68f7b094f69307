import {
  EXPLORER_DEFAULTS,
  MAX_TEXT_LENGTH,
  THEMES,
  VIEW_IDS,
  type ExplorerState,
  type OffMode,
  type Theme,
  type ViewId,
} from './explorerSlice';
import { isSkipStrength, MODEL_SOURCES, type ModelSource } from '../worker/protocol';
import { EMBED_PARAM, URL_NAMES, type UrlKey } from './urlNames';
import { capProblems, echo, unknownNames } from './problems';
import { REAL_MODEL_IDS, type RealModelId } from './realModels';

/**
 * One table drives both reading and writing the URL, so a link reproduces what the sender
 * saw. A parameter at its default is left out of the URL; a bad one falls back to the default
 * and produces a message saying what was wrong.
 */
type UrlState = Pick<ExplorerState, UrlKey>;

interface Param<K extends keyof UrlState> {
  key: K;
  /** Returns the value, or a string saying what is wrong with the raw text. */
  parse: (raw: string) => UrlState[K] | { error: string };
  write: (v: UrlState[K]) => string;
}

const MAX_SUBLAYER = 127;

const intIn =
  (min: number, max: number) =>
  (raw: string): number | { error: string } => {
    const n = Number(raw);
    return /^-?\d+$/.test(raw) && n >= min && n <= max
      ? n
      : { error: `must be a whole number from ${min} to ${max}` };
  };

/** A decimal number as String(n) writes it: no hex (0x1), binary (0b1), Infinity or spaces. */
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

const oneOf =
  <T extends string>(list: readonly T[]) =>
  (raw: string): T | { error: string } =>
    (list as readonly string[]).includes(raw)
      ? (raw as T)
      : { error: `must be one of ${list.join(', ')}` };

const PARAMS: { [K in keyof UrlState]: Param<K> } = {
  text: {
    key: 'text',
    parse: (raw) =>
      raw.trim() === ''
        ? { error: 'is empty' }
        : raw.length > MAX_TEXT_LENGTH
          ? { error: `is longer than ${MAX_TEXT_LENGTH} characters` }
          : raw,
    write: (v) => v,
  },
  source: { key: 'source', parse: oneOf<ModelSource>(MODEL_SOURCES), write: (v) => v },
  realModel: {
    key: 'realModel',
    parse: oneOf<RealModelId | 'none'>(['none', ...REAL_MODEL_IDS]),
    write: (v) => v,
  },
  skips: {
    key: 'skips',
    parse: (raw) =>
      raw === 'on' ? true : raw === 'off' ? false : { error: 'must be "on" or "off"' },
    write: (v) => (v ? 'on' : 'off'),
  },
  offMode: {
    key: 'offMode',
    parse: (raw) =>
      raw === 'trained' || raw === 'removed'
        ? (raw as OffMode)
        : { error: 'must be "trained" or "removed"' },
    write: (v) => v,
  },
  skipStrength: {
    key: 'skipStrength',
    parse: (raw) => {
      const n = Number(raw);
      return DECIMAL.test(raw) && isSkipStrength(n) ? n : { error: 'must be a number from 0 to 1' };
    },
    write: (v) => String(v),
  },
  stage: { key: 'stage', parse: intIn(0, 2 * MAX_SUBLAYER + 2), write: String },
  token: { key: 'token', parse: intIn(-1, 4096), write: String },
  lesions: {
    key: 'lesions',
    parse: (raw) => {
      if (raw === '') return [];
      const parts = raw.split(',');
      const nums = parts.map(Number);
      if (!parts.every((p) => /^\d+$/.test(p)) || nums.some((n) => n > MAX_SUBLAYER)) {
        return { error: `must be sublayer numbers separated by commas (0 to ${MAX_SUBLAYER})` };
      }
      return [...new Set(nums)].sort((a, b) => a - b);
    },
    write: (v) => v.join(','),
  },
  view: { key: 'view', parse: oneOf<ViewId>(VIEW_IDS), write: (v) => v },
  // Only the shape is checked here; the tour knows its chapters and says if one does not exist.
  chapter: {
    key: 'chapter',
    parse: (raw) =>
      /^[a-z][a-z0-9-]{0,47}$/.test(raw)
        ? raw
        : { error: 'must be a chapter name such as “gradient-flow”' },
    write: (v) => v,
  },
  theme: { key: 'theme', parse: oneOf<Theme>(THEMES), write: (v) => v },
};

/** Parameters the app itself does not read but leaves alone (the embed mode adds its own). */
const PASSED_THROUGH = new Set<string>([EMBED_PARAM]);

export interface ParsedUrl {
  state: Partial<UrlState>;
  problems: string[];
}

export function parseUrlState(search: string): ParsedUrl {
  const params = new URLSearchParams(search);
  const state: Partial<UrlState> = {};
  const problems: string[] = [];
  const unknown: string[] = [];
  const byName = new Map<string, UrlKey>(
    Object.entries(URL_NAMES).map(([k, name]) => [name, k as UrlKey]),
  );
  for (const [name, raw] of params) {
    const key = byName.get(name);
    if (!key) {
      if (!PASSED_THROUGH.has(name)) unknown.push(name);
      continue;
    }
    const parsed = (PARAMS[key] as Param<typeof key>).parse(raw);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      problems.push(`“${name}=${echo(raw)}” ${parsed.error}; using the default instead.`);
    } else {
      (state as Record<string, unknown>)[key] = parsed;
    }
  }
  // First, so that a flood of bad values cannot hide it in the count.
  if (unknown.length > 0) problems.unshift(unknownNames('parameter', unknown));
  return { state, problems: capProblems(problems) };
}

/**
 * The part of the store a link carries: select it with `useShallow` so a component that writes
 * links re-renders when a linked value changes, not on every change (training progress included).
 */
export function urlState(s: UrlState): UrlState {
  return Object.fromEntries(
    (Object.keys(PARAMS) as (keyof UrlState)[]).map((k) => [k, s[k]]),
  ) as unknown as UrlState;
}

export function writeUrlState(s: UrlState, keep: URLSearchParams = new URLSearchParams()): string {
  const params = new URLSearchParams();
  for (const name of PASSED_THROUGH) {
    const v = keep.get(name);
    if (v !== null) params.set(name, v);
  }
  for (const key of Object.keys(PARAMS) as (keyof UrlState)[]) {
    const p = PARAMS[key] as Param<typeof key>;
    const value = s[key];
    const text = p.write(value as never);
    if (text !== p.write(EXPLORER_DEFAULTS[key] as never)) params.set(URL_NAMES[key], text);
  }
  const out = params.toString();
  return out ? `?${out}` : '';
}

/**
 * Whether going from one state to the next is a move the reader may want to undo with Back (a
 * new history entry): another view, tour chapter, model source or real model. The rest rewrites the entry.
 */
export function isNavigation(prev: UrlState, next: UrlState): boolean {
  return (
    prev.view !== next.view ||
    prev.chapter !== next.chapter ||
    prev.source !== next.source ||
    prev.realModel !== next.realModel
  );
}
