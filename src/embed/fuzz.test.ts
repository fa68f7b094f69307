import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode } from '../data/tokenizer';
import { parseHostMessage } from './hostApi';
import { parseRequest, ProtocolError } from '../worker/protocol';
import { EXPLORER_DEFAULTS, MAX_TEXT_LENGTH, VIEW_IDS } from '../store/explorerSlice';
import { parseUrlState, writeUrlState } from '../store/url';

/**
 * Property tests over everything a reader, a link or a host page can send us: whatever comes
 * in, the answer is a valid state plus messages, or a refusal that names the problem — never
 * an exception, never an invalid value in the store.
 */

const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer()),
);

function isValidState(s: Record<string, unknown>): boolean {
  const merged = { ...EXPLORER_DEFAULTS, ...s };
  return (
    typeof merged.text === 'string' &&
    merged.text.length <= MAX_TEXT_LENGTH &&
    typeof merged.skips === 'boolean' &&
    ['trained', 'removed'].includes(merged.offMode) &&
    ['trained', 'init', 'lab'].includes(merged.source) &&
    merged.skipStrength >= 0 &&
    merged.skipStrength <= 1 &&
    Number.isInteger(merged.stage) &&
    merged.stage >= 0 &&
    Number.isInteger(merged.token) &&
    merged.token >= -1 &&
    Array.isArray(merged.lesions) &&
    merged.lesions.every((k: number) => Number.isInteger(k) && k >= 0) &&
    (VIEW_IDS as readonly string[]).includes(merged.view)
  );
}

describe('fuzzing the inputs', () => {
  it('any query string gives a valid state, with a message for each refused parameter', () => {
    const names = fc.constantFrom(
      'text',
      'skips',
      'off',
      'alpha',
      'step',
      'token',
      'lesion',
      'view',
      'source',
      'embed',
      'zzz',
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(names, fc.string()), { maxLength: 12 }), (pairs) => {
        const search = '?' + pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
        const { state, problems } = parseUrlState(search);
        expect(isValidState(state)).toBe(true);
        // Every parameter either sets its value or is named in a message saying why not.
        const key: Record<string, string> = {
          off: 'offMode',
          lesion: 'lesions',
          alpha: 'skipStrength',
          step: 'stage',
        };
        for (const [name] of pairs) {
          if (name === 'embed') continue;
          const set = (key[name] ?? name) in state;
          const explained = problems.some(
            (p) => p.includes(`“${name}=`) || p.includes(`“${name}”`),
          );
          // Past a few, problems and unknown names are counted rather than listed (problems.ts).
          const counted = problems.some((p) => / and \d+ more/.test(p));
          expect(set || explained || counted, `${name} neither set nor explained`).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('raw garbage in the query string never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => isValidState(parseUrlState(s).state)),
      { numRuns: 500 },
    );
  });

  it('a written URL reads back to the same state', () => {
    const state = fc.record({
      text: fc.string({ minLength: 1, maxLength: 200 }).filter((t) => t.trim() !== ''),
      skips: fc.boolean(),
      source: fc.constantFrom('trained' as const, 'init' as const, 'lab' as const),
      offMode: fc.constantFrom('trained' as const, 'removed' as const),
      skipStrength: fc.double({ min: 0, max: 1, noNaN: true }),
      stage: fc.integer({ min: 0, max: 100 }),
      token: fc.integer({ min: -1, max: 100 }),
      lesions: fc.uniqueArray(fc.integer({ min: 0, max: 127 })).map((a) => a.sort((x, y) => x - y)),
      view: fc.constantFrom(...VIEW_IDS),
    });
    fc.assert(
      fc.property(state, (s) => {
        const full = { ...EXPLORER_DEFAULTS, ...s };
        const back = parseUrlState(writeUrlState(full));
        expect(back.problems).toEqual([]);
        expect({ ...EXPLORER_DEFAULTS, ...back.state }).toMatchObject({
          ...s,
          skipStrength: expect.closeTo(s.skipStrength, 12),
        });
      }),
      { numRuns: 300 },
    );
  });

  it('any host message is ignored or becomes a valid state change', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyValue,
          fc.dictionary(fc.string(), anyValue),
          fc.record({
            type: fc.constant('rse:set'),
            layer: anyValue,
            skips: anyValue,
            text: anyValue,
            step: anyValue,
          }),
        ),
        (msg) => {
          const cmd = parseHostMessage(msg);
          if (cmd?.kind === 'set') expect(isValidState(cmd.parsed.state)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('any message to the worker parses or is refused with a ProtocolError', () => {
    const msg = fc.oneof(
      anyValue,
      fc.record({
        type: fc.constantFrom(
          'load',
          'trace',
          'loadBytes',
          'lesionSweep',
          'depthSweep',
          'trainStart',
          'nope',
        ),
        id: anyValue,
        slot: anyValue,
        text: anyValue,
        channel: anyValue,
        lesions: anyValue,
        skipStrength: anyValue,
        layers: anyValue,
        run: anyValue,
      }),
    );
    fc.assert(
      fc.property(msg, (m) => {
        try {
          parseRequest(m);
        } catch (e) {
          expect(e).toBeInstanceOf(ProtocolError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('any text tokenizes: ids in the vocabulary, unknown words marked, nothing thrown', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const enc = encode(text);
        expect(enc.ids.length).toBe(enc.tokens.length);
        enc.tokens.forEach((t, i) => {
          expect(t.id).toBe(enc.ids[i]);
          expect(t.unknown).toBe(t.id === 0);
        });
      }),
      { numRuns: 500 },
    );
  });
});
