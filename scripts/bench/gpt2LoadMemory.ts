/**
 * Peak memory of the worker's path for GPT-2 small, in Node with the worker's own functions
 * (the browser gives no per-worker figure without cross-origin isolation): the handler's
 * download from a local server, the engine's load and its move into the kernels' memory, and
 * the file kept in a cache on disk (as Cache Storage keeps it); then a second load from that
 * cache. Each is run in a fresh process, since peak RSS is the process's:
 *
 *   npm run bench:load -- download   (then: -- cache)
 *
 * Needs bench-models/gpt2-random.safetensors (scripts/fixtures/export-gpt2-onnx.py).
 */
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openAsBlob,
  rmSync,
  statSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WeightsCache } from '../../src/worker/weightsCache';
import { createHandler } from '../../src/worker/handler';
import type { Response } from '../../src/worker/protocol';
import { GPT2_DIR } from './gpt2';

const FILE = join(GPT2_DIR, 'gpt2-random.safetensors');
const CACHE_DIR = join(tmpdir(), 'rse-gpt2-load-cache');
const MB = 2 ** 20;

/** A cache of files on disk, one per URL: what Cache Storage is to the browser. */
function diskCache(dir: string): WeightsCache {
  // By path alone: each run's server has a port of its own.
  const at = (url: string) => join(dir, new URL(url).pathname.slice(1));
  return {
    // A handle on the file on disk, read as a stream, as Cache Storage's blob is.
    get: async (url) => (existsSync(at(url)) ? openAsBlob(at(url)) : null),
    put: (url, body) =>
      body instanceof ArrayBuffer
        ? writeFile(at(url), new Uint8Array(body))
        : pipeline(Readable.fromWeb(body as NodeReadableStream), createWriteStream(at(url))),
    delete: async () => {},
  };
}

const mode = process.argv[2];
if (mode !== 'download' && mode !== 'cache') throw new Error('say download or cache');
if (!existsSync(FILE)) throw new Error(`${FILE} is missing`);
if (mode === 'download') rmSync(CACHE_DIR, { recursive: true, force: true });
mkdirSync(CACHE_DIR, { recursive: true });

const server = createServer((_, res) => {
  res.writeHead(200, { 'Content-Length': String(statSync(FILE).size) });
  createReadStream(FILE).pipe(res);
}).listen(0, '127.0.0.1');
await new Promise((ok) => server.once('listening', ok));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/model.safetensors`;

const handler = createHandler({
  fetchBytes: () => Promise.reject(new Error('no config.json')),
  weightsCache: diskCache(CACHE_DIR),
});
const answers: Response[] = [];
const t0 = performance.now();
await handler.handle({ type: 'download', id: 1, slot: 'gpt2', url, name: 'GPT-2 small' }, (r) =>
  answers.push(r),
);
const seconds = (performance.now() - t0) / 1000;
const last = answers[answers.length - 1];
if (last.type !== 'loaded' || last.fromCache !== (mode === 'cache')) {
  throw new Error(JSON.stringify(last).slice(0, 200));
}
// The cache's write was not awaited by the handler; let it finish before the figures.
await new Promise((ok) => setTimeout(ok, 2000));
// Twice, with a pause: V8 frees large buffers' memory on a background thread after a collection.
(globalThis as { gc?: () => void }).gc?.();
await new Promise((ok) => setTimeout(ok, 500));
(globalThis as { gc?: () => void }).gc?.();
console.log(
  `${mode}: loaded in ${seconds.toFixed(1)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, ` +
    `after ${(process.memoryUsage().rss / MB).toFixed(0)} MB`,
);
server.close();
