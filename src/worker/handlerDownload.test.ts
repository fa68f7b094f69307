import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WeightsCache } from './weightsCache';
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

const WEIGHTS_URL = 'https://mirror.test/gpt2/model.safetensors';

/** Asks a handler with this cache (and config.json from the network) to download GPT-2. */
async function downloadWith(cache: WeightsCache): Promise<Response[]> {
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
      url: WEIGHTS_URL,
      configUrl: 'https://mirror.test/gpt2/config.json',
      name: 'GPT-2 small',
    },
    (r) => out.push(r),
  );
  return out;
}

describe('the worker loading GPT-2 from the cache', () => {
  it('asks for GPT-2’s tokenizer before the weights are read, not after', async () => {
    const cache: WeightsCache = {
      get: async (url) => {
        // The config.json is kept beside the weights.
        if (url.endsWith('config.json')) return new Blob([CONFIG]);
        // Reading 498 MB from Cache Storage is an await of its own: the tokenizer loads meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 0));
        events.push('weights read');
        return new Blob([GPT2]);
      },
      put: async () => {},
      delete: async () => {},
    };
    const out = await downloadWith(cache);
    expect(out.at(-1)).toMatchObject({ type: 'loaded', fromCache: true });
    expect(events[0]).toBe('tokenizer gpt2');
    expect(events.indexOf('tokenizer gpt2')).toBeLessThan(events.indexOf('weights read'));
  });

  it('removes a kept copy that cannot be read whole, as its message says', async () => {
    const deleted: string[] = [];
    // The weights' kept copy ends halfway: its reading fails after the first part.
    const broken = {
      size: GPT2.length,
      stream: () => {
        let pulls = 0;
        return new ReadableStream<Uint8Array>({
          pull(c) {
            if (pulls++ === 0) c.enqueue(new Uint8Array(GPT2.subarray(0, 4096)));
            else c.error(new Error('read failed'));
          },
        });
      },
    } as unknown as Blob;
    const cache: WeightsCache = {
      get: async (u) => (u.endsWith('config.json') ? new Blob([CONFIG]) : broken),
      put: async () => {},
      delete: async (u) => void deleted.push(u),
    };
    const out = await downloadWith(cache);
    expect(out.at(-1)).toMatchObject({
      type: 'error',
      message: expect.stringMatching(
        /^The copy of GPT-2 small kept in this browser could not be read past .* it has been removed/,
      ),
    });
    expect(deleted).toContain(WEIGHTS_URL);
  });
});

describe('the worker downloading GPT-2', () => {
  afterEach(() => void vi.unstubAllGlobals());

  it('says it is loaded only once the cache has kept the weights and their config.json', async () => {
    vi.stubGlobal('fetch', async () => {
      const body = new Uint8Array(GPT2);
      return new Response(body, { headers: { 'content-length': String(body.byteLength) } });
    });
    const kept: string[] = [];
    // Cache Storage may still be writing when the engine has installed the file: a worker ended
    // then (the reader reloads at "kept in this browser") would keep nothing.
    let finishWriting!: () => void;
    const writing = new Promise<void>((resolve) => (finishWriting = resolve));
    const cache: WeightsCache = {
      get: async () => null,
      put: async (url, body) => {
        if (body instanceof ReadableStream) {
          await new Response(body).arrayBuffer();
          await writing;
        }
        kept.push(url.slice(url.lastIndexOf('/') + 1));
      },
      delete: async () => {},
    };
    const h = createHandler({
      fetchBytes: async () => buffer(CONFIG) as ArrayBuffer,
      weightsCache: cache,
    });
    const out: Response[] = [];
    const done = h.handle(
      {
        type: 'download',
        id: 2,
        slot: 'gpt2',
        url: 'https://mirror.test/gpt2/model.safetensors',
        configUrl: 'https://mirror.test/gpt2/config.json',
        name: 'GPT-2 small',
      },
      (r) => out.push(r),
    );
    await vi.waitFor(() => expect(kept).toEqual(['config.json']));
    // A task later every promise the worker chains has run: still no word to the page.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(out.map((r) => r.type)).not.toContain('loaded');
    finishWriting();
    await done;
    expect(kept).toEqual(['config.json', 'model.safetensors']);
    expect(out.at(-1)).toMatchObject({ type: 'loaded', fromCache: false });
  });
});
