import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gpt2Tokenizer } from './gpt2Tokenizer';
import { loadTokenizer, textTokenCount, TOKENIZER_OF } from './textTokenizer';
import { VOCAB, wordTokenizer } from './tokenizer';

describe('loadTokenizer', () => {
  it('gives the small models their words and GPT-2 its byte-level BPE', async () => {
    expect(await loadTokenizer('words')).toBe(wordTokenizer);
    expect(await loadTokenizer('gpt2')).toBe(gpt2Tokenizer);
    expect(await loadTokenizer(TOKENIZER_OF.ours)).toBe(wordTokenizer);
    expect(await loadTokenizer(TOKENIZER_OF.gpt2)).toBe(gpt2Tokenizer);
  });

  it('tokenises the same sentence each model’s way, GPT-2 after <|endoftext|>', async () => {
    const words = (await loadTokenizer('words')).encode('the dog runs.');
    const gpt2 = (await loadTokenizer('gpt2')).encode('the dog runs.');
    expect(words.tokens.map((t) => t.text)).toEqual(['the', 'dog', 'runs', '.']);
    expect(gpt2.tokens.map((t) => t.text)).toEqual(['<|endoftext|>', 'the', '␣dog', '␣runs', '.']);
    expect(wordTokenizer.pieces(words.ids)).toEqual(['the', 'dog', 'runs', '.']);
    expect(gpt2Tokenizer.pieces(gpt2.ids)).toEqual(gpt2.tokens.map((t) => t.text));
  });

  it('counts the text’s own tokens, not the start token', () => {
    expect(textTokenCount(gpt2Tokenizer, gpt2Tokenizer.encode(''))).toBe(0);
    expect(textTokenCount(gpt2Tokenizer, gpt2Tokenizer.encode('hello world'))).toBe(2);
    expect(textTokenCount(wordTokenizer, wordTokenizer.encode(' '))).toBe(0);
    expect(textTokenCount(wordTokenizer, wordTokenizer.encode('the dog'))).toBe(2);
  });

  it('the words tokenizer names ids by its vocabulary and has no start token', () => {
    expect(wordTokenizer.vocab()).toBe(VOCAB);
    expect(wordTokenizer.vocabSize).toBe(VOCAB.length);
    expect(wordTokenizer.start).toBeNull();
    expect(() => wordTokenizer.pieces([VOCAB.length])).toThrow(/outside the vocabulary/);
  });

  // GPT-2's vocabulary is half a megabyte: the small-model page must never fetch it. Only a
  // dynamic import in textTokenizer.ts may reach it, so the bundler gives it a chunk of its own.
  it('is the only module that reaches GPT-2’s tokenizer, and only by a dynamic import', () => {
    const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
      );
    const importers = walk(src)
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
      .filter((f) => /from '[^']*(gpt2Tokenizer|js-tiktoken[^']*)'/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(src, f));
    expect(importers).toEqual(['data/gpt2Tokenizer.ts']);
    expect(readFileSync(join(src, 'data/textTokenizer.ts'), 'utf8')).toMatch(
      /await import\('\.\/gpt2Tokenizer'\)/,
    );
  });
});
