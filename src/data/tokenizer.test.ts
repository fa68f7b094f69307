import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import { generateSentence } from './grammar';
import { UNK_ID, VOCAB, decode, encode, tokenId, vocabSize } from './tokenizer';

describe('tokenizer', () => {
  it('reserves id 0 for <unk> and treats "." as an ordinary token', () => {
    expect(VOCAB[UNK_ID]).toBe('<unk>');
    expect(UNK_ID).toBe(0);
    expect(tokenId('.')).toBe(1);
    expect(vocabSize).toBe(VOCAB.length);
    expect(new Set(VOCAB).size).toBe(vocabSize);
  });

  it('round-trips generated sentences exactly', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 500; i++) {
      const text = generateSentence(rng).join(' ');
      const { ids, tokens } = encode(text);
      expect(tokens.some((t) => t.unknown)).toBe(false);
      expect(decode(ids)).toBe(text);
    }
  });

  it('lowercases, splits punctuation off words and keeps the original text for display', () => {
    const { ids, tokens } = encode('  The Dogs\tthat the cat sees RUN.\n');
    expect(tokens.map((t) => t.text)).toEqual([
      'The',
      'Dogs',
      'that',
      'the',
      'cat',
      'sees',
      'RUN',
      '.',
    ]);
    expect(decode(ids)).toBe('the dogs that the cat sees run .');
    expect(Array.from(ids)).toEqual(tokens.map((t) => t.id));
  });

  it('maps unknown words and punctuation to <unk> without throwing, and marks them', () => {
    const { ids, tokens } = encode('The elephant, sleeps!? <unk> ünïcödé 42');
    expect(tokens.map((t) => [t.text, t.unknown])).toEqual([
      ['The', false],
      ['elephant', true],
      [',', true],
      ['sleeps', false],
      ['!', true],
      ['?', true],
      ['<unk>', true],
      ['ünïcödé', true],
      ['42', true],
    ]);
    expect(Array.from(ids).filter((id) => id === UNK_ID)).toHaveLength(7);
    expect(decode(ids)).toBe('the <unk> <unk> sleeps <unk> <unk> <unk> <unk> <unk>');
  });

  it('handles empty input and words glued to several periods', () => {
    expect(encode('').ids).toHaveLength(0);
    expect(encode('   ').tokens).toEqual([]);
    expect(decode(encode('dog...').ids)).toBe('dog . . .');
  });

  it('rejects ids outside the vocabulary when decoding', () => {
    expect(() => decode([vocabSize])).toThrow(/outside the vocabulary/);
    expect(() => decode([-1])).toThrow(RangeError);
    expect(decode([])).toBe('');
  });
});
