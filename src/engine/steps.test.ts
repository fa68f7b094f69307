import { describe, expect, it } from 'vitest';
import { runSteps } from './steps';

describe('runSteps', () => {
  it('runs every step, in order, and returns the result', () => {
    const seen: number[] = [];
    function* work(): Generator<string, number> {
      for (let i = 0; i < 3; i++) {
        seen.push(i);
        yield 'paused';
      }
      return 42;
    }
    expect(runSteps(work())).toBe(42);
    expect(seen).toEqual([0, 1, 2]);
  });
});
