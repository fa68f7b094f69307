import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { f32KernelsFor } from '../engine/kernels/select';
import { serializeModel } from '../engine/modelFile';
import { releaseHeldWeights } from '../engine/residentWeights';
import { DownloadCancelled, downloadWeights } from './download';
import type { WeightsCache } from './weightsCache';
import { createHandler } from './handler';
import type { Response } from './protocol';

/** A safetensors-shaped file: an empty JSON header, then `dataBytes` bytes counting up. */
function fileOf(dataBytes: number): Uint8Array {
  const header = new TextEncoder().encode('{}');
  const out = new Uint8Array(8 + header.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(header.length), true);
  out.set(header, 8);
  for (let i = 0; i < dataBytes; i++) out[8 + header.length + i] = i & 0xff;
  return out;
}

const FILE = fileOf(3_000_000);
/** A tiny random GPT-2 in Hugging Face's layout (scripts/fixtures/make-gpt2-fixtures.py). */
const GPT2 = readFileSync('fixtures/gpt2/tiny-f32/model.safetensors');
/** One of our own small models: not a GPT-2 file. */
const OURS = serializeModel(
  new Model({ vocabSize, dModel: 8, nHeads: 2, nLayers: 2, contextLength: 8, mlpHidden: 16 }),
);
/** Byte for byte (toEqual walks 3 million elements one by one, for most of a minute). */
const sameAsFile = (bytes: Uint8Array) => Buffer.from(bytes).equals(FILE);
/** Requests the server has seen, by path: a cache hit must not reach it. */
const hits = new Map<string, number>();
/** The network refusing config.json, as it does to a second visit offline. */
let configRefused = false;
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const send = (body: Uint8Array, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'Content-Length': String(body.length), ...headers });
      res.end(body);
    };
    switch (path) {
      case '/model.safetensors':
      case '/cached.safetensors':
        return send(FILE);
      case '/gpt2.safetensors':
        return send(GPT2);
      case '/config.json':
        if (configRefused) return res.writeHead(503).end();
        return send(readFileSync('fixtures/gpt2/tiny-f32/config.json'));
      case '/ours.safetensors':
        return send(OURS);
      case '/chunked.safetensors':
        res.writeHead(200);
        res.write(FILE.subarray(0, 1000));
        res.end(FILE.subarray(1000));
        return;
      case '/truncated.safetensors':
        // Says the whole length, sends a third of it, then hangs up.
        res.writeHead(200, { 'Content-Length': String(FILE.length) });
        res.write(FILE.subarray(0, 1_000_000), () => res.destroy());
        return;
      case '/slow.safetensors':
        // GPT-2's first chunk (its header, which the handler reads at once), then nothing
        // until the client gives up.
        res.writeHead(200, { 'Content-Length': String(GPT2.length) });
        res.write(GPT2.subarray(0, 100_000));
        return;
      case '/gpt2-truncated.safetensors':
        // GPT-2 with its length announced, cut off two thirds of the way.
        res.writeHead(200, { 'Content-Length': String(GPT2.length) });
        res.write(GPT2.subarray(0, Math.floor((GPT2.length * 2) / 3)), () => res.destroy());
        return;
      case '/ours-slow.safetensors':
        // One of our files, whose header arrives and the rest never does.
        res.writeHead(200, { 'Content-Length': String(OURS.length) });
        res.write(OURS.subarray(0, 8 + Number(Buffer.from(OURS).readBigUInt64LE()) + 4));
        return;
      case '/page.safetensors':
        return send(new TextEncoder().encode('<!doctype html><p>Sign in'), {
          'Content-Type': 'text/html; charset=utf-8',
        });
      case '/zip.safetensors':
        return send(new TextEncoder().encode('PK\u0003\u0004 not a safetensors file at all'));
      default:
        res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

/** Downloads `path` into a sink that collects the bytes it is handed, in order. */
async function download(path: string, extra: Partial<Parameters<typeof downloadWeights>[1]> = {}) {
  const parts: Uint8Array[] = [];
  const got = await downloadWeights(`${base}${path}`, {
    name: 'GPT-2 small',
    sinkFor: () => ({ push: (part) => void parts.push(part.slice()) }),
    ...extra,
  });
  return { ...got, bytes: Buffer.concat(parts) };
}

function memoryCache(): WeightsCache & { files: Map<string, ArrayBuffer> } {
  const files = new Map<string, ArrayBuffer>();
  return {
    files,
    get: async (url) => {
      const file = files.get(url);
      return file ? new Blob([file]) : null;
    },
    put: async (url, body) => void files.set(url, await new Response(body).arrayBuffer()),
    delete: async (url) => void files.delete(url),
  };
}

describe('downloadWeights against a local server', () => {
  it('streams the file with progress up to its announced length', async () => {
    const progress: [number, number | null][] = [];
    const got = await download('/model.safetensors', {
      onProgress: (done: number, total: number | null) => progress.push([done, total]),
    });
    expect(got.fromCache).toBe(false);
    expect(sameAsFile(got.bytes)).toBe(true);
    expect(progress[0]).toEqual([0, FILE.length]);
    expect(progress[progress.length - 1]).toEqual([FILE.length, FILE.length]);
    // A message per megabyte or so, never going backwards.
    expect(progress.length).toBeGreaterThanOrEqual(3);
    const dones = progress.map(([d]) => d);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
  });

  it('reads a body of unknown length whole', async () => {
    const progress: (number | null)[] = [];
    const got = await download('/chunked.safetensors', {
      onProgress: (_: number, total: number | null) => progress.push(total),
    });
    expect(sameAsFile(got.bytes)).toBe(true);
    expect(progress.every((t) => t === null)).toBe(true);
  });

  it('names a 404 by its status', async () => {
    await expect(download('/missing.safetensors')).rejects.toThrow(
      'Could not download GPT-2 small: the server answered HTTP 404.',
    );
  });

  it('names a file cut off before its announced length', async () => {
    await expect(download('/truncated.safetensors')).rejects.toThrow(
      /The download of GPT-2 small was cut off after .* of 3 MB/,
    );
  });

  it('stops when cancelled, with a DownloadCancelled', async () => {
    const abort = new AbortController();
    const pending = download('/slow.safetensors', {
      signal: abort.signal,
      // The first progress message comes once the answer has arrived; the body then stalls.
      onProgress: () => setTimeout(() => abort.abort(), 50),
    });
    await expect(pending).rejects.toBeInstanceOf(DownloadCancelled);
  });

  it('refuses a web page and a file of another format at once', async () => {
    await expect(download('/page.safetensors')).rejects.toThrow(/sent a web page \(text\/html/);
    await expect(download('/zip.safetensors')).rejects.toThrow(/not a safetensors weights file/);
  });

  it('names a server that does not answer', async () => {
    // A port nothing listens on: the connection is refused, as offline or blocked would be.
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    await expect(
      downloadWeights(`http://127.0.0.1:${port}/model.safetensors`, {
        name: 'GPT-2 small',
        sinkFor: () => ({ push: () => {} }),
      }),
    ).rejects.toThrow(`Could not download GPT-2 small: no answer from 127.0.0.1:${port}`);
  });

  it('answers a second load from the cache without asking the server', async () => {
    const cache = memoryCache();
    const url = `${base}/cached.safetensors`;
    const first = await download('/cached.safetensors', { cache });
    expect(first.fromCache).toBe(false);
    // Kept as it arrived, chunk by chunk: the same bytes, not a copy made once it was here.
    expect(await first.stored).toBe(true);
    expect(Buffer.from(cache.files.get(url)!).equals(FILE)).toBe(true);
    const before = hits.get('/cached.safetensors');
    const second = await download('/cached.safetensors', { cache });
    expect(second.fromCache).toBe(true);
    expect(sameAsFile(second.bytes)).toBe(true);
    expect(hits.get('/cached.safetensors')).toBe(before);
  });

  it('feeds a cache that refused the file at once no more, and finishes the download', async () => {
    // Refused at once (Cache Storage that cannot open, as in some private windows): the body,
    // left unread, must not fill up with a second copy of the file.
    let unread!: ReadableStream<Uint8Array>;
    const closed: WeightsCache = {
      ...memoryCache(),
      put: (_, body) => {
        unread = body as ReadableStream<Uint8Array>;
        return Promise.reject(new Error('SecurityError'));
      },
    };
    const first = await download('/model.safetensors', { cache: closed });
    expect(sameAsFile(first.bytes)).toBe(true);
    expect(await first.stored).toBe(false);
    // Nothing queued in it: the first read finds it ended.
    expect((await unread.getReader().read()).done).toBe(true);
  });

  it('finishes a download whose cache cancelled the body halfway (storage full)', async () => {
    const full: WeightsCache = {
      ...memoryCache(),
      put: async (_, body) => {
        const reader = (body as ReadableStream<Uint8Array>).getReader();
        await reader.read();
        await reader.cancel();
        throw new Error('QuotaExceededError');
      },
    };
    const got = await download('/model.safetensors', { cache: full });
    expect(sameAsFile(got.bytes)).toBe(true);
    expect(await got.stored).toBe(false);
  });

  it('keeps nothing of a download cut off, cancelled or refused', async () => {
    const cache = memoryCache();
    await expect(download('/truncated.safetensors', { cache })).rejects.toThrow(/cut off/);
    await expect(download('/zip.safetensors', { cache })).rejects.toThrow(/not a safetensors/);
    const abort = new AbortController();
    const cancelled = download('/slow.safetensors', {
      cache,
      signal: abort.signal,
      onProgress: () => setTimeout(() => abort.abort(), 50),
    });
    await expect(cancelled).rejects.toBeInstanceOf(DownloadCancelled);
    // The cache's writes settle after the errors reach them.
    await new Promise((ok) => setTimeout(ok, 50));
    expect(cache.files.size).toBe(0);
  });

  it('says a kept copy that cannot be read is the copy kept in this browser, not a download', async () => {
    // A kept Blob whose reading fails after its first bytes (storage gone), and one that holds
    // something else than a safetensors file.
    const failing = {
      size: FILE.length,
      stream: () =>
        (() => {
          let pulls = 0;
          return new ReadableStream<Uint8Array>({
            pull(c) {
              if (pulls++ === 0) c.enqueue(new Uint8Array(FILE.subarray(0, 1000)));
              else c.error(new Error('the disk is gone'));
            },
          });
        })(),
    } as unknown as Blob;
    const kept = (blob: Blob): WeightsCache => ({
      get: async () => blob,
      put: async () => {},
      delete: async () => {},
    });
    await expect(download('/model.safetensors', { cache: kept(failing) })).rejects.toThrow(
      'The copy of GPT-2 small kept in this browser could not be read past 1 kB of 3 MB ' +
        '(the disk is gone); it has been removed, and choosing the model again downloads it.',
    );
    await expect(
      download('/model.safetensors', { cache: kept(new Blob(['<html>not weights</html>'])) }),
    ).rejects.toThrow(
      'The copy of GPT-2 small kept in this browser is not a safetensors weights file; it has been removed',
    );
  });
});

describe('the worker downloading a model', () => {
  const handlerWith = (cache: WeightsCache | null) => {
    const h = createHandler({
      fetchBytes: async (url) => (await fetch(url)).arrayBuffer(),
      weightsCache: cache,
    });
    return async (data: object): Promise<Response[]> => {
      const out: Response[] = [];
      await h.handle(data, (r) => out.push(r));
      return out;
    };
  };
  const get = (id: number, path: string) => ({
    type: 'download',
    id,
    slot: 'gpt2',
    url: `${base}${path}`,
    // The fixture is too narrow for GPT-2's head size: its config.json gives the head count.
    configUrl: `${base}/config.json`,
    name: 'GPT-2 small',
  });

  it('installs the file, caches it, and says so on the second load', async () => {
    const cache = memoryCache();
    const ask = handlerWith(cache);
    const first = await ask(get(1, '/gpt2.safetensors'));
    expect(first[0]).toEqual({ type: 'downloadProgress', id: 1, done: 0, total: GPT2.length });
    expect(first[first.length - 1]).toMatchObject({
      type: 'loaded',
      id: 1,
      fromCache: false,
      info: { slot: 'gpt2', nLayers: 2, dModel: 4, nHeads: 2, tokenizer: 'gpt2' },
    });
    await expect.poll(() => cache.files.has(`${base}/gpt2.safetensors`)).toBe(true);
    const second = await ask(get(2, '/gpt2.safetensors'));
    expect(second[second.length - 1]).toMatchObject({ type: 'loaded', id: 2, fromCache: true });
    // Read from disk in a few seconds: one word of progress, not a redraw per megabyte.
    expect(second.filter((r) => r.type === 'downloadProgress')).toEqual([
      { type: 'downloadProgress', id: 2, done: GPT2.length, total: GPT2.length },
    ]);
  });

  it('keeps config.json beside the weights: a cached load reads it with the network refusing it', async () => {
    const cache = memoryCache();
    const ask = handlerWith(cache);
    await ask(get(1, '/gpt2.safetensors'));
    // The handler answers without waiting for the cache to finish its writes.
    await expect
      .poll(() => [...cache.files.keys()].sort())
      .toEqual([`${base}/config.json`, `${base}/gpt2.safetensors`]);
    configRefused = true;
    try {
      const second = await ask(get(2, '/gpt2.safetensors'));
      // The fixture's 2 heads of width 2 are in its config.json alone (by GPT-2's head size of
      // 64 its width 4 has no head count at all).
      expect(second[second.length - 1]).toMatchObject({
        type: 'loaded',
        fromCache: true,
        info: { nHeads: 2 },
      });
    } finally {
      configRefused = false;
    }
  });

  it('says a download this browser did not keep was not kept, and why', async () => {
    // Storage full or a private window: Cache Storage refuses the write.
    const full = { ...memoryCache(), put: () => Promise.reject(new Error('QuotaExceededError')) };
    const refused = await handlerWith(full)(get(1, '/gpt2.safetensors'));
    expect(refused.at(-1)).toMatchObject({ type: 'loaded', fromCache: false, notKept: 'refused' });
    // No Cache Storage at all (an http page not on localhost).
    const none = await handlerWith(null)(get(2, '/gpt2.safetensors'));
    expect(none.at(-1)).toMatchObject({ type: 'loaded', notKept: 'unavailable' });
    const kept = await handlerWith(memoryCache())(get(3, '/gpt2.safetensors'));
    expect(kept.at(-1)).toMatchObject({ type: 'loaded' });
    expect(kept.at(-1)).not.toHaveProperty('notKept');
  });

  it('keeps neither the weights nor their config.json when the config.json is refused', async () => {
    const cache = memoryCache();
    const put = cache.put;
    cache.put = (url, body) =>
      url.endsWith('config.json')
        ? Promise.reject(new Error('QuotaExceededError'))
        : put(url, body);
    const out = await handlerWith(cache)(get(1, '/gpt2.safetensors'));
    expect(out.at(-1)).toMatchObject({ type: 'loaded', notKept: 'refused' });
    // Weights alone would be read offline with a guessed head count.
    expect(cache.files.size).toBe(0);
  });

  it('drops a cached file the engine refuses, and its config.json with it', async () => {
    const cache = memoryCache();
    const ask = handlerWith(cache);
    const url = `${base}/refused.safetensors`;
    await cache.put(url, FILE.slice().buffer);
    await cache.put(`${base}/config.json`, new TextEncoder().encode('{}').buffer);
    const refused = await ask({ ...get(1, '/gone.safetensors'), url });
    expect(refused[refused.length - 1]).toMatchObject({ type: 'error', id: 1 });
    expect(cache.files.size).toBe(0);
  });

  it('names a failure, caches nothing, and keeps the models already loaded', async () => {
    const cache = memoryCache();
    const ask = handlerWith(cache);
    await ask(get(1, '/gpt2.safetensors'));
    cache.files.clear();
    // The file passes the download's first look but not the engine's reading of it.
    const refused = await ask(get(2, '/model.safetensors'));
    expect(refused[refused.length - 1]).toMatchObject({ type: 'error', id: 2 });
    const ours = await ask(get(5, '/ours.safetensors'));
    expect(ours[ours.length - 1]).toEqual({
      type: 'error',
      id: 5,
      message: 'GPT-2 small is not a GPT-2 file. The previous model is still loaded.',
    });
    const missing = await ask(get(3, '/gone.safetensors'));
    expect(missing[missing.length - 1]).toEqual({
      type: 'error',
      id: 3,
      message: 'Could not download GPT-2 small: the server answered HTTP 404.',
    });
    expect(cache.files.size).toBe(0);
    const traced = await ask({
      type: 'trace',
      id: 4,
      channel: 'on',
      slot: 'gpt2',
      text: 'the dogs run .',
      skipStrength: null,
      lesions: [],
    });
    expect(traced[traced.length - 1]).toMatchObject({ type: 'traceEnd', id: 4 });
  });

  it('refuses a GPT-2 cut off on the way, and the GPT-2 loaded before stays, in the kernels’ memory', async () => {
    const kernels = f32KernelsFor(new Float32Array(0))!;
    const ask = handlerWith(null);
    expect((await ask(get(1, '/gpt2.safetensors'))).at(-1)).toMatchObject({ type: 'loaded' });
    const held = kernels.heldBytes();
    // The cut-off file's weights were arriving in the kernels' memory, in place of these.
    const cut = await ask(get(2, '/gpt2-truncated.safetensors'));
    expect(cut.at(-1)).toMatchObject({
      type: 'error',
      id: 2,
      message: expect.stringMatching(/^The download of GPT-2 small was cut off after /),
    });
    expect(kernels.heldBytes()).toBe(held);
    const traced = await ask({
      type: 'trace',
      id: 3,
      channel: 'on',
      slot: 'gpt2',
      text: 'Hello world',
      skipStrength: null,
      lesions: [],
    });
    expect(traced.at(-1)).toMatchObject({ type: 'traceEnd', id: 3 });
    releaseHeldWeights();
  });

  it('refuses a file as soon as its header says it is not GPT-2, without waiting for the rest', async () => {
    // The body never ends: only a refusal at the header answers at all.
    const out = await handlerWith(null)(get(1, '/ours-slow.safetensors'));
    expect(out.at(-1)).toEqual({
      type: 'error',
      id: 1,
      message: 'GPT-2 small is not a GPT-2 file. The previous model is still loaded.',
    });
  });

  it('stops a download on a cancel request, which answers it with an error', async () => {
    const ask = handlerWith(null);
    const pending = ask(get(1, '/slow.safetensors'));
    await new Promise((ok) => setTimeout(ok, 100));
    expect(await ask({ type: 'cancel', id: 2, target: 1 })).toEqual([]);
    const out = await pending;
    expect(out[out.length - 1]).toEqual({
      type: 'error',
      id: 1,
      message: 'The download was cancelled.',
    });
  });
});
