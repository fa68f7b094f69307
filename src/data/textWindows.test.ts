import { describe, expect, it } from 'vitest';
import { ENGLISH_SAMPLE } from './englishSample';
import { END_OF_TEXT_ID, encodeGpt2, gpt2Tokenizer } from './gpt2Tokenizer';
import { textWindows } from './textWindows';
import { wordTokenizer } from './tokenizer';

describe('textWindows', () => {
  it('cuts consecutive stretches of the text, each after GPT-2’s start token', () => {
    const windows = textWindows(gpt2Tokenizer, ENGLISH_SAMPLE, 32, 8);
    expect(windows).toHaveLength(8);
    const text = encodeGpt2(ENGLISH_SAMPLE);
    windows.forEach((w, i) => {
      expect(w).toHaveLength(32);
      expect(w[0]).toBe(END_OF_TEXT_ID);
      expect(Array.from(w.subarray(1))).toEqual(text.slice(31 * i, 31 * (i + 1)));
    });
  });

  it('uses no start token for the words tokenizer and stops when the text runs out', () => {
    const windows = textWindows(wordTokenizer, 'the dog runs . the cat sees the dog .', 4, 10);
    expect(windows.map((w) => wordTokenizer.pieces(w))).toEqual([
      ['the', 'dog', 'runs', '.'],
      ['the', 'cat', 'sees', 'the'],
    ]);
  });

  it('says why when the text is too short or the window too small', () => {
    expect(() => textWindows(gpt2Tokenizer, 'hello world', 8, 1)).toThrow(
      /the text has 2 tokens, fewer than one window of 7/,
    );
    expect(() => textWindows(gpt2Tokenizer, ENGLISH_SAMPLE, 1, 1)).toThrow(/no room/);
  });
});
