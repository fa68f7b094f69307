import { describe, expect, it } from 'vitest';
import { RequestQueue } from './queue';

describe('RequestQueue', () => {
  it('keeps order, and drops a trace superseded by a later one on the same channel', () => {
    const q = new RequestQueue();
    q.push({ type: 'load', id: 1 });
    q.push({ type: 'trace', id: 2, channel: 'on' });
    q.push({ type: 'trace', id: 3, channel: 'off' });
    q.push({ type: 'trace', id: 4, channel: 'on' });
    q.push({ type: 'trace', id: 5, channel: 'on' });
    const ids: unknown[] = [];
    for (let r = q.take(); r; r = q.take()) ids.push((r.next as { id: number }).id);
    expect(ids).toEqual([1, 3, 5]);
    expect(q.length).toBe(0);
  });

  it('keeps the tour’s GPT-2 traces apart from the small models’: each channel supersedes its own', () => {
    const q = new RequestQueue();
    q.push({ type: 'trace', id: 1, channel: 'tourRealOn' });
    q.push({ type: 'trace', id: 2, channel: 'tourRealOff' });
    q.push({ type: 'trace', id: 3, channel: 'on' });
    q.push({ type: 'trace', id: 4, channel: 'tourRealOn' });
    const ids: unknown[] = [];
    for (let r = q.take(); r; r = q.take()) ids.push((r.next as { id: number }).id);
    expect(ids).toEqual([2, 3, 4]);
  });

  it('serves a small model’s traces before the GPT-2 traces ahead of them, but not before a load', () => {
    const q = new RequestQueue();
    q.push({ type: 'trace', id: 1, channel: 'tourRealOn', slot: 'gpt2' });
    q.push({ type: 'trace', id: 2, channel: 'tourRealOff', slot: 'gpt2' });
    q.push({ type: 'trace', id: 3, channel: 'on', slot: 'residual' });
    q.push({ type: 'loadBytes', id: 4, slot: 'auto' });
    q.push({ type: 'trace', id: 5, channel: 'off', slot: 'plain' });
    const ids: unknown[] = [];
    for (let r = q.take(); r; r = q.take()) ids.push((r.next as { id: number }).id);
    expect(ids).toEqual([3, 1, 2, 4, 5]);
  });

  it('offers a running GPT-2 trace’s pause only a small model’s trace that nothing but GPT-2 traces holds back', () => {
    const q = new RequestQueue();
    q.push({ type: 'trace', id: 1, channel: 'tourRealOff', slot: 'gpt2' });
    q.push({ type: 'trace', id: 2, channel: 'off', slot: 'residual' });
    q.push({ type: 'trace', id: 3, channel: 'off', slot: 'residual' });
    q.push({ type: 'probe', id: 4, slot: 'residual' });
    q.push({ type: 'trace', id: 5, channel: 'on', slot: 'residual' });
    expect(q.waitsOn('off')).toBe(true);
    expect(q.waitsOn('tourRealOn')).toBe(false);
    expect((q.takeSmallModelTrace()?.next as { id: number }).id).toBe(3);
    expect(q.takeSmallModelTrace()).toBeUndefined();
    expect(q.waitsOn('off')).toBe(false);
    expect(q.length).toBe(3);
  });

  it('passes malformed items through for the handler to reject', () => {
    const q = new RequestQueue();
    q.push(null);
    q.push('x');
    expect(q.take()?.next).toBeNull();
    expect(q.take()?.next).toBe('x');
    expect(q.take()).toBeUndefined();
  });
});
