import { describe, expect, it } from 'vitest';
import {
  END_OF_TEXT_ID,
  GPT2_VOCAB_SIZE,
  decodeGpt2,
  encodeGpt2,
  gpt2Pieces,
  gpt2Tokenizer,
  tokenBytes,
} from './gpt2Tokenizer';

const utf8 = (s: string) => Array.from(new TextEncoder().encode(s));

describe('GPT-2 tokenizer', () => {
  // Golden vectors from Hugging Face's GPT2TokenizerFast and TransformerLens.
  it('encodes the published examples', () => {
    expect(encodeGpt2('hello world')).toEqual([31373, 995]);
    expect(encodeGpt2('hello <|endoftext|>')).toEqual([31373, 220, 50256]);
    expect(encodeGpt2('Hello world!')).toEqual([15496, 995, 0]);
    expect(END_OF_TEXT_ID).toBe(50256);
    expect(gpt2Tokenizer.vocabSize).toBe(GPT2_VOCAB_SIZE);
  });

  it('round-trips unicode, emoji, leading and repeated spaces through decode', () => {
    for (const text of [
      ' leading space',
      '  two leading spaces',
      'héllo wörld — naïve café',
      'a 🦜 and 👩‍👩‍👧 emoji',
      '日本語のテキスト',
      'line one\n\n\tline two  ',
      "it's   spaced's",
    ]) {
      const ids = encodeGpt2(text);
      expect(decodeGpt2(ids)).toBe(text);
      // Byte-level: the tokens' bytes are exactly the text's UTF-8 bytes, in order.
      expect(ids.flatMap((id) => Array.from(tokenBytes(id)))).toEqual(utf8(text));
    }
  });

  it('shows each token as its piece of the text, leading spaces and split characters visible', () => {
    expect(gpt2Pieces(encodeGpt2('hello world'))).toEqual(['hello', '␣world']);
    const parrot = gpt2Pieces(encodeGpt2(' 🦜'));
    expect(parrot.join('')).toBe('␣<0xF0><0x9F><0xA6><0x9C>');
    expect(parrot.length).toBeGreaterThan(1);
    expect(gpt2Pieces([END_OF_TEXT_ID])).toEqual(['<|endoftext|>']);
  });

  it('starts what the model reads with <|endoftext|>, as GPT-2 was trained, and marks nothing unknown', () => {
    const { ids, tokens } = gpt2Tokenizer.encode('hello world');
    expect(Array.from(ids)).toEqual([50256, 31373, 995]);
    expect(tokens.map((t) => t.text)).toEqual(['<|endoftext|>', 'hello', '␣world']);
    expect(tokens.every((t) => !t.unknown)).toBe(true);
    expect(gpt2Tokenizer.start).toBe(END_OF_TEXT_ID);
    expect(Array.from(gpt2Tokenizer.encode('').ids)).toEqual([END_OF_TEXT_ID]);
  });

  it('names every id in its vocabulary, distinct tokens by distinct pieces', () => {
    const vocab = gpt2Tokenizer.vocab();
    expect(vocab).toHaveLength(GPT2_VOCAB_SIZE);
    expect(vocab[31373]).toBe('hello');
    expect(vocab[995]).toBe('␣world');
    expect(vocab[220]).toBe('␣');
    expect(vocab[END_OF_TEXT_ID]).toBe('<|endoftext|>');
    expect(new Set(vocab).size).toBe(GPT2_VOCAB_SIZE);
    expect(gpt2Tokenizer.vocab()).toBe(vocab);
  });

  it('refuses ids outside the vocabulary instead of skipping them', () => {
    expect(() => decodeGpt2([31373, GPT2_VOCAB_SIZE])).toThrow(/position 1 is outside GPT-2/);
    expect(() => gpt2Pieces([-1])).toThrow(RangeError);
    expect(() => tokenBytes(1.5)).toThrow(RangeError);
  });
});
