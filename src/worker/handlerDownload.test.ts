import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { f32KernelsFor } from '../engine/kernels/select';
import type { Model } from '../engine/model';
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

/** Every model the engine made from a file, in order. */
const loaded: Model[] = [];

vi.mock('../engine/modelFile', async (importOriginal) => {
  const real = await importOriginal<typeof import('../engine/modelFile')>();
  return {
    ...real,
    deserializeModel: (...args: Parameters<typeof real.deserializeModel>) => {
      const file = real.deserializeModel(...args);
      loaded.push(file.model);
      return file;
    },
  };
});

/** A tiny random GPT-2 in Hugging Face's layout (scripts/fixtures/make-gpt2-fixtures.py). */
const GPT2 = readFileSync('fixtures/gpt2/tiny-f32/model.safetensors');
const CONFIG = readFileSync('fixtures/gpt2/tiny-f32/config.json');
const buffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);

/** A download request for the weights at `url`, with the fixture's config.json. */
const download = (id: number, url: string) => ({
  type: 'download',
  id,
  slot: 'gpt2',
  url,
  configUrl: 'https://mirror.test/gpt2/config.json',
  name: 'GPT-2 small',
});

describe('the worker loading GPT-2 from the cache', () => {
  it('asks for GPT-2’s tokenizer before the weights are read, not after', async () => {
    const cache: WeightsCache = {
      get: async () => {
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

  it('reads the weights into the kernels’ memory, and gives it back to the GPT-2 loaded before a refused file', async () => {
    // The same file with its last weight NaN: refused only once its weights are being read.
    const poisoned = Buffer.from(GPT2);
    poisoned.writeFloatLE(NaN, poisoned.length - 4);
    const files = new Map([
      ['https://mirror.test/good.safetensors', GPT2],
      ['https://mirror.test/poisoned.safetensors', poisoned],
    ]);
    const h = createHandler({
      fetchBytes: async () => buffer(CONFIG) as ArrayBuffer,
      weightsCache: {
        get: async (url) => buffer(files.get(url)!) as ArrayBuffer,
        put: async () => {},
        delete: async () => {},
      },
    });
    const ask = async (data: object) => {
      const out: Response[] = [];
      await h.handle(data, (r) => out.push(r));
      return out.at(-1);
    };
    const kernelMemory = () => f32KernelsFor(new Float32Array(0))!.memoryBytes();
    expect(await ask(download(1, 'https://mirror.test/good.safetensors'))).toMatchObject({
      type: 'loaded',
    });
    const good = loaded.at(-1)!;
    expect(good.params.data.buffer.byteLength).toBe(kernelMemory());
    expect(await ask(download(2, 'https://mirror.test/poisoned.safetensors'))).toMatchObject({
      type: 'error',
      message: /non-finite value \(NaN\)/,
    });
    expect(good.params.data.buffer.byteLength).toBe(kernelMemory());
  });
});
