import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { serializeModel } from '../engine/modelFile';
import { releaseHeldWeights } from '../engine/residentWeights';
import { createHandler } from './handler';
import type { Response, TraceChannel, TraceEnd } from './protocol';
import { createScheduler } from './scheduler';

/**
 * The worker's scheduler with the real handler: the tiny GPT-2 fixture in the 'gpt2' slot and a
 * small model of ours in 'residual', traced for real. Each test starts a trace and, when its first
 * point is posted (the forward pass under way, before its first pause), sends the next request.
 */
const handler = createHandler({ fetchBytes: () => Promise.reject(new Error('no fetching')) });

beforeAll(async () => {
  const gpt2 = (await readFile('fixtures/gpt2/tiny-f32/model.safetensors')).buffer;
  const config = await readFile('fixtures/gpt2/tiny-f32/config.json', 'utf8');
  const small = { vocabSize, dModel: 8, nHeads: 2, nLayers: 2, contextLength: 8, mlpHidden: 16 };
  const loads = [
    { type: 'loadBytes', id: 1, slot: 'auto', name: 'gpt2', bytes: gpt2, config },
    {
      type: 'loadBytes',
      id: 2,
      slot: 'residual',
      name: 'ours',
      bytes: serializeModel(new Model(small)).slice().buffer,
    },
  ];
  for (const load of loads) {
    const out: Response[] = [];
    await handler.handle(load, (r) => out.push(r));
    expect(out[0]).toMatchObject({ type: 'loaded' });
  }
});
afterAll(() => releaseHeldWeights());

const trace = (id: number, channel: TraceChannel, slot: 'gpt2' | 'residual') => ({
  type: 'trace',
  id,
  channel,
  slot,
  text: slot === 'gpt2' ? 'The town sits where the river bends.' : 'the dog sees the cat .',
  skipStrength: null,
  lesions: [],
});

/** Runs `first`, sends `then` at its first point, and waits until every trace named in `ends` has ended. */
async function run(first: object, then: object, ends: number[]) {
  const got: Response[] = [];
  const scheduler = createScheduler(handler.handle, (r) => {
    got.push(r);
    if (r.type === 'tracePoint' && r.id === (first as { id: number }).id && r.point === 0)
      scheduler.enqueue(then);
  });
  scheduler.enqueue(first);
  await vi.waitFor(
    () => {
      for (const id of ends)
        expect(got.some((r) => r.type === 'traceEnd' && r.id === id)).toBe(true);
    },
    { timeout: 10_000, interval: 5 },
  );
  // Give a stopped trace time to send anything it wrongly still would.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const of = (id: number) => got.filter((r) => 'id' in r && r.id === id).map((r) => r.type);
  return { got, of };
}

describe('the worker’s scheduler', () => {
  it('stops a GPT-2 trace at its pause when a newer one on its channel arrives; the newer one runs whole', async () => {
    const newer = { ...trace(12, 'on', 'gpt2'), text: 'hello world' };
    const { got, of } = await run(trace(11, 'on', 'gpt2'), newer, [12]);
    const points = 2 * 2 + 1;
    // The older one sent its start and the points of its forward pass, then nothing: no end, no error.
    expect(of(11)).toEqual(['traceStart', ...Array(points).fill('tracePoint')]);
    expect(of(12)).toEqual(['traceStart', ...Array(points).fill('tracePoint'), 'traceEnd']);
    expect(got.every((r) => r.type !== 'error')).toBe(true);
    // The pass left half done leaves nothing behind: the newer trace is the one run alone.
    const alone: Response[] = [];
    await handler.handle({ ...newer, id: 13 }, (r) => alone.push(r));
    const end = (rs: Response[]) => rs.find((r) => r.type === 'traceEnd') as TraceEnd;
    expect({ ...end(got), id: 0 }).toEqual({ ...end(alone), id: 0 });
  });

  it('does not stop a trace for a newer one on another channel', async () => {
    const { got } = await run(trace(21, 'on', 'gpt2'), trace(22, 'off', 'gpt2'), [21, 22]);
    const ends = got.filter((r) => r.type === 'traceEnd').map((r) => r.id);
    expect(ends).toEqual([21, 22]);
  });

  it('runs a small model’s trace at a GPT-2 trace’s pause, not after it', async () => {
    const { got } = await run(
      trace(31, 'tourRealOn', 'gpt2'),
      trace(32, 'on', 'residual'),
      [31, 32],
    );
    const ends = got.filter((r) => r.type === 'traceEnd').map((r) => r.id);
    expect(ends).toEqual([32, 31]);
  });
});
