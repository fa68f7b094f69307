import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EngineClient,
  MAX_RESTARTS,
  PING_EVERY_MS,
  RESTART_BACKOFF_MS,
  SILENT_LIMIT_MS,
} from './client';
import type { Response } from './protocol';

/** A stand-in Worker: records what the client posts and lets the test answer or crash. */
class FakeWorker {
  static made: FakeWorker[] = [];
  posted: unknown[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<Response>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  /** What the worker would receive: a structured clone, which moves the buffers in `transfer`. */
  postMessage(m: unknown, transfer: Transferable[] = []) {
    this.posted.push(structuredClone(m, { transfer }));
  }
  terminate() {
    this.terminated = true;
  }
  answer(r: Response) {
    this.onmessage?.({ data: r } as MessageEvent<Response>);
  }
}

function setup() {
  FakeWorker.made = [];
  const got: Response[] = [];
  const crashes: string[] = [];
  const gaveUp: string[] = [];
  const client = new EngineClient(
    {
      onResponse: (r) => got.push(r),
      onCrash: (m) => crashes.push(m),
      onGiveUp: (m) => gaveUp.push(m),
    },
    () => new FakeWorker() as unknown as Worker,
  );
  return {
    client,
    got,
    crashes,
    gaveUp,
    worker: () => FakeWorker.made[FakeWorker.made.length - 1],
  };
}

const crash = (w: FakeWorker) => w.onerror?.({ message: '', preventDefault() {} } as ErrorEvent);

describe('EngineClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('numbers requests and drops answers to a superseded trace on the same channel', () => {
    const { client, got, worker } = setup();
    const trace = {
      type: 'trace' as const,
      slot: 'residual' as const,
      text: 'a',
      skipStrength: null,
      lesions: [] as number[],
    };
    const first = client.send({ ...trace, channel: 'on' });
    const second = client.send({ ...trace, channel: 'on' });
    const other = client.send({ ...trace, channel: 'off' });
    expect(worker().posted.map((m) => (m as { id: number }).id)).toEqual([first, second, other]);
    worker().answer({ type: 'error', id: first, channel: 'on', message: 'late' });
    worker().answer({ type: 'error', id: second, channel: 'on', message: 'current' });
    worker().answer({ type: 'error', id: other, channel: 'off', message: 'other channel' });
    expect(got.map((r) => (r as { message: string }).message)).toEqual([
      'current',
      'other channel',
    ]);
  });

  it('moves the buffers it is given to the worker: the page’s copy is left empty', () => {
    const { client, worker } = setup();
    const bytes = new Uint8Array([1, 2, 3, 4]).buffer;
    const load = { type: 'loadBytes', slot: 'auto', name: 'gpt2.safetensors', bytes } as const;
    client.send(load, [bytes]);
    expect(bytes.byteLength).toBe(0);
    const got = worker().posted[0] as { bytes: ArrayBuffer };
    expect(new Uint8Array(got.bytes)).toEqual(new Uint8Array([1, 2, 3, 4]));
    // Without a transfer list the page keeps its own (the lab's pair, sent again after a crash).
    const kept = new Uint8Array([5, 6]).buffer;
    client.send({ ...load, bytes: kept });
    expect(kept.byteLength).toBe(2);
  });

  it('moves them to the restarted worker when sent while waiting for it', () => {
    const { client, worker } = setup();
    crash(worker());
    const bytes = new Uint8Array([7, 8, 9]).buffer;
    client.send({ type: 'loadBytes', slot: 'auto', name: 'x.safetensors', bytes }, [bytes]);
    expect(bytes.byteLength).toBe(3);
    vi.advanceTimersByTime(RESTART_BACKOFF_MS);
    expect(bytes.byteLength).toBe(0);
    expect((worker().posted[0] as { bytes: ArrayBuffer }).bytes.byteLength).toBe(3);
  });

  it('restarts a crashed worker and says so', () => {
    const { client, crashes, worker } = setup();
    const crashed = worker();
    crashed.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    expect(crashed.terminated).toBe(true);
    // A request made while waiting to restart goes to the new worker.
    const id = client.send({ type: 'load', slot: 'residual', url: 'x' });
    vi.advanceTimersByTime(RESTART_BACKOFF_MS);
    expect(FakeWorker.made).toHaveLength(2);
    expect(crashes[0]).toMatch(/boom.*restarted/);
    expect(worker().posted).toEqual([{ type: 'load', slot: 'residual', url: 'x', id }]);
  });

  it('waits longer before each restart in a row, and gives up after MAX_RESTARTS', () => {
    const { client, crashes, gaveUp } = setup();
    // A worker whose script cannot load fails as soon as it is made.
    for (let n = 1; n <= MAX_RESTARTS; n++) {
      crash(FakeWorker.made[n - 1]);
      const wait = RESTART_BACKOFF_MS * 2 ** (n - 1);
      vi.advanceTimersByTime(wait - 1);
      expect(FakeWorker.made).toHaveLength(n);
      vi.advanceTimersByTime(1);
      expect(FakeWorker.made).toHaveLength(n + 1);
    }
    crash(FakeWorker.made[MAX_RESTARTS]);
    vi.advanceTimersByTime(60_000);
    expect(FakeWorker.made).toHaveLength(MAX_RESTARTS + 1);
    expect(crashes).toHaveLength(MAX_RESTARTS);
    expect(gaveUp).toEqual([expect.stringMatching(/4 times in a row.*Reload the page/)]);
    // Nothing is kept for a worker that will not come.
    client.send({ type: 'load', slot: 'residual', url: 'x' });
    expect(FakeWorker.made.every((w) => w.posted.length === 0)).toBe(true);
  });

  it('counts only failures in a row: an answer from the worker resets the count', () => {
    const { gaveUp } = setup();
    for (let n = 0; n < MAX_RESTARTS * 2; n++) {
      crash(FakeWorker.made[n]);
      vi.advanceTimersByTime(RESTART_BACKOFF_MS);
      FakeWorker.made[n + 1].answer({ type: 'error', id: 0, message: 'alive' });
    }
    expect(FakeWorker.made).toHaveLength(MAX_RESTARTS * 2 + 1);
    expect(gaveUp).toEqual([]);
  });

  it('pings a worker, and restarts one that stops answering without an error event', () => {
    FakeWorker.made = [];
    const crashes: string[] = [];
    const got: Response[] = [];
    const client = new EngineClient(
      { onResponse: (r) => got.push(r), onCrash: (m) => crashes.push(m) },
      () => new FakeWorker() as unknown as Worker,
      { silentLimitMs: SILENT_LIMIT_MS },
    );
    const first = FakeWorker.made[0];
    // A worker that answers its pings is left alone, however long it lives.
    for (let t = 0; t < 3 * SILENT_LIMIT_MS; t += PING_EVERY_MS) {
      vi.advanceTimersByTime(PING_EVERY_MS);
      expect(first.posted.at(-1)).toEqual({ type: 'ping' });
      first.answer({ type: 'pong', id: 0 });
    }
    expect(crashes).toEqual([]);
    // The same worker, gone quiet (closed, killed): noticed once the limit has passed.
    vi.advanceTimersByTime(SILENT_LIMIT_MS);
    expect(crashes).toEqual([]);
    // (At most a ping's period to send the unanswered ping, and one to see it is late.)
    vi.advanceTimersByTime(2 * PING_EVERY_MS + RESTART_BACKOFF_MS);
    expect(first.terminated).toBe(true);
    expect(FakeWorker.made).toHaveLength(2);
    expect(crashes).toEqual(['The engine stopped answering; it has been restarted.']);
    // Pongs are the client's own business: they are not passed on.
    expect(got).toEqual([]);
    client.dispose();
  });
});
