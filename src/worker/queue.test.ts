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

  it('passes malformed items through for the handler to reject', () => {
    const q = new RequestQueue();
    q.push(null);
    q.push('x');
    expect(q.take()?.next).toBeNull();
    expect(q.take()?.next).toBe('x');
    expect(q.take()).toBeUndefined();
  });
});
