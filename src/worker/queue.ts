import { traceChannel } from './protocol';

/**
 * Requests waiting for the worker. A trace request is dropped when a newer one for the same
 * channel is already waiting: when a reader types fast or drags a slider, only the latest
 * state is computed, and nothing stale queues up behind it. (The client ignores any answer
 * to a superseded trace, so a dropped one needs no reply.)
 */
export class RequestQueue {
  private items: unknown[] = [];

  push(data: unknown): void {
    this.items.push(data);
  }

  get length(): number {
    return this.items.length;
  }

  /** The next request worth running, or undefined when none is waiting. */
  take(): { next: unknown } | undefined {
    while (this.items.length > 0) {
      const item = this.items.shift();
      const ch = traceChannel(item);
      if (ch === undefined || !this.items.some((later) => traceChannel(later) === ch)) {
        return { next: item };
      }
    }
    return undefined;
  }
}
