/**
 * Downloads a weights file too big to hold whole without a word: GPT-2 small is 548 MB. The body
 * is handed chunk by chunk to a sink as it arrives (the engine installs each tensor as its bytes
 * come, engine/safetensorsStream.ts), so the file is never in memory at once, with progress
 * after each chunk, cancellable through an AbortSignal, and every way it can go wrong named: no
 * answer (offline, blocked by CORS or the page's CSP), an HTTP status, a web page where a file
 * was expected, a body cut short or longer than announced. A cache (Cache Storage in the
 * browser) answers a second load, streamed the same way. The file goes into it as it arrives,
 * chunk by chunk; one that fails to arrive whole, or that the sink refuses on the way, is not
 * kept, and the caller drops one the engine refuses at the end (once `stored` has settled).
 */
import { fileSizeProblem, formatBytes } from '../engine/budget';
import type { WeightsCache } from './weightsCache';
import { errorText } from '../engine/errorText';

/** What a download reports as it goes: bytes received, and the total when the server said it. */
export type OnProgress = (done: number, total: number | null) => void;

/** Where a download's bytes go as they arrive; a `push` that throws stops the download. */
export interface BytesSink {
  push(part: Uint8Array): void;
}

export interface Downloaded {
  fromCache: boolean;
  /**
   * Settles when the cache has finished with the file: true once it is kept (at once on a hit),
   * false when it could not be (no cache, storage full or refused), so the page says so.
   */
  stored: Promise<boolean>;
}

export class DownloadCancelled extends Error {
  override name = 'DownloadCancelled';
  constructor() {
    super('The download was cancelled.');
  }
}

/**
 * When progress is posted: after each megabyte or a tenth of a second, whichever comes first. A
 * message per 64 kB chunk would flood the page; a slow line still shows the bar moving.
 */
const PROGRESS_EVERY_BYTES = 1 << 20;
const PROGRESS_EVERY_MS = 100;

export async function downloadWeights(
  url: string,
  opts: {
    /** What messages call the file ("GPT-2 small"). */
    name: string;
    signal?: AbortSignal;
    onProgress?: OnProgress;
    cache?: WeightsCache | null;
    /**
     * Where the bytes go, asked once it is known whether they come from the cache: the
     * caller's config.json is read from the same place (handler.ts).
     */
    sinkFor: (fromCache: boolean) => BytesSink | Promise<BytesSink>;
  },
): Promise<Downloaded> {
  const { name, signal, onProgress = () => {}, cache, sinkFor } = opts;
  const cached = await cache?.get(url).catch(() => null);
  if (cached) {
    const sink = await sinkFor(true);
    // One word of progress, as before the file was read as a stream: a message per megabyte
    // would redraw the page's bar 500 times in the seconds the reader waits for the chart.
    onProgress(cached.size, cached.size);
    const reader = cached.stream().getReader();
    const read = { next: () => reader.read(), cancel: () => reader.cancel() };
    await readBody(
      read,
      cached.size,
      signal,
      () => {},
      { name, kept: true },
      sink,
      () => {},
    );
    return { fromCache: true, stored: Promise.resolve(true) };
  }
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (e) {
    if (signal?.aborted) throw new DownloadCancelled();
    // Offline, a refused connection, CORS and CSP all reach here as a bare "Failed to fetch".
    throw new Error(
      `Could not download ${name}: no answer from ${new URL(url).host} (${errorText(e)}). ` +
        'The browser may be offline, or the server or this page may not allow the request.',
      { cause: e },
    );
  }
  if (!res.ok) {
    throw new Error(`Could not download ${name}: the server answered HTTP ${res.status}.`);
  }
  const type = res.headers.get('content-type') ?? '';
  if (/text\/html/i.test(type)) {
    await res.body?.cancel();
    throw new Error(
      `Could not download ${name}: the server sent a web page (${type}), not a weights file.`,
    );
  }
  const total = announcedLength(res);
  const tooBig = total === null ? null : fileSizeProblem(total);
  if (tooBig) {
    await res.body?.cancel();
    throw new Error(`Could not download ${name}: ${tooBig}.`);
  }
  let sink: BytesSink;
  try {
    sink = await sinkFor(false);
  } catch (e) {
    await res.body?.cancel();
    throw e;
  }
  if (!res.body) throw new Error(`Could not download ${name}: the answer has no body.`);
  const reader = res.body.getReader();
  const read = { next: () => reader.read(), cancel: () => reader.cancel() };
  const copy = cache ? cacheWriter(cache, url) : null;
  try {
    await readBody(read, total, signal, onProgress, { name, kept: false }, sink, (part) =>
      copy?.feed(part),
    );
    copy?.end();
    return { fromCache: false, stored: copy?.stored ?? Promise.resolve(false) };
  } catch (e) {
    copy?.fail(e);
    throw e;
  }
}

/**
 * A body for the cache fed with each chunk as it is read: closed, the file is kept; errored
 * (cut off, cancelled, refused), nothing is. A refused write (storage full, a private window)
 * is not an error of the download: the file is here, only not kept, and `stored` says which.
 */
function cacheWriter(cache: WeightsCache, url: string) {
  let chunks!: ReadableStreamDefaultController<Uint8Array>;
  // A cache that has refused the file or cancelled its body is fed no more: chunks left unread
  // would be a second copy of the whole file in memory, and a cancelled stream throws on enqueue
  // (which would fail the download itself).
  let wanted = true;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => void (chunks = c),
    cancel: () => void (wanted = false),
  });
  const stored = cache.put(url, body).then(
    () => true,
    () => {
      wanted = false;
      // Unread (refused before reading), its queued chunks are dropped; read, it is not ours.
      body.cancel().catch(() => {});
      return false;
    },
  );
  return {
    feed: (part: Uint8Array) => wanted && chunks.enqueue(part),
    end: () => wanted && chunks.close(),
    fail: (e: unknown) => wanted && chunks.error(e),
    stored,
  };
}

/** The body's length if the server stated it and no compression changes it, else null. */
function announcedLength(res: Response): number | null {
  const raw = res.headers.get('content-length');
  if (raw === null || res.headers.get('content-encoding')) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** A body read chunk by chunk: a download's stream, or a kept file's slices. */
interface Chunks {
  next(): Promise<{ done?: boolean; value?: Uint8Array }>;
  cancel(): Promise<unknown>;
}

/**
 * Hands `read`'s chunks to `sink` one by one, and to `keep` (the cache) once the sink has taken
 * each; the sink's refusal cancels the body and is thrown as it is.
 */
async function readBody(
  read: Chunks,
  total: number | null,
  signal: AbortSignal | undefined,
  onProgress: OnProgress,
  file: FileRead,
  sink: BytesSink,
  keep: (part: Uint8Array) => void,
): Promise<void> {
  const { name } = file;
  let done = 0;
  let reported = 0;
  let reportedAt = Date.now();
  onProgress(0, total);
  for (;;) {
    let chunk: { done?: boolean; value?: Uint8Array };
    try {
      chunk = await read.next();
    } catch (e) {
      if (signal?.aborted) throw new DownloadCancelled();
      throw new Error(cutOff(file, `${progressText(done, total)} (${errorText(e)})`), { cause: e });
    }
    if (chunk.done || !chunk.value) break;
    const part = chunk.value;
    const tooBig =
      total === null
        ? fileSizeProblem(done + part.byteLength)
        : done + part.byteLength > total &&
          `the server sent more than the ${formatBytes(total)} it announced`;
    try {
      if (tooBig) throw new Error(`Could not download ${name}: ${tooBig}.`);
      if (done === 0 && part.byteLength > 0) checkLooksLikeSafetensors(part, file, total);
      sink.push(part);
    } catch (e) {
      await read.cancel().catch(() => {});
      throw e;
    }
    keep(part);
    done += part.byteLength;
    if (done - reported >= PROGRESS_EVERY_BYTES || Date.now() - reportedAt >= PROGRESS_EVERY_MS) {
      reported = done;
      reportedAt = Date.now();
      onProgress(done, total);
    }
  }
  if (signal?.aborted) throw new DownloadCancelled();
  if (total !== null && done < total) {
    throw new Error(cutOff(file, `${progressText(done, total)}; the file is incomplete`));
  }
  onProgress(done, total);
}

/**
 * A safetensors file starts with its header's length (u64, little-endian) and then the header's
 * JSON, `{`: anything else (an error page sent as a file, another format) is refused at the
 * first chunk instead of after 548 MB. The engine checks the rest when it reads the file.
 */
function checkLooksLikeSafetensors(first: Uint8Array, file: FileRead, total: number | null): void {
  if (first.byteLength < 9) return;
  const view = new DataView(first.buffer, first.byteOffset, 8);
  const headerLength = Number(view.getBigUint64(0, true));
  const fits = total === null || 8 + headerLength <= total;
  if (!fits || first[8] !== '{'.charCodeAt(0)) {
    throw new Error(
      file.kept
        ? `${keptCopy(file.name)} is not a safetensors weights file${REMOVED}`
        : `Could not download ${file.name}: it is not a safetensors weights file.`,
    );
  }
}

/** What is being read: a file's name, and whether it is the copy kept in the cache. */
interface FileRead {
  name: string;
  kept: boolean;
}

const keptCopy = (name: string) => `The copy of ${name} kept in this browser`;
/** A kept copy that fails to read is dropped from the cache (handler.ts), so it is said so. */
const REMOVED = '; it has been removed, and choosing the model again downloads it.';

/** Why a body ended early: a download cut off, or a kept copy that could not be read whole. */
function cutOff(file: FileRead, after: string): string {
  return file.kept
    ? `${keptCopy(file.name)} could not be read past ${after}${REMOVED}`
    : `The download of ${file.name} was cut off after ${after}.`;
}

function progressText(done: number, total: number | null): string {
  return total === null ? formatBytes(done) : `${formatBytes(done)} of ${formatBytes(total)}`;
}
