import { describe, expect, it } from 'vitest';
import { BatchSampler, createBatch, deriveSeed, splitStream, validationBatches } from './batches';
import { decode } from './tokenizer';

const B = 4;
const T = 16;
const small = { seed: 123, batchSize: B, blockSize: T, sentences: 500 };

/** Finds where a row's window starts in the stream; -1 if it is not a window of the stream. */
function windowStart(stream: Int32Array, row: Int32Array): number {
  outer: for (let s = 0; s + row.length <= stream.length; s++) {
    for (let t = 0; t < row.length; t++) if (stream[s + t] !== row[t]) continue outer;
    return s;
  }
  return -1;
}

function sentencesOf(stream: Int32Array): string[] {
  return decode(stream)
    .split(' . ')
    .map((s) => s.replace(/ \.$/, ''));
}

describe('splitStream', () => {
  it('is deterministic per split, and the two splits differ', () => {
    expect(splitStream(1, 'train', 300)).toEqual(splitStream(1, 'train', 300));
    expect(splitStream(1, 'valid', 300)).toEqual(splitStream(1, 'valid', 300));
    expect(splitStream(1, 'train', 300)).not.toEqual(splitStream(1, 'valid', 300));
    expect(splitStream(1, 'train', 300)).not.toEqual(splitStream(2, 'train', 300));
  });

  it('draws validation sentences independently: long ones almost never appear in training', () => {
    const train = new Set(sentencesOf(splitStream(7, 'train')));
    const valid = sentencesOf(splitStream(7, 'valid'));
    // Short sentences ("they run") legitimately recur; long ones repeat only if the splits
    // shared random draws, which is the bug this guards against.
    const long = valid.filter((s) => s.split(' ').length >= 9);
    expect(long.length).toBeGreaterThan(500);
    expect(long.filter((s) => train.has(s)).length / long.length).toBeLessThan(0.01);
    expect(valid.filter((s) => train.has(s)).length / valid.length).toBeLessThan(0.2);
  });

  it('mixes seeds: neighbouring seeds and salts give unrelated sub-seeds', () => {
    const seeds = new Set<number>();
    for (let seed = 0; seed < 100; seed++)
      for (let salt = 1; salt <= 4; salt++) seeds.add(deriveSeed(seed, salt));
    expect(seeds.size).toBe(400);
    expect(deriveSeed(5, 1)).toBe(deriveSeed(5, 1));
  });
});

describe('BatchSampler', () => {
  it('fills caller buffers with windows of the stream and targets shifted by one', () => {
    const sampler = new BatchSampler({ ...small, split: 'train' });
    const { tokens, targets } = createBatch(B, T);
    for (let step = 0; step < 20; step++) {
      sampler.fillBatch(tokens, targets);
      for (let b = 0; b < B; b++) {
        const row = tokens.subarray(b * T, (b + 1) * T);
        const start = windowStart(sampler.stream, row);
        expect(start).toBeGreaterThanOrEqual(0);
        for (let t = 0; t < T; t++) expect(targets[b * T + t]).toBe(sampler.stream[start + t + 1]);
      }
    }
  });

  it('gives the same batches for the same seed and split, and new ones on each call', () => {
    const a = new BatchSampler({ ...small, split: 'train' });
    const b = new BatchSampler({ ...small, split: 'train' });
    const bufA = createBatch(B, T);
    const bufB = createBatch(B, T);
    a.fillBatch(bufA.tokens, bufA.targets);
    b.fillBatch(bufB.tokens, bufB.targets);
    expect(bufA).toEqual(bufB);
    const first = bufA.tokens.slice();
    a.fillBatch(bufA.tokens, bufA.targets); // same buffers, overwritten in place
    expect(bufA.tokens).not.toEqual(first);
  });

  it('reaches both ends of the stream when sampling windows', () => {
    const sampler = new BatchSampler({
      ...small,
      split: 'train',
      sentences: 3,
      blockSize: 4,
      batchSize: 1,
    });
    const { tokens, targets } = createBatch(1, 4);
    const starts = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      sampler.fillBatch(tokens, targets);
      starts.add(windowStart(sampler.stream, tokens));
      expect(targets[3]).toBe(sampler.stream[windowStart(sampler.stream, tokens) + 4]);
    }
    const maxStart = sampler.stream.length - 4 - 1;
    expect(starts.has(0)).toBe(true);
    expect(starts.has(maxStart)).toBe(true);
    expect(Math.max(...starts)).toBe(maxStart);
  });

  it('refuses buffers of the wrong size and streams shorter than a window', () => {
    const sampler = new BatchSampler({ ...small, split: 'train' });
    expect(() => sampler.fillBatch(new Int32Array(B * T - 1), new Int32Array(B * T))).toThrow(
      /B\*T/,
    );
    expect(
      () => new BatchSampler({ ...small, split: 'valid', sentences: 1, blockSize: 200 }),
    ).toThrow(/too few/);
    expect(() => new BatchSampler({ ...small, split: 'train', batchSize: 0 })).toThrow(/positive/);
  });
});

describe('validationBatches', () => {
  it('returns the same windows of the validation stream on every call', () => {
    const first = validationBatches(small, 3);
    expect(validationBatches(small, 3)).toEqual(first);
    expect(first).toHaveLength(3);
    const stream = splitStream(small.seed, 'valid', small.sentences);
    for (const { tokens, targets } of first) {
      expect(tokens).toHaveLength(B * T);
      for (let b = 0; b < B; b++) {
        const start = windowStart(stream, tokens.subarray(b * T, (b + 1) * T));
        expect(start).toBeGreaterThanOrEqual(0);
        expect(Array.from(targets.subarray(b * T, (b + 1) * T))).toEqual(
          Array.from(stream.subarray(start + 1, start + T + 1)),
        );
      }
    }
  });

  it('spreads windows from the start to the end of the stream', () => {
    const stream = splitStream(small.seed, 'valid', small.sentences);
    const batches = validationBatches(small, 2);
    expect(Array.from(batches[0].tokens.subarray(0, T))).toEqual(Array.from(stream.subarray(0, T)));
    const last = batches[1].targets.subarray((B - 1) * T);
    expect(Array.from(last)).toEqual(Array.from(stream.subarray(stream.length - T)));
  });
});
