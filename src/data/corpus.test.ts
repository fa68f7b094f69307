import { describe, expect, it } from 'vitest';
import { generateCorpusText, generateSentences, generateTokenStream } from './corpus';
import { UNK_ID, encode } from './tokenizer';

describe('corpus', () => {
  it('is a pure function of the seed', () => {
    expect(generateCorpusText(11, 100)).toBe(generateCorpusText(11, 100));
    expect(generateCorpusText(11, 100)).not.toBe(generateCorpusText(12, 100));
    expect(generateTokenStream(11, 100)).toEqual(generateTokenStream(11, 100));
  });

  it('extends, not reshuffles, when asked for more sentences', () => {
    expect(generateSentences(4, 300).slice(0, 100)).toEqual(generateSentences(4, 100));
  });

  it('packs sentences back to back into the stream the tokenizer would produce', () => {
    const text = generateCorpusText(9, 200);
    const stream = generateTokenStream(9, 200);
    expect(stream).toEqual(encode(text).ids);
    expect(stream.includes(UNK_ID)).toBe(false);
    expect(text.split(' ').filter((w) => w === '.')).toHaveLength(200);
  });
});
