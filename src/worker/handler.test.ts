import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { serializeModel } from '../engine/modelFile';
import { createHandler } from './handler';

const modelBytes = serializeModel(
  new Model({ vocabSize, dModel: 8, nHeads: 2, nLayers: 2, contextLength: 8, mlpHidden: 16 }),
);

function handlerServing(files: Record<string, Uint8Array>) {
  return createHandler({
    fetchBytes: async (url) => {
      const f = files[url];
      if (!f) throw new Error(`Could not fetch ${url}: HTTP 404`);
      return f.slice().buffer;
    },
  });
}

describe('engine handler', () => {
  it('loads a model, then evaluates a text with the loss and its tokens', async () => {
    const h = handlerServing({ 'm.safetensors': modelBytes });
    const loaded = await h.handle({ type: 'load', id: 1, url: 'm.safetensors' });
    expect(loaded).toMatchObject({ type: 'loaded', id: 1, info: { nLayers: 2, dModel: 8 } });
    const ev = await h.handle({ type: 'evaluate', id: 2, text: 'The dogs zzz run.' });
    expect(ev.type).toBe('evaluated');
    if (ev.type !== 'evaluated') return;
    expect(ev.tokens).toEqual(['The', 'dogs', 'zzz', 'run', '.']);
    expect(ev.unknown).toEqual([false, false, true, false, false]);
    // An untrained model is close to the uniform guess, ln V.
    expect(ev.loss).toBeGreaterThan(Math.log(vocabSize) - 0.5);
    expect(ev.loss).toBeLessThan(Math.log(vocabSize) + 0.5);
  });

  it('answers bad requests, missing files and corrupt weights with an error naming the problem', async () => {
    const h = handlerServing({ 'bad.safetensors': new Uint8Array([9, 9, 9]) });
    expect(await h.handle({ type: 'evaluate', id: 1, text: 'the dog' })).toMatchObject({
      type: 'error',
      message: 'No model is loaded yet',
    });
    expect(await h.handle({ type: 'fly', id: 2 })).toMatchObject({
      type: 'error',
      id: 2,
      message: /unknown request type "fly"/,
    });
    expect(await h.handle('nonsense')).toMatchObject({
      type: 'error',
      id: -1,
      message: /must be an object/,
    });
    expect(await h.handle({ type: 'load', id: 3, url: 'missing' })).toMatchObject({
      type: 'error',
      message: /HTTP 404/,
    });
    expect(await h.handle({ type: 'load', id: 4, url: 'bad.safetensors' })).toMatchObject({
      type: 'error',
      message: /Not a valid safetensors file/,
    });
  });

  it('serves the shipped default model when it exists', async () => {
    const bytes = await readFile('public/models/residual.safetensors').catch(() => null);
    expect(
      bytes,
      'public/models/residual.safetensors is missing: run npm run train',
    ).not.toBeNull();
    const h = handlerServing({ r: new Uint8Array(bytes!) });
    expect((await h.handle({ type: 'load', id: 1, url: 'r' })).type).toBe('loaded');
  });
});
