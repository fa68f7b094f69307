import { describe, expect, it } from 'vitest';
import { setupFor } from './chapter';
import { CHAPTERS, chapterIndex } from './chapters';
import { lastWord } from './lastWord';

describe('tour chapters', () => {
  it('has unique ids that the URL accepts, and finds them', () => {
    const ids = CHAPTERS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]{0,47}$/);
    expect(chapterIndex('')).toBe(0);
    expect(chapterIndex('gradient-flow')).toBe(ids.indexOf('gradient-flow'));
    expect(chapterIndex('nope')).toBe(-1);
  });

  it('follows the last real word, not the full stop', () => {
    expect(lastWord(['the', 'dogs', 'that', 'the', 'cat', 'sees', 'run', '.'])).toBe(6);
    expect(lastWord(['.', ','])).toBe(-1);
  });

  it('keeps what a link set and fills in the rest of the chapter’s state', () => {
    const ch = CHAPTERS[chapterIndex('identity-mapping')];
    const full = setupFor(ch, 4);
    expect(full).toMatchObject({
      stage: 9,
      skips: true,
      source: 'trained',
      lesions: [],
      token: -1,
    });
    const kept = setupFor(ch, 4, new Set(['skips', 'lesions']));
    expect(kept).not.toHaveProperty('skips');
    expect(kept).not.toHaveProperty('lesions');
    expect(kept).toHaveProperty('stage', 9);
  });
});
