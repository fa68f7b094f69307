import { describe, expect, it } from 'vitest';
import { EngineClient } from './client';
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
  postMessage(m: unknown) {
    this.posted.push(m);
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
  const client = new EngineClient(
    { onResponse: (r) => got.push(r), onCrash: (m) => crashes.push(m) },
    () => new FakeWorker() as unknown as Worker,
  );
  return { client, got, crashes, worker: () => FakeWorker.made[FakeWorker.made.length - 1] };
}

describe('EngineClient', () => {
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

  it('restarts a crashed worker and says so', () => {
    const { client, crashes, worker } = setup();
    const crashed = worker();
    crashed.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    expect(crashed.terminated).toBe(true);
    expect(FakeWorker.made).toHaveLength(2);
    expect(crashes[0]).toMatch(/boom.*restarted/);
    client.send({ type: 'load', slot: 'residual', url: 'x' });
    expect(worker().posted).toHaveLength(1);
  });
});
