import type { Request, Response } from './protocol';

type Pending = { resolve: (r: Response) => void };
/** A request without its id: the client numbers them. */
export type RequestBody = Request extends infer R
  ? R extends Request
    ? Omit<R, 'id'>
    : never
  : never;

/**
 * The one place the page creates the engine worker. Each request gets an id and a promise
 * for its answer; a worker that dies rejects nothing silently: every waiting request gets
 * an error response that says so.
 */
export class EngineClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();

  constructor() {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const w = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<Response>) => {
      const p = this.pending.get(e.data.id);
      if (p) {
        this.pending.delete(e.data.id);
        p.resolve(e.data);
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      this.failAll(`The engine worker crashed: ${e.message || 'unknown error'}`);
    };
    return w;
  }

  private failAll(message: string): void {
    for (const [id, p] of this.pending) p.resolve({ type: 'error', id, message });
    this.pending.clear();
  }

  request(body: RequestBody): Promise<Response> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      this.worker.postMessage({ ...body, id } as Request);
    });
  }

  dispose(): void {
    this.failAll('The engine was shut down');
    this.worker.terminate();
  }
}
