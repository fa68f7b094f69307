/// <reference lib="webworker" />
import { activeKernels } from '../engine/kernels/select';
import { cacheStorageWeights } from './weightsCache';
import { createHandler } from './handler';
import { isPing, isUnqueued, transferables, WEIGHTS_CACHE, type Response } from './protocol';
import { createScheduler } from './scheduler';

// The worker is only a switchboard: messages in, scheduler, handler, messages out.

/**
 * Model downloads start as soon as their request arrives, not when the queue reaches it: the
 * two shipped models then download side by side while the first is being installed.
 */
const prefetched = new Map<string, Promise<ArrayBuffer>>();
async function download(url: string): Promise<ArrayBuffer> {
  // A failed request says only "Failed to fetch": name the file, and the status if there is one.
  const res = await fetch(url).catch((e: unknown) => {
    throw new Error(`Could not fetch ${url}: no answer (${e instanceof Error ? e.message : e})`);
  });
  if (!res.ok) throw new Error(`Could not fetch ${url}: HTTP ${res.status}`);
  return res.arrayBuffer();
}
function prefetch(message: unknown): void {
  const m = message as { type?: unknown; url?: unknown } | null;
  if (m?.type !== 'load' || typeof m.url !== 'string' || prefetched.has(m.url)) return;
  const bytes = download(m.url);
  // Failures are reported when the queue reaches the request, not as stray rejections.
  bytes.catch(() => {});
  prefetched.set(m.url, bytes);
}

/** Compiles the WebAssembly kernels while the first models download, not in the first trace. */
let warmed = false;
function warmUp(): void {
  if (warmed) return;
  warmed = true;
  setTimeout(() => activeKernels(), 0);
}

const handler = createHandler({
  fetchBytes: (url) => {
    const early = prefetched.get(url);
    prefetched.delete(url);
    return early ?? download(url);
  },
  // Cache Storage exists in workers of secure origins (https, localhost); elsewhere nothing is kept.
  weightsCache: 'caches' in self ? cacheStorageWeights(self.caches, WEIGHTS_CACHE) : null,
});

const post = (r: Response) => self.postMessage(r, transferables(r));
const scheduler = createScheduler(handler.handle, post);

self.onmessage = (event: MessageEvent<unknown>) => {
  if (isPing(event.data)) return post({ type: 'pong', id: 0 });
  if (isUnqueued(event.data)) return void handler.handle(event.data, post);
  prefetch(event.data);
  warmUp();
  scheduler.enqueue(event.data);
};
