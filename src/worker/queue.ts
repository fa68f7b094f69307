/**
 * Requests waiting for the worker. A trace request is dropped when a newer one for the same
 * channel is already waiting: when a reader types fast or drags a slider, only the latest
 * state is computed, and nothing stale queues up behind it.
 */
export class RequestQueue {
  private items: unknown[] = [];

  push(data: unknown): void {
    this.items.push(data);
  }

  get length(): number {
    return this.items.length;
  }

  /** The next request worth running, or undefined; also returns the superseded ones' ids. */
  take(): { next: unknown; dropped: number[] } | undefined {
    const dropped: number[] = [];
    while (this.items.length > 0) {
      const item = this.items.shift();
      const ch = traceChannel(item);
      if (ch !== null && this.items.some((later) => traceChannel(later) === ch)) {
        const id = (item as { id?: unknown }).id;
        if (typeof id === 'number') dropped.push(id);
        continue;
      }
      return { next: item, dropped };
    }
    return undefined;
  }
}

function traceChannel(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as { type?: unknown; channel?: unknown };
  return d.type === 'trace' && typeof d.channel === 'string' ? d.channel : null;
}
