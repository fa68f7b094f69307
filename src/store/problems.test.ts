import { describe, expect, it } from 'vitest';
import { capProblems, echo, MAX_ECHO, MAX_PROBLEMS, unknownNames } from './problems';

describe('bounded problems', () => {
  it('echoes at most MAX_ECHO characters, with an ellipsis when cut', () => {
    expect(echo('short')).toBe('short');
    expect(echo('x'.repeat(MAX_ECHO))).toBe('x'.repeat(MAX_ECHO));
    expect(echo('x'.repeat(100_000))).toBe('x'.repeat(MAX_ECHO) + '…');
  });

  it('names one, a few, or the first three unknown names and counts the rest', () => {
    expect(unknownNames('parameter', ['a'])).toBe('Unknown parameter “a” was ignored.');
    expect(unknownNames('setting', ['a', 'b'])).toBe('Unknown settings “a”, “b” were ignored.');
    expect(unknownNames('setting', ['a', 'b', 'c', 'd', 'e'])).toBe(
      'Unknown settings “a”, “b”, “c” and 2 more were ignored.',
    );
  });

  it('keeps each problem once, at most MAX_PROBLEMS lines, the last counting the rest', () => {
    expect(capProblems(['1', '2', '3'])).toEqual(['1', '2', '3']);
    expect(capProblems(['1', '2', '1', '1'])).toEqual(['1', '2']);
    const many = Array.from({ length: 100 }, (_, i) => String(i));
    const capped = capProblems(many);
    expect(capped).toHaveLength(MAX_PROBLEMS);
    expect(capped.slice(0, -1)).toEqual(many.slice(0, MAX_PROBLEMS - 1));
    expect(capped.at(-1)).toBe(`… and ${100 - (MAX_PROBLEMS - 1)} more problems.`);
  });
});
