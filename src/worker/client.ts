import type { Ping, RequestBody, Response } from './protocol';

export interface ClientEvents {
  /** Every answer from the worker that is still wanted. */
  onResponse: (r: Response) => void;
  /** The worker crashed; it has been restarted and must be given its models again. */
  onCrash: (message: string) => void;
  /** The worker failed too often in a row and is not restarted again (a page reload may help). */
  onGiveUp?: (message: string) => void;
}

export interface ClientOptions {
  /**
   * Ping the worker, and restart it when nothing at all has come from it for this long. Off for
   * workers that compute for longer than this without a word on purpose.
   */
  silentLimitMs?: number;
}

/** How often a pinged worker is pinged. */
export const PING_EVERY_MS = 2000;
/**
 * The page's engine is silent this long only if it is gone: its longest job (a lesion sweep, a
 * probe) takes a few seconds, and it answers a ping between requests.
 */
export const SILENT_LIMIT_MS = 30_000;

/**
 * Restarts in a row, with no answer from the worker in between, before the client gives up: a
 * worker whose script cannot load (a redeploy renamed it, a wrong MIME type) fails at once,
 * and restarting it without a bound keeps a core busy requesting it hundreds of times a second.
 */
export const MAX_RESTARTS = 3;
/** The wait before the first restart of a row; each further one waits twice as long. */
export const RESTART_BACKOFF_MS = 250;

/**
 * The one place the page creates the engine worker. Requests are numbered; for a trace
 * channel only the latest request's answers are passed on (late answers to superseded
 * requests are dropped). A worker that dies (or, if pinged, falls silent) is reported and
 * replaced, after a back-off, and given up after MAX_RESTARTS failures in a row.
 */
export class EngineClient {
  /** Null while waiting to restart, and after giving up; requests wait in `queued` meanwhile. */
  private worker: Worker | null;
  private queued: { message: unknown; transfer: Transferable[] }[] = [];
  private nextId = 1;
  private latestOnChannel = new Map<string, number>();
  private disposed = false;
  /** Failures since the worker last answered anything. */
  private failures = 0;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  /** When the worker last sent anything (a pong counts), and when it was last pinged. */
  private lastHeard = Date.now();
  private pingSent: number | undefined;

  constructor(
    private readonly events: ClientEvents,
    private readonly makeWorker: () => Worker = () =>
      new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }),
    options: ClientOptions = {},
  ) {
    this.worker = this.spawn();
    const limit = options.silentLimitMs;
    if (limit !== undefined) this.heartbeat = setInterval(() => this.beat(limit), PING_EVERY_MS);
  }

  /**
   * A worker that ended without an error event is noticed only by its silence: a ping
   * unanswered for longer than the limit. Measured from the ping, not from the last word, so a
   * background tab whose timers are slowed down does not mistake its own delay for silence.
   */
  private beat(limit: number): void {
    if (!this.worker) return;
    const now = Date.now();
    if (this.pingSent === undefined || this.lastHeard >= this.pingSent) {
      this.pingSent = now;
      this.worker.postMessage({ type: 'ping' } satisfies Ping);
    } else if (now - this.pingSent > limit) {
      this.fail('The engine stopped answering');
    }
  }

  private spawn(): Worker {
    const w = this.makeWorker();
    this.pingSent = undefined;
    w.onmessage = (e: MessageEvent<Response>) => {
      this.failures = 0;
      this.lastHeard = Date.now();
      const r = e.data;
      if (r.type === 'pong') return;
      const channel = 'channel' in r ? r.channel : undefined;
      if (channel !== undefined && this.latestOnChannel.get(channel) !== r.id) return;
      this.events.onResponse(r);
    };
    w.onerror = (e) => {
      e.preventDefault();
      this.fail(`The engine stopped with an error (${e.message || 'unknown'})`);
    };
    w.onmessageerror = () => this.fail('The engine sent a message that could not be read');
    return w;
  }

  private fail(what: string): void {
    if (this.disposed || !this.worker) return;
    this.worker.terminate();
    this.worker = null;
    this.latestOnChannel.clear();
    this.failures++;
    if (this.failures > MAX_RESTARTS) {
      this.queued = [];
      this.events.onGiveUp?.(
        `${what}, ${this.failures} times in a row; it is not restarted again. Reload the page to try again.`,
      );
      return;
    }
    this.restartTimer = setTimeout(
      () => {
        this.worker = this.spawn();
        for (const q of this.queued) this.worker.postMessage(q.message, q.transfer);
        this.queued = [];
        this.events.onCrash(`${what}; it has been restarted.`);
      },
      RESTART_BACKOFF_MS * 2 ** (this.failures - 1),
    );
  }

  /**
   * Sends a request and returns its id. The buffers in `transfer` move to the worker (a reader's
   * GPT-2 file is 500 MB, not to be held twice): from then on the caller's are empty, so it
   * must not read them again, nor send them again.
   */
  send(body: RequestBody, transfer: Transferable[] = []): number {
    const id = this.nextId++;
    if (body.type === 'trace') this.latestOnChannel.set(body.channel, id);
    const message = { ...body, id };
    if (this.failures > MAX_RESTARTS) return id;
    if (this.worker) this.worker.postMessage(message, transfer);
    else this.queued.push({ message, transfer });
    return id;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.restartTimer);
    clearInterval(this.heartbeat);
    this.worker?.terminate();
  }
}
