import { describe, expect, it } from 'vitest';
import { survivalVerdict } from './survivalVerdict';

describe('the survival caption', () => {
  it('holds when the stream with skips is closer to the embedding and ranks the word higher', () => {
    const v = survivalVerdict('dog', { cos: 0.41, rank: 3 }, { cos: 0.05, rank: 120 });
    expect(v.holds).toBe(true);
    expect(v.text).toContain('survives better with skips');
    expect(v.text).toContain('0.41');
    expect(v.text).toContain('120');
  });

  it('says so when the model without skips keeps more of the word', () => {
    const v = survivalVerdict('dog', { cos: 0.1, rank: 40 }, { cos: 0.3, rank: 2 });
    expect(v.holds).toBe(false);
    expect(v.text).toContain('does not hold');
    expect(v.text).toContain('by both measures the model without skips keeps more');
  });

  it('names the one measure that disagrees', () => {
    expect(survivalVerdict('a', { cos: 0.5, rank: 9 }, { cos: 0.1, rank: 2 }).text).toContain(
      'ranks no higher',
    );
    expect(survivalVerdict('a', { cos: 0.1, rank: 1 }, { cos: 0.5, rank: 2 }).text).toContain(
      'points no closer',
    );
  });

  it('on GPT-2 compares with its skips weakened, never a model without skips', () => {
    const name = 'skips weakened now (α = 0)';
    const v = survivalVerdict('dog', { cos: 0.1, rank: 40 }, { cos: 0.3, rank: 2 }, name);
    expect(v.text).toContain('by both measures the stream with skips weakened now (α = 0) keeps');
    expect(v.text).toContain('0.10 with skips against 0.30 with skips weakened now (α = 0);');
    expect(v.text).not.toContain('without');
  });
});
