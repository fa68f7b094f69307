import { describe, expect, it } from 'vitest';
import { bigramValidationLoss, unigramValidationLoss } from './bigram';
import { splitStream } from './batches';
import { vocabSize } from './tokenizer';

describe('bigramValidationLoss', () => {
  it('matches the closed form on a tiny example', () => {
    // Train pairs over V = 2: 0→1, 1→0, 0→1, 1→1. Row 0 has count(0→1) = 2 of 2; row 1 has 1 and 1.
    // With k = 1: P(1|0) = (2+1)/(2+2) = 3/4 and P(0|1) = (1+1)/(2+2) = 1/2.
    // Valid pairs 0→1, 1→0: loss = -(ln 3/4 + ln 1/2) / 2.
    const loss = bigramValidationLoss({
      trainTokens: [0, 1, 0, 1, 1],
      validTokens: [0, 1, 0],
      vocabSize: 2,
      smoothing: 1,
    });
    expect(loss).toBeCloseTo(-(Math.log(3 / 4) + Math.log(1 / 2)) / 2, 12);
  });

  it('gives ln V, the uniform loss, when there is no training data', () => {
    const loss = bigramValidationLoss({
      trainTokens: [],
      validTokens: [2, 0, 4, 4],
      vocabSize: 5,
      smoothing: 0.3,
    });
    expect(loss).toBeCloseTo(Math.log(5), 12);
  });

  it('beats the uniform loss on the generated language but stays well above zero', () => {
    const loss = bigramValidationLoss({
      trainTokens: splitStream(1, 'train', 5000),
      validTokens: splitStream(1, 'valid', 500),
      vocabSize,
      smoothing: 0.1,
    });
    expect(loss).toBeLessThan(Math.log(vocabSize) - 1);
    expect(loss).toBeGreaterThan(1);
  });

  it('rejects non-positive smoothing and ids outside the vocabulary', () => {
    const base = { trainTokens: [0, 1], validTokens: [0, 1], vocabSize: 2, smoothing: 1 };
    expect(() => bigramValidationLoss({ ...base, smoothing: 0 })).toThrow(/positive/);
    expect(() => bigramValidationLoss({ ...base, validTokens: [0, 2] })).toThrow(/outside/);
    expect(() => bigramValidationLoss({ ...base, validTokens: [0] })).toThrow(/two tokens/);
  });
});

describe('unigramValidationLoss', () => {
  it('matches the closed form on a tiny example', () => {
    // Train counts over V = 2: 0 three times, 1 once; k = 1: P(0) = 4/6, P(1) = 2/6.
    // Targets are the validation tokens after the first: 1, 0.
    const loss = unigramValidationLoss({
      trainTokens: [0, 0, 1, 0],
      validTokens: [0, 1, 0],
      vocabSize: 2,
      smoothing: 1,
    });
    expect(loss).toBeCloseTo(-(Math.log(2 / 6) + Math.log(4 / 6)) / 2, 12);
  });

  it('lies between the bigram and the uniform loss on the generated language', () => {
    const input = {
      trainTokens: splitStream(1, 'train', 2000),
      validTokens: splitStream(1, 'valid', 500),
      vocabSize,
      smoothing: 0.1,
    };
    const unigram = unigramValidationLoss(input);
    expect(unigram).toBeGreaterThan(bigramValidationLoss(input));
    expect(unigram).toBeLessThan(Math.log(vocabSize));
  });
});
