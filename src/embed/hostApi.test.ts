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
    const { search, unknown } = embedParams({
      layer: '2',
      skips: 'off',
      lesion: [1, 3],
      theme: 'dark',
      view: 'x',
    });
    expect(search.toString()).toBe('step=4&skips=off&lesion=1%2C3&theme=dark');
    expect(unknown).toEqual(['view']);
  });

  it('takes only settings the URL reads (layer becoming step)', () => {
    const { search, unknown } = embedParams(Object.fromEntries(HOST_SETTINGS.map((k) => [k, '1'])));
    expect(unknown).toEqual([]);
    expect(parseUrlState('?' + search.toString()).problems.join(' ')).not.toMatch(/Unknown/);
  });
});
