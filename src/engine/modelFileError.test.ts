import { describe, expect, it } from 'vitest';
import { checkFinite, ModelFileError } from './modelFileError';

describe('checkFinite', () => {
  const bad = [NaN, Infinity, -Infinity];

  it('passes finite values of every size, the largest and the subnormal included', () => {
    const values = [0, -0, 1, -2.5, 3.4028234663852886e38, -3.4028234663852886e38, 1e-45, 1e-40];
    expect(() => checkFinite('w', Float32Array.from(values))).not.toThrow();
    expect(() => checkFinite('w', Float64Array.from([...values, 1e300]))).not.toThrow();
  });

  it('names the first NaN or ±Infinity and where it is, in float32 and float64', () => {
    for (const v of bad) {
      for (const make of [Float32Array, Float64Array]) {
        const data = new make(10).fill(0.5);
        data[7] = v;
        data[9] = NaN;
        expect(() => checkFinite('h.0.mlp', data)).toThrow(ModelFileError);
        expect(() => checkFinite('h.0.mlp', data)).toThrow(
          `Tensor "h.0.mlp" holds a non-finite value (${v}) at index 7`,
        );
      }
    }
  });

  it('reads a tensor that is a view into a larger buffer, from its own start', () => {
    const buffer = new Float32Array(16).fill(1);
    buffer[2] = NaN; // before the view
    buffer[12] = Infinity; // after it
    expect(() => checkFinite('w', buffer.subarray(4, 12))).not.toThrow();
    buffer[5] = -Infinity;
    expect(() => checkFinite('w', buffer.subarray(4, 12))).toThrow(
      'non-finite value (-Infinity) at index 1',
    );
  });
});
