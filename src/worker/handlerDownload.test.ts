import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { WeightsCache } from './download';
import { createHandler } from './handler';
import type { Response } from './protocol';

/** What happened, in order: tokenizer loads asked for, and the cache's read of the weights. */
const events: string[] = [];

vi.mock('../data/textTokenizer', async (importOriginal) => {
  const real = await importOriginal<typeof import('../data/textTokenizer')>();
  return {
    ...real,
    loadTokenizer: (name: Parameters<typeof real.loadTokenizer>[0]) => {
      events.push(`tokenizer ${name}`);
      return real.loadTokenizer(name);
    },
  };
});

/** A tiny random GPT-2 in Hugging Face's layout (scripts/fixtures/make-gpt2-fixtures.py). */
const GPT2 = readFileSync('fixtures/gpt2/tiny-f32/model.safetensors');
const CONFIG = readFileSync('fixtures/gpt2/tiny-f32/config.json');
const buffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);

describe('the worker loading GPT-2 from the cache', () => {
  it('asks for GPT-2’s tokenizer before the weights are read, not after', async () => {
    const cache: WeightsCache = {
      get: async (url) => {
        // The config.json is kept beside the weights.
        if (url.endsWith('config.json')) return buffer(CONFIG) as ArrayBuffer;
        // Reading 498 MB from Cache Storage is an await of its own: the tokenizer loads meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 0));
        events.push('weights read');
        return buffer(GPT2) as ArrayBuffer;
      },
      put: async () => {},
      delete: async () => {},
    };
    const h = createHandler({
      fetchBytes: async () => buffer(CONFIG) as ArrayBuffer,
      weightsCache: cache,
    });
    const out: Response[] = [];
    await h.handle(
      {
        type: 'download',
        id: 1,
        slot: 'gpt2',
        url: 'https://mirror.test/gpt2/model.safetensors',
        configUrl: 'https://mirror.test/gpt2/config.json',
        name: 'GPT-2 small',
      },
      (r) => out.push(r),
    );
    expect(out.at(-1)).toMatchObject({ type: 'loaded', fromCache: true });
    expect(events[0]).toBe('tokenizer gpt2');
    expect(events.indexOf('tokenizer gpt2')).toBeLessThan(events.indexOf('weights read'));
  });
});
