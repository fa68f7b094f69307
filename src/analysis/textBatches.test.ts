import { describe, expect, it } from 'vitest';
import { ENGLISH_SAMPLE, TEXT_WINDOWS } from '../data/englishSample';
import { gpt2Tokenizer } from '../data/gpt2Tokenizer';
import { Model } from '../engine/model';
import { measuringWindows, windowBatches } from './textBatches';

describe('text batches', () => {
  it('packs windows into as few equal batches as fit 128 rows, each window its tokens against the next', () => {
    const w = (n: number) => Int32Array.from({ length: 33 }, (_, i) => n * 100 + i);
    const four = windowBatches([w(0), w(1), w(2), w(3)]);
    expect(four.blockSize).toBe(32);
    // 4 × 32 = 128 rows fit one batch.
    expect(four.batches).toHaveLength(1);
    expect(Array.from(four.batches[0].tokens.subarray(30, 34))).toEqual([30, 31, 100, 101]);
    expect(Array.from(four.batches[0].targets.subarray(30, 34))).toEqual([31, 32, 101, 102]);
    // 6 windows: 4 would fit, but batches must be equal, so 2 of 3.
    expect(windowBatches([0, 1, 2, 3, 4, 5].map(w)).batches.map((b) => b.tokens.length)).toEqual([
      96, 96,
    ]);
  });

  it('measures a model with its own tokenizer on TEXT_WINDOWS of English, after its start token', () => {
    const gpt2Shape = new Model({
      vocabSize: 50257,
      dModel: 4,
      nHeads: 1,
      nLayers: 1,
      contextLength: 64,
    });
    const windows = measuringWindows(gpt2Shape, gpt2Tokenizer);
    expect(windows).toHaveLength(TEXT_WINDOWS.count);
    expect(windows.every((x) => x.length === TEXT_WINDOWS.length && x[0] === 50256)).toBe(true);
    const body = gpt2Tokenizer.encode(ENGLISH_SAMPLE).ids;
    expect(Array.from(windows[1].subarray(1))).toEqual(Array.from(body.subarray(32, 63)));
    // A shorter context shortens the windows.
    const short = new Model({
      vocabSize: 50257,
      dModel: 4,
      nHeads: 1,
      nLayers: 1,
      contextLength: 16,
    });
    expect(measuringWindows(short, gpt2Tokenizer)[0]).toHaveLength(16);
  });
});
