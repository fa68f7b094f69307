import { describe, expect, it } from 'vitest';
import { parseUrlState } from '../store/url';
import { embedParams, HOST_SETTINGS, parseHostMessage } from './hostApi';

describe('host messages', () => {
  it('turns a set message into checked state; layer N is the stream after block N', () => {
    const cmd = parseHostMessage({
      type: 'rse:set',
      layer: 3,
      skips: false,
      text: 'the dog runs .',
    });
    expect(cmd).toEqual({
      kind: 'set',
      parsed: { state: { stage: 6, skips: false, text: 'the dog runs .' }, problems: [] },
    });
    expect(parseHostMessage({ type: 'rse:set', step: 3 })).toMatchObject({
      parsed: { state: { stage: 3 } },
    });
    expect(parseHostMessage({ type: 'rse:play' })).toEqual({ kind: 'play' });
  });

  it('ignores anything that is not ours, and reports bad values without applying them', () => {
    for (const junk of [
      null,
      'rse:set',
      42,
      [],
      { type: 'other' },
      { type: 'rse:eval', code: 'alert(1)' },
    ]) {
      expect(parseHostMessage(junk)).toBeNull();
    }
    const bad = parseHostMessage({ type: 'rse:set', layer: 'x', skips: 'maybe', colour: 'red' });
    if (bad?.kind !== 'set') throw new Error('expected a set command');
    expect(bad.parsed.state).toEqual({});
    expect(bad.parsed.problems).toHaveLength(3);
    expect(bad.parsed.problems.join(' ')).toMatch(/Unknown setting “colour”/);
  });

  it('maps element attributes to URL parameters', () => {
    const { search, problems } = embedParams({
      layer: '2',
      skips: 'off',
      lesion: [1, 3],
      theme: 'dark',
      view: 'x',
    });
    expect(search.toString()).toBe('step=4&skips=off&lesion=1%2C3&theme=dark');
    expect(problems).toEqual(['Unknown setting “view” was ignored.']);
  });

  it('takes only settings the URL reads (layer becoming step)', () => {
    const { search, problems } = embedParams(
      Object.fromEntries(HOST_SETTINGS.map((k) => [k, '1'])),
    );
    expect(problems).toEqual([]);
    expect(parseUrlState('?' + search.toString()).problems.join(' ')).not.toMatch(/Unknown/);
  });

  it('refuses values of the wrong type by name instead of coercing them', () => {
    const cmd = parseHostMessage({
      type: 'rse:set',
      text: { a: 1 },
      theme: ['dark', 'light'],
      skips: 1,
      lesion: ['1', { a: 1 }],
      step: () => 1,
      token: 2,
    });
    if (cmd?.kind !== 'set') throw new Error('expected a set command');
    expect(cmd.parsed.state).toEqual({ token: 2 });
    expect(cmd.parsed.problems).toEqual([
      'text must be a string, got object; it was ignored.',
      'theme must be a string, got an array; it was ignored.',
      'skips must be a string or a boolean, got number; it was ignored.',
      'lesion must be a string or a list of numbers, got an array; it was ignored.',
      'step must be a string or a number, got function; it was ignored.',
    ]);
  });

  it('names built-in property names as unknown settings, never their values', () => {
    const cmd = parseHostMessage({
      type: 'rse:set',
      toString: Object.prototype.toString,
      ...JSON.parse('{"__proto__": "x", "constructor": 1}'),
    });
    if (cmd?.kind !== 'set') throw new Error('expected a set command');
    expect(cmd.parsed.state).toEqual({});
    expect(cmd.parsed.problems).toEqual([
      'Unknown settings “toString”, “__proto__”, “constructor” were ignored.',
    ]);
  });

  it('reports 100,000 unknown keys in one short problem', () => {
    const keys = Object.fromEntries(
      Array.from({ length: 100_000 }, (_, i) => [`k${i}`.padEnd(100, 'x'), i]),
    );
    const cmd = parseHostMessage({ type: 'rse:set', ...keys, layer: 1 });
    if (cmd?.kind !== 'set') throw new Error('expected a set command');
    expect(cmd.parsed.state).toEqual({ stage: 2 });
    expect(cmd.parsed.problems).toHaveLength(1);
    expect(cmd.parsed.problems[0]).toMatch(
      /^Unknown settings “k0x+…”, “k1x+…”, “k2x+…” and 99997 more were ignored\.$/,
    );
    expect(cmd.parsed.problems[0].length).toBeLessThan(200);
  });
});
