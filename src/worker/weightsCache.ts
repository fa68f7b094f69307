/**
 * Where downloaded weights are kept between visits. Apart from the download itself
 * (download.ts), which the worker loads only when GPT-2 is first asked for: the cache is made
 * when the worker starts, the downloader is not needed until then.
 */

/** Where accepted files are kept between visits (Cache Storage; a Map in tests). */
export interface WeightsCache {
  /**
   * The kept file as a Blob, or null: a handle on the kept bytes, read as a stream (Cache
   * Storage's answer's `blob()` in the browser, a file on disk in the Node bench).
   */
  get(url: string): Promise<Blob | null>;
  /** Keeps the body once it has all arrived; a stream that errors leaves nothing kept. */
  put(url: string, body: ReadableStream<Uint8Array> | ArrayBuffer): Promise<void>;
  delete(url: string): Promise<void>;
}

/** Cache Storage, where the browser has it (pages and workers of a secure or local origin). */
export function cacheStorageWeights(storage: CacheStorage, name: string): WeightsCache {
  const open = () => storage.open(name);
  return {
    async get(url) {
      // A handle on the kept bytes, not a read of them: the engine reads it as a stream.
      return (await (await open()).match(url))?.blob() ?? null;
    },
    async put(url, body) {
      await (
        await open()
      ).put(url, new Response(body, { headers: { 'Content-Type': 'application/octet-stream' } }));
    },
    async delete(url) {
      await (await open()).delete(url);
    },
  };
}
