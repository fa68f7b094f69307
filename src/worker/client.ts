import type { RequestBody, Response } from './protocol';

export interface ClientEvents {
  /** Every answer from the worker that is still wanted. */
  onResponse: (r: Response) => void;
  /** The worker crashed; it has been restarted and must be given its models again. */
  onCrash: (message: string) => void;
}

/**
 * The one place the page creates the engine worker. Requests are numbered; for a trace
 * channel only the latest request's answers are passed on (late answers to superseded
 * requests are dropped). A worker that dies is reported and replaced.
 */
export class EngineClient {
  private worker: Worker;
  private nextId = 1;
  private latestOnChannel = new Map<string, number>();
  private disposed = false;

  constructor(
    private readonly events: ClientEvents,
    private readonly makeWorker: () => Worker = () =>
      new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }),
  ) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const w = this.makeWorker();
    w.onmessage = (e: MessageEvent<Response>) => {
      const r = e.data;
      const channel = 'channel' in r ? r.channel : undefined;
      if (channel !== undefined && this.latestOnChannel.get(channel) !== r.id) return;
      this.events.onResponse(r);
    };
    w.onerror = (e) => {
      e.preventDefault();
      this.restart(
        `The engine stopped with an error (${e.message || 'unknown'}); it has been restarted.`,
      );
    };
    w.onmessageerror = () =>
      this.restart('The engine sent a message that could not be read; it has been restarted.');
    return w;
  }

  private restart(message: string): void {
    if (this.disposed) return;
    this.worker.terminate();
    this.latestOnChannel.clear();
    this.worker = this.spawn();
    this.events.onCrash(message);
  }

  /** Sends a request and returns its id. */
  send(body: RequestBody): number {
    const id = this.nextId++;
    if (body.type === 'trace') this.latestOnChannel.set(body.channel, id);
    this.worker.postMessage({ ...body, id });
    return id;
  }

  dispose(): void {
    this.disposed = true;
    this.worker.terminate();
  }
}
