import { describe, expect, it } from 'vitest';
import { EXPLORER_DEFAULTS, VIEW_IDS } from './explorerSlice';
import { isNavigation, parseUrlState, urlState, writeUrlState } from './url';

const base = { ...EXPLORER_DEFAULTS };

describe('URL state', () => {
  it('round-trips every parameter', () => {
    const s = {
      ...base,
      text: 'the cat & the dog = friends ?',
      source: 'init' as const,
      skips: false,
      offMode: 'removed' as const,
      skipStrength: 0.35,
      stage: 5,
      token: 2,
      lesions: [1, 4],
      view: 'tour' as const,
      chapter: 'gradient-flow',
      theme: 'dark' as const,
    };
    const url = writeUrlState(s);
    expect(url).toContain('lesion=1%2C4');
    // α keeps its short URL name, so old links still read.
    expect(url).toContain('alpha=0.35');
    const { state, problems } = parseUrlState(url);
    expect(problems).toEqual([]);
    expect({ ...base, ...state }).toEqual(s);
  });

  it('selects exactly what a link carries', () => {
    const s = { ...base, step: 3, lesions: [2], training: { step: 7 } };
    const linked = urlState(s);
    expect(linked).not.toHaveProperty('training');
    expect(writeUrlState(linked)).toBe(writeUrlState(s));
  });

  it('leaves defaults out, so the default view has a clean URL', () => {
    expect(writeUrlState(base)).toBe('');
    expect(writeUrlState({ ...base, stage: 3 })).toBe('?step=3');
  });

  it('keeps the embed parameter it does not own', () => {
    expect(writeUrlState({ ...base, stage: 2 }, new URLSearchParams('embed=lens'))).toBe(
      '?embed=lens&step=2',
    );
  });

  it('refuses bad values with a message each, and keeps the good ones', () => {
    const { state, problems } = parseUrlState(
      '?skips=maybe&alpha=2&step=-1&lesion=1,x&view=nope&zzz=1&token=3&text=',
    );
    expect(state).toEqual({ token: 3 });
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/skips=maybe” must be "on" or "off"/);
    expect(problems.join('\n')).toMatch(/alpha=2” must be a number from 0 to 1/);
    expect(problems.join('\n')).toMatch(/Unknown parameter “zzz”/);
    expect(problems.join('\n')).toMatch(/text=” is empty/);
  });

  it('reads and writes every view, the highway among them', () => {
    for (const view of VIEW_IDS) {
      const url = writeUrlState({ ...base, view, stage: 3 });
      expect(parseUrlState(url).state).toEqual(
        view === base.view ? { stage: 3 } : { view, stage: 3 },
      );
    }
    expect(writeUrlState({ ...base, view: 'highway' })).toBe('?view=highway');
  });

  it('keeps a tour chapter of the right shape and refuses others', () => {
    expect(writeUrlState({ ...base, view: 'tour', chapter: 'gradient-flow' })).toBe(
      '?view=tour&chapter=gradient-flow',
    );
    expect(parseUrlState('?chapter=all').state).toEqual({ chapter: 'all' });
    const bad = parseUrlState('?chapter=Gradient%20Flow!');
    expect(bad.state).toEqual({});
    expect(bad.problems.join('\n')).toMatch(/must be a chapter name/);
  });

  it('takes a theme of auto, light or dark, and leaves auto out', () => {
    expect(writeUrlState({ ...base, theme: 'light' })).toBe('?theme=light');
    expect(writeUrlState({ ...base, theme: 'auto' })).toBe('');
    const bad = parseUrlState('?theme=sepia');
    expect(bad.state).toEqual({});
    expect(bad.problems).toEqual([
      '“theme=sepia” must be one of auto, light, dark; using the default instead.',
    ]);
  });

  it('sorts and deduplicates lesions', () => {
    expect(parseUrlState('?lesion=5,1,5').state.lesions).toEqual([1, 5]);
  });

  it('takes α only as a decimal number, not hex, binary or Infinity', () => {
    expect(parseUrlState('?alpha=0.25').state).toEqual({ skipStrength: 0.25 });
    expect(parseUrlState('?alpha=1e-7').state).toEqual({ skipStrength: 1e-7 });
    expect(parseUrlState('?alpha=.5').state).toEqual({ skipStrength: 0.5 });
    for (const raw of ['0x1', '0b1', '0o1', ' 1', 'Infinity', '1_0']) {
      const { state, problems } = parseUrlState(`?alpha=${encodeURIComponent(raw)}`);
      expect(state, raw).toEqual({});
      expect(problems.join(' ')).toMatch(/must be a number from 0 to 1/);
    }
  });

  it('echoes at most 40 characters of a name and counts what it does not list', () => {
    const long = parseUrlState(`?${'n'.repeat(100_000)}=1`);
    expect(long.problems).toEqual([`Unknown parameter “${'n'.repeat(40)}…” was ignored.`]);

    const many = parseUrlState('?' + Array.from({ length: 5000 }, (_, i) => `p${i}=1`).join('&'));
    expect(many.problems).toEqual([
      'Unknown parameters “p0”, “p1”, “p2” and 4997 more were ignored.',
    ]);

    const same = parseUrlState('?' + Array.from({ length: 5000 }, () => 'skips=x').join('&'));
    expect(same.problems).toEqual(['“skips=x” must be "on" or "off"; using the default instead.']);

    const bad = parseUrlState(
      '?' + Array.from({ length: 5000 }, (_, i) => `skips=x${i}`).join('&'),
    );
    expect(bad.problems).toHaveLength(8);
    expect(bad.problems.at(-1)).toBe('… and 4993 more problems.');
  });

  it('makes a new history entry for another view, chapter or source, and not for small state', () => {
    const at = urlState(EXPLORER_DEFAULTS);
    expect(isNavigation(at, { ...at, view: 'lab' })).toBe(true);
    expect(isNavigation(at, { ...at, view: 'highway' })).toBe(true);
    expect(isNavigation(at, { ...at, chapter: 'gradient-flow' })).toBe(true);
    expect(isNavigation(at, { ...at, source: 'init' })).toBe(true);
    expect(isNavigation(at, { ...at, stage: 3, skipStrength: 0.4, text: 'the dog runs .' })).toBe(
      false,
    );
  });
});
