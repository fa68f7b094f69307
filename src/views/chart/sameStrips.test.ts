import { describe, expect, it } from 'vitest';
import { sameStrips } from './sameStrips';

describe('same strips', () => {
  const m = new Float32Array(12);
  const row = (t: number) => m.subarray(t * 4, (t + 1) * 4);

  it('are fresh views onto the same bytes under the same labels', () => {
    expect(sameStrips([{ label: 'x', values: row(1) }], [{ label: 'x', values: row(1) }])).toBe(
      true,
    );
  });

  it('differ in another row, array, label or count', () => {
    const a = [{ label: 'x', values: row(1) }];
    expect(sameStrips(a, [{ label: 'x', values: row(2) }])).toBe(false);
    expect(sameStrips(a, [{ label: 'x', values: new Float32Array(4) }])).toBe(false);
    expect(sameStrips(a, [{ label: 'y', values: row(1) }])).toBe(false);
    expect(sameStrips(a, [...a, ...a])).toBe(false);
    expect(sameStrips([{ label: 'x', values: [1, 2] }], [{ label: 'x', values: [1, 2] }])).toBe(
      false,
    );
  });
});
