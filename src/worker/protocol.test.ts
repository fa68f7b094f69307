import { describe, expect, it } from 'vitest';
import { parseRequest, ProtocolError } from './protocol';

const run = {
  skipStrength: 1,
  nLayers: 2,
  dModel: 32,
  lr: 0.003,
  steps: 10,
  seed: 1,
  norm: 'pre',
};

describe('request checks', () => {
  it('takes a training run with a finite learning rate', () => {
    expect(parseRequest({ type: 'trainStart', id: 1, run })).toMatchObject({ run: { lr: 0.003 } });
  });

  it('names a non-finite learning rate as such, not as "null"', () => {
    for (const lr of [NaN, Infinity, -Infinity]) {
      const parse = () => parseRequest({ type: 'trainStart', id: 1, run: { ...run, lr } });
      expect(parse).toThrow(ProtocolError);
      expect(parse).toThrow(`"lr" must be a finite number, got ${lr}`);
    }
  });
});
