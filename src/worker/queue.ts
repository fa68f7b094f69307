import { traceChannel, traceSlot, type TraceChannel } from './protocol';

/** A GPT-2 trace takes seconds; a small model's, milliseconds. */
const isRealModelTrace = (item: unknown): boolean => traceSlot(item) === 'gpt2';
const isSmallModelTrace = (item: unknown): boolean => {
  const slot = traceSlot(item);
  return slot !== undefined && slot !== 'gpt2';
};

/**
 * Requests waiting for the worker, in the order they came, with two exceptions:
 *
 * - A trace request is dropped when a newer one for the same channel is already waiting: when
 *   a reader types fast or drags a slider, only the latest state is computed, and nothing stale
 *   queues up behind it. (The client ignores any answer to a superseded trace, so a dropped
 *   one needs no reply.)
 * - A small model's trace goes before the GPT-2 traces waiting ahead of it: it takes
 *   milliseconds and theirs take seconds, and the tour's own charts (small models) must not
 *   wait for its "Now on GPT-2" panels. It passes GPT-2 traces only, never a load or a job,
 *   which may change the model it reads.
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
    return this.takeSmallModelTrace() ?? this.takeAt(0);
  }

  /**
   * A small model's trace waiting behind nothing but GPT-2 traces, if there is one: what may run
   * ahead of them, or at a running GPT-2 trace's pause (scheduler.ts).
   */
  takeSmallModelTrace(): { next: unknown } | undefined {
    this.dropSuperseded();
    const at = this.items.findIndex((item) => !isRealModelTrace(item));
    return at >= 0 && isSmallModelTrace(this.items[at]) ? this.takeAt(at) : undefined;
  }

  /** True when a trace request on `channel` is waiting: it supersedes the one running there. */
  waitsOn(channel: TraceChannel): boolean {
    return this.items.some((item) => traceChannel(item) === channel);
  }

  /** Call after dropSuperseded, so the index is the one it found. */
  private takeAt(at: number): { next: unknown } | undefined {
    return at < this.items.length ? { next: this.items.splice(at, 1)[0] } : undefined;
  }

  private dropSuperseded(): void {
    this.items = this.items.filter((item, i) => {
      const ch = traceChannel(item);
      return (
        ch === undefined || !this.items.slice(i + 1).some((later) => traceChannel(later) === ch)
      );
    });
  }
}
