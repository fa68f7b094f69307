import { describe, expect, it, vi } from 'vitest';
import { lensAtPosition } from '../analysis/logitLens';
import { Model } from '../engine/model';
import { deserializeModel, serializeModel } from '../engine/modelFile';
import { traceSequence } from '../engine/trace';
import { createHandler } from './handler';
import { lesionSweep } from '../analysis/lesion';
import { measuringWindows, windowBatches } from '../analysis/textBatches';
import { gpt2Tokenizer } from '../data/gpt2Tokenizer';
import type { LensAt, LesionSwept, Response, TraceEnd, TraceStart } from './protocol';

/**
 * The handler chooses a model's tokenizer by the family deserializeModel (modelFileCore) reports. The committed
 * GPT-2 fixtures are too narrow to load without their config.json, which a load request does not
 * carry, so here a file of ours with GPT-2's vocabulary is reported as GPT-2's: what is tested is
 * the handler's part, given the family (the loader is tested in engine/gpt2File.test.ts).
 */
vi.mock('../engine/modelFileCore', async (importOriginal) => {
  const real = await importOriginal<typeof import('../engine/modelFileCore')>();
  return {
    ...real,
    deserializeModel: (bytes: ArrayBuffer) => {
      const loaded = real.deserializeModel(bytes);
      return { ...loaded, family: loaded.model.config.vocabSize === 50257 ? 'gpt2' : 'ours' };
    },
  };
});

const shape = { dModel: 8, nHeads: 2, nLayers: 1, contextLength: 8, mlpHidden: 16 };
const file = (vocabSize: number) =>
  serializeModel(new Model({ ...shape, vocabSize })).slice().buffer as ArrayBuffer;

async function ask(h: ReturnType<typeof createHandler>, data: unknown): Promise<Response[]> {
  const out: Response[] = [];
  await h.handle(data, (r) => out.push(r));
  return out;
}

const load = (id: number, bytes: ArrayBuffer) => ({
  type: 'loadBytes',
  id,
  slot: 'residual',
  name: 'gpt2.safetensors',
  bytes,
});

const helloWorld = (id: number) => ({
  type: 'trace',
  id,
  channel: 'on',
  slot: 'residual',
  text: 'hello world',
  skipStrength: null,
  lesions: [],
});

describe('the handler with a GPT-2 model', () => {
  it('reads with GPT-2’s tokenizer: its name and pieces in ModelInfo, <|endoftext|> first in traces', async () => {
    const h = createHandler({ fetchBytes: () => Promise.reject(new Error('no fetching')) });
    const [loaded] = await ask(h, load(1, file(50257)));
    if (loaded.type !== 'loaded') throw new Error(JSON.stringify(loaded));
    expect(loaded.info.tokenizer).toBe('gpt2');
    expect(loaded.info.vocab).toHaveLength(50257);
    expect(loaded.info.vocab[995]).toBe('␣world');
    const [start] = await ask(h, helloWorld(2));
    expect((start as TraceStart).words).toEqual(['<|endoftext|>', 'hello', '␣world']);
    expect((start as TraceStart).tokenIds).toEqual([50256, 31373, 995]);
  });

  it('sweeps lesions on English windows, a slice per request, to the numbers of the whole sweep', async () => {
    const h = createHandler({ fetchBytes: () => Promise.reject(new Error('no fetching')) });
    const bytes = file(50257);
    const model = deserializeModel(bytes.slice(0)).model;
    const sweep = (id: number, resume: boolean) => ({
      type: 'lesionSweep',
      id,
      slot: 'residual',
      batches: 1,
      resume,
    });
    // Nothing to resume before a sweep has started.
    expect((await ask(h, sweep(1, true)))[0]).toMatchObject({
      type: 'error',
      message: 'The model trained with skips is not loaded yet',
    });
    await ask(h, load(2, bytes));
    expect((await ask(h, sweep(3, true)))[0]).toMatchObject({
      type: 'error',
      message: expect.stringMatching(
        /lesion sweep of the model trained with skips was interrupted/,
      ),
    });
    // Each pass a slice of its own (slices are 250 ms; passes of this model take less, so the
    // clock is moved on 300 ms per reading).
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 300));
    const answers = [...(await ask(h, sweep(4, false)))];
    while (answers.at(-1)!.type === 'lesionProgress') {
      answers.push(...(await ask(h, sweep(answers.length + 4, true))));
    }
    clock.mockRestore();
    expect(
      answers.map((r) => (r.type === 'lesionProgress' ? `${r.done}/${r.total}` : r.type)),
    ).toEqual(['1/3', '2/3', 'lesionSwept']);
    const swept = answers.at(-1) as LesionSwept;
    const { batches, blockSize } = windowBatches(measuringWindows(model, gpt2Tokenizer));
    const direct = lesionSweep(model, batches, blockSize);
    expect(swept.intact).toBeCloseTo(direct.intact, 6);
    expect(Array.from(swept.lesioned)).toEqual(Array.from(direct.lesioned, Math.fround));
    // Done: the sweep is no longer kept.
    expect((await ask(h, sweep(20, true)))[0].type).toBe('error');
  });

  it('refuses the probes, which measure on our grammar, naming why', async () => {
    const h = createHandler({ fetchBytes: () => Promise.reject(new Error('no fetching')) });
    expect((await ask(h, load(1, file(50257))))[0].type).toBe('loaded');
    const [probed] = await ask(h, { type: 'probe', id: 4, slot: 'residual', seed: 1 });
    expect(probed).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/probe measures on the small models'/),
    });
  });

  it('leaves the lens of a 50,257-word vocabulary to one position on request, the same numbers', async () => {
    const h = createHandler({ fetchBytes: () => Promise.reject(new Error('no fetching')) });
    const bytes = file(50257);
    const model = deserializeModel(bytes.slice(0)).model;
    await ask(h, load(1, bytes));
    const out = await ask(h, helloWorld(2));
    const start = out[0] as TraceStart;
    const end = out[out.length - 1] as TraceEnd;
    expect(end.type).toBe('traceEnd');
    expect(end.lensOnRequest).toBe(true);
    expect(end.lensTopIds).toHaveLength(0);
    expect(end.lensInputRank).toHaveLength(0);
    const [answer] = await ask(h, { type: 'lens', id: 3, trace: 2, position: 1 });
    const lens = answer as LensAt;
    const expected = lensAtPosition(model, traceSequence(model, start.tokenIds), 1);
    expect(lens.type).toBe('lensAt');
    expect([...lens.topIds]).toEqual([...expected.topIds]);
    expect([...lens.topProbs]).toEqual([...expected.topProbs]);
    expect([...lens.nextRank]).toEqual([...expected.nextRank]);
    // Position 1 is "hello": the next token is " world" (995), the input 31373.
    expect([...lens.inputRank]).toEqual([...expected.inputRank]);
    expect(lens.nextRank).toHaveLength(3);
  });

  it('traces the tour’s GPT-2 channels without keeping them: no panel asks for their lens', async () => {
    const h = createHandler({ fetchBytes: () => Promise.reject(new Error('no fetching')) });
    await ask(h, load(1, file(50257)));
    const out = await ask(h, { ...helloWorld(2), channel: 'tourRealOn' });
    expect(out.map((r) => r.type)).toEqual([
      'traceStart',
      ...Array(3).fill('tracePoint'),
      'traceEnd',
    ]);
    expect(out.every((r) => 'channel' in r && r.channel === 'tourRealOn')).toBe(true);
    const [answer] = await ask(h, { type: 'lens', id: 3, trace: 2, position: 1 });
    expect(answer).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/its lens is no longer kept/),
    });
  });

  it('answers a lens request that arrives during the next trace at that trace’s pause, before its end', async () => {
    const h = createHandler({ fetchBytes: () => Promise.reject(new Error('no fetching')) });
    await ask(h, load(1, file(50257)));
    await ask(h, helloWorld(2));
    const out: Response[] = [];
    const post = (r: Response) => out.push(r);
    // As in the worker: the reader's click reaches it as a message (a task) while the "off"
    // channel's trace runs, and the worker hands it to the handler as it arrives.
    setTimeout(() => void h.handle({ type: 'lens', id: 4, trace: 2, position: 1 }, post), 0);
    await h.handle({ ...helloWorld(3), channel: 'off', skipStrength: 0.5 }, post);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const order = out.map((r) => (r.type === 'tracePoint' ? null : `${r.type} ${r.id}`));
    const answered = order.indexOf('lensAt 4');
    expect(answered).toBeGreaterThan(order.indexOf('traceStart 3'));
    expect(answered).toBeLessThan(order.indexOf('traceEnd 3'));
    expect(out[answered]).toMatchObject({ type: 'lensAt', trace: 2, position: 1 });
  });
});
