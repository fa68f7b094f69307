import { describe, expect, it } from 'vitest';
import { RequestQueue } from './queue';

const queueOf = (...items: unknown[]): RequestQueue => {
  const q = new RequestQueue();
  items.forEach((item) => q.push(item));
  return q;
};
const idOf = (taken: { next: unknown } | undefined) => (taken?.next as { id: number }).id;
/** The ids of the requests in the order the worker would run them. */
function order(q: RequestQueue): number[] {
  const ids: number[] = [];
  for (let r = q.take(); r; r = q.take()) ids.push(idOf(r));
  return ids;
}
const trace = (id: number, channel: string, slot = 'residual') => ({
  type: 'trace',
  id,
  channel,
  slot,
});

describe('RequestQueue', () => {
  it('keeps order, and drops a trace superseded by a later one on the same channel', () => {
    const q = queueOf(
      { type: 'load', id: 1 },
      trace(2, 'on'),
      trace(3, 'off'),
      trace(4, 'on'),
      trace(5, 'on'),
    );
    expect(order(q)).toEqual([1, 3, 5]);
    expect(q.length).toBe(0);
  });

  it('keeps the tour’s GPT-2 traces apart from the small models’: each channel supersedes its own', () => {
    const q = queueOf(
      trace(1, 'tourRealOn', 'gpt2'),
      trace(2, 'tourRealOff', 'gpt2'),
      trace(3, 'on', 'residual'),
      trace(4, 'tourRealOn', 'gpt2'),
    );
    // 1 is superseded by 4; the small model's 3 goes before the GPT-2 traces (below).
    expect(order(q)).toEqual([3, 2, 4]);
  });

  it('serves a small model’s traces before the GPT-2 traces ahead of them, but not before a load', () => {
    const q = queueOf(
      trace(1, 'tourRealOn', 'gpt2'),
      trace(2, 'tourRealOff', 'gpt2'),
      trace(3, 'on', 'residual'),
      { type: 'loadBytes', id: 4, slot: 'auto' },
      trace(5, 'off', 'plain'),
    );
    expect(order(q)).toEqual([3, 1, 2, 4, 5]);
  });

  it('offers a running GPT-2 trace’s pause only a small model’s trace that nothing but GPT-2 traces holds back', () => {
    const q = queueOf(
      trace(1, 'tourRealOff', 'gpt2'),
      trace(2, 'off'),
      trace(3, 'off'),
      { type: 'probe', id: 4, slot: 'residual' },
      trace(5, 'on'),
    );
    expect(q.waitsOn('off')).toBe(true);
    expect(q.waitsOn('tourRealOn')).toBe(false);
    expect(idOf(q.takeSmallModelTrace())).toBe(3);
    expect(q.takeSmallModelTrace()).toBeUndefined();
    expect(q.waitsOn('off')).toBe(false);
    expect(q.length).toBe(3);
  });

  it('passes malformed items through for the handler to reject', () => {
    const q = queueOf(null, 'x');
    expect(q.take()?.next).toBeNull();
    expect(q.take()?.next).toBe('x');
    expect(q.take()).toBeUndefined();
  });
});
