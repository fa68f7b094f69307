import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LENS_TOP_K } from '../analysis/lensOutput';
import { vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { gpt2Tensors } from '../engine/gpt2File';
import { f32KernelsFor } from '../engine/kernels/select';
import { serializeModel } from '../engine/modelFile';
import { releaseHeldWeights } from '../engine/residentWeights';
import { encodeSafetensors } from '../engine/safetensors';
import { traceSequence } from '../engine/trace';
import { createHandler } from './handler';
import type { Response, TraceEnd, TracePoint, TraceStart } from './protocol';

const kernels = () => f32KernelsFor(new Float32Array(0))!;
const small = { vocabSize, dModel: 8, nHeads: 2, nLayers: 2, contextLength: 8, mlpHidden: 16 };
const modelBytes = serializeModel(new Model(small));

function handlerServing(files: Record<string, Uint8Array>) {
  const h = createHandler({
    fetchBytes: async (url) => {
      const f = files[url];
      if (!f) throw new Error(`Could not fetch ${url}: HTTP 404`);
      return f.slice().buffer;
    },
  });
  return {
    async ask(data: unknown): Promise<Response[]> {
      const out: Response[] = [];
      await h.handle(data, (r) => out.push(r));
      return out;
    },
  };
}

const trace = (over: object = {}) => ({
  type: 'trace',
  id: 7,
  channel: 'on',
  slot: 'residual',
  text: 'The dogs zzz run .',
  skipStrength: null,
  lesions: [],
  ...over,
});

describe('engine handler', () => {
  it('loads a model, then traces a text with its words and loss', async () => {
    const h = handlerServing({ 'm.safetensors': modelBytes });
    const [loaded] = await h.ask({ type: 'load', id: 1, slot: 'residual', url: 'm.safetensors' });
    expect(loaded).toMatchObject({
      type: 'loaded',
      id: 1,
      info: { nLayers: 2, dModel: 8, slot: 'residual', tokenizer: 'words' },
    });
    const out = await h.ask(trace({ id: 2, text: 'The dogs zzz run.' }));
    const start = out[0] as TraceStart;
    const end = out[out.length - 1] as TraceEnd;
    expect(start.words).toEqual(['The', 'dogs', 'zzz', 'run', '.']);
    expect(start.unknown).toEqual([false, false, true, false, false]);
    // An untrained model is close to the uniform guess, ln V.
    expect(Math.abs(end.loss! - Math.log(vocabSize))).toBeLessThan(0.5);
  });

  it('streams a trace: a start, one message per residual point in order, and an end', async () => {
    const h = handlerServing({ m: modelBytes });
    await h.ask({ type: 'load', id: 1, slot: 'residual', url: 'm' });
    const out = await h.ask(trace({ lesions: [1] }));
    expect(out.map((r) => r.type)).toEqual([
      'traceStart',
      ...Array(5).fill('tracePoint'),
      'traceEnd',
    ]);
    const start = out[0] as TraceStart;
    expect(start).toMatchObject({
      id: 7,
      channel: 'on',
      T: 5,
      nLayers: 2,
      truncated: false,
      skipStrength: 1,
    });
    expect(start.unknown).toEqual([false, false, true, false, false]);
    const points = out.slice(1, 6) as TracePoint[];
    expect(points.map((p) => p.point)).toEqual([0, 1, 2, 3, 4]);
    expect(points[2].lesioned).toBe(true);
    expect(Array.from(points[2].stream)).toEqual(Array.from(points[1].stream));

    // The streamed points are the engine's own trace, bit for bit.
    const { model } = await import('../engine/modelFile').then((m) =>
      m.deserializeModel(modelBytes),
    );
    const reference = traceSequence(model, start.tokenIds, { lesions: [0, 1, 0, 0] });
    points.forEach((p, k) => expect(Array.from(p.stream)).toEqual(Array.from(reference.stream[k])));
    const end = out[6] as TraceEnd;
    expect(end.loss).toBeCloseTo(reference.loss, 6);
    expect(end.lensTopIds).toHaveLength(5 * 5 * LENS_TOP_K);
    expect(end.streamGradNorms).toHaveLength(5);
    // The lens at the last point is the model's own prediction: its top word is the argmax of the logits.
    const V = vocabSize;
    for (let t = 0; t < 5; t++) {
      const row = reference.logits.subarray(t * V, (t + 1) * V);
      const argmax = row.indexOf(Math.max(...row));
      expect(end.lensTopIds[(4 * 5 + t) * LENS_TOP_K]).toBe(argmax);
    }
  });

  it('uses an inference-time α when asked, and reports it', async () => {
    const h = handlerServing({ m: modelBytes });
    await h.ask({ type: 'load', id: 1, slot: 'residual', url: 'm' });
    const on = await h.ask(trace());
    const off = await h.ask(trace({ skipStrength: 0 }));
    expect((off[0] as TraceStart).skipStrength).toBe(0);
    expect((off[6] as TraceEnd).loss).not.toBe((on[6] as TraceEnd).loss);
  });

  it('truncates text longer than the context and says so', async () => {
    const h = handlerServing({ m: modelBytes });
    await h.ask({ type: 'load', id: 1, slot: 'residual', url: 'm' });
    const [start] = await h.ask(trace({ text: 'the dog runs . '.repeat(10) }));
    expect(start).toMatchObject({ type: 'traceStart', T: 8, truncated: true });
  });

  it('answers bad requests, missing files and corrupt weights with an error naming the problem', async () => {
    const h = handlerServing({ 'bad.safetensors': new Uint8Array([9, 9, 9]), m: modelBytes });
    expect(await h.ask(trace({ id: 1, slot: 'plain' }))).toMatchObject([
      {
        type: 'error',
        id: 1,
        channel: 'on',
        message: expect.stringMatching(/model trained without skips is not loaded/),
      },
    ]);
    expect(await h.ask({ type: 'fly', id: 2 })).toMatchObject([
      { type: 'error', id: 2, message: expect.stringMatching(/unknown request type "fly"/) },
    ]);
    expect(await h.ask('nonsense')).toMatchObject([
      { type: 'error', id: -1, message: expect.stringMatching(/must be an object/) },
    ]);
    expect(await h.ask({ type: 'load', id: 3, slot: 'residual', url: 'missing' })).toMatchObject([
      { type: 'error', message: expect.stringMatching(/HTTP 404/) },
    ]);
    expect(
      await h.ask({ type: 'load', id: 4, slot: 'residual', url: 'bad.safetensors' }),
    ).toMatchObject([
      { type: 'error', message: expect.stringMatching(/Not a valid safetensors file/) },
    ]);
    await h.ask({ type: 'load', id: 5, slot: 'residual', url: 'm' });
    expect(await h.ask(trace({ id: 6, text: '   ' }))).toMatchObject([
      { type: 'error', channel: 'on', message: expect.stringMatching(/Type a sentence/) },
    ]);
    expect(await h.ask(trace({ id: 8, lesions: [9] }))).toMatchObject([
      { type: 'error', message: expect.stringMatching(/Sublayer 9 does not exist/) },
    ]);
    expect(await h.ask(trace({ id: 9, skipStrength: 2 }))).toMatchObject([
      { type: 'error', message: expect.stringMatching(/skipStrength/) },
    ]);
  });

  it('refuses a trace whose numbers overflow float32, naming where, with no point past it', async () => {
    // Finite weights, each within float32, that pass every check on a file: layer 2's MLP
    // multiplies by 1e25 twice, and the stream leaves float32's range there.
    const huge = new Model(small);
    for (const name of ['transformer.h.1.mlp.c_fc.weight', 'transformer.h.1.mlp.c_proj.weight']) {
      const w = huge.params.get(name);
      for (let i = 0; i < w.length; i++) w[i] *= 1e25;
    }
    const h = handlerServing({ m: serializeModel(huge) });
    expect(await h.ask({ type: 'load', id: 1, slot: 'residual', url: 'm' })).toMatchObject([
      { type: 'loaded' },
    ]);
    const out = await h.ask(trace({ id: 2 }));
    expect(out.map((r) => r.type)).toEqual(['traceStart', ...Array(4).fill('tracePoint'), 'error']);
    for (const p of out.slice(1, 5) as TracePoint[]) {
      expect(p.stream.every(Number.isFinite)).toBe(true);
    }
    expect(out[5]).toEqual({
      type: 'error',
      id: 2,
      channel: 'on',
      message:
        "The model's numbers overflowed at layer 2 · MLP (values beyond float32's range); nothing is drawn from this trace.",
    });
  });

  it('serves the shipped default model', async () => {
    const bytes = await readFile('public/models/residual.safetensors').catch(() => null);
    expect(
      bytes,
      'public/models/residual.safetensors is missing: run npm run train',
    ).not.toBeNull();
    const h = handlerServing({ r: new Uint8Array(bytes!) });
    expect((await h.ask({ type: 'load', id: 1, slot: 'residual', url: 'r' }))[0].type).toBe(
      'loaded',
    );
  });
});

describe('a reader’s GPT-2 file with its config.json', () => {
  const load = async (config?: string) => {
    const bytes = (await readFile('fixtures/gpt2/tiny-f32/model.safetensors')).buffer;
    const h = handlerServing({});
    const req = { type: 'loadBytes', id: 1, slot: 'auto', name: 'model.safetensors', bytes };
    return (await h.ask(config === undefined ? req : { ...req, config }))[0];
  };

  it('reads the head count from the config.json given with it', async () => {
    const config = await readFile('fixtures/gpt2/tiny-f32/config.json', 'utf8');
    expect(await load(config)).toMatchObject({
      type: 'loaded',
      info: { slot: 'gpt2', nHeads: 2, headsAssumed: false },
    });
  });

  it('a GPT-2 file refused while its weights are read leaves the one shown in the kernels’ memory', async () => {
    const h = handlerServing({});
    const bytes = (await readFile('fixtures/gpt2/tiny-f32/model.safetensors')).buffer;
    const config = await readFile('fixtures/gpt2/tiny-f32/config.json', 'utf8');
    const req = { type: 'loadBytes', slot: 'auto', name: 'model.safetensors', config };
    expect((await h.ask({ ...req, id: 1, bytes }))[0].type).toBe('loaded');
    const held = kernels().heldBytes();
    expect(held).toBeGreaterThan(0);
    // The fixture's shape, one weight not finite: refused only once its weights are being read.
    const shape = { vocabSize: 50257, dModel: 4, nHeads: 2, nLayers: 2, contextLength: 32 };
    const broken = gpt2Tensors(new Model({ ...shape, mlpHidden: 16 }), '');
    broken.get('ln_f.bias')!.data[1] = NaN;
    const refused = await h.ask({ ...req, id: 2, bytes: encodeSafetensors(broken).buffer });
    expect(refused[0]).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/"ln_f\.bias" holds a non-finite value/),
    });
    expect(kernels().heldBytes()).toBe(held);
    const traced = await h.ask(trace({ id: 3, slot: 'gpt2', text: 'hello world' }));
    expect(traced[traced.length - 1]).toMatchObject({ type: 'traceEnd' });
    releaseHeldWeights();
  });

  it('reads a dropped file (a Blob) as it streams from disk: the same model as its bytes; cut short, the same refusal', async () => {
    const h = handlerServing({});
    const bytes = await readFile('fixtures/gpt2/tiny-f32/model.safetensors');
    const config = await readFile('fixtures/gpt2/tiny-f32/config.json', 'utf8');
    const req = { type: 'loadBytes', slot: 'auto', name: 'model.safetensors', config };
    const traced = async (id: number) =>
      (await h.ask(trace({ id, slot: 'gpt2', text: 'hello world' }))).map((r) => ({ ...r, id: 0 }));
    const fromBytes = await h.ask({ ...req, id: 1, bytes: bytes.buffer });
    const bytesTrace = await traced(2);
    // Several of Node's 64 kB chunks, as a File's stream is read.
    const fromBlob = await h.ask({ ...req, id: 3, bytes: new Blob([bytes]) });
    expect(fromBlob).toEqual([{ ...fromBytes[0], id: 3 }]);
    expect(await traced(4)).toEqual(bytesTrace);
    const held = kernels().heldBytes();
    const cut = bytes.subarray(0, bytes.length - 3);
    const cutBytes = await h.ask({ ...req, id: 5, bytes: new Uint8Array(cut).buffer });
    const cutBlob = await h.ask({ ...req, id: 6, bytes: new Blob([cut]) });
    expect(cutBlob).toEqual([{ ...cutBytes[0], id: 6 }]);
    expect(cutBlob[0]).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/truncated/),
    });
    // One past the memory budget is refused by its size, before a byte of it is read.
    const huge = Object.defineProperty(new Blob([bytes]), 'size', { value: 2e9 });
    huge.stream = () => {
      throw new Error('read');
    };
    expect((await h.ask({ ...req, id: 8, bytes: huge }))[0]).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/^The file is too large to load: the file is 2 GB/),
    });
    // The one loaded before stays, in the kernels' memory.
    expect(kernels().heldBytes()).toBe(held);
    expect(await traced(7)).toEqual(bytesTrace);
    releaseHeldWeights();
  });

  it('without it, names what is missing; a config.json that is not JSON is named too', async () => {
    // The fixture's width 4 has no head count by GPT-2's head size of 64.
    expect(await load()).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/give the model's config\.json/),
    });
    expect(await load('{"n_head": 2')).toMatchObject({
      type: 'error',
      message: 'The config.json given with the model is not valid JSON.',
    });
  });
});
