import { describe, expect, it } from 'vitest';
import { syntheticTrace } from './syntheticTrace';
import { traceList } from './traces';

describe('traceList', () => {
  it('takes one trace or several', () => {
    const a = syntheticTrace(2, 2, []);
    expect(traceList(a)).toEqual([a]);
    expect(traceList([a, a])).toHaveLength(2);
  });

  it('rejects an empty list and traces of different shapes', () => {
    expect(() => traceList([])).toThrow(/at least one/);
    expect(() => traceList([syntheticTrace(2, 2, []), syntheticTrace(3, 2, [])])).toThrow(
      /one shape/,
    );
  });
});
