import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { f32KernelsFor } from './kernels/select';
import type { Model } from './model';
import { deserializeModel, modelStream, ModelFileError } from './modelFile';
import { releaseHeldWeights } from './residentWeights';

/**
 * The committed GPT-2 fixtures (fixtures/gpt2/), installed as their bytes arrive in chunks of
 * every awkward size, against the same file installed whole: the same weights and the same
 * logits, bit for bit. (gpt2Fixtures.test.ts checks the whole-file install against an
 * independent implementation's logits.)
 */
const FIXTURES = 'fixtures/gpt2';
const tokens = [50256, 15496, 995, 0, 1, 220, 50255, 31373];

function logitsOf(model: Model): Float32Array {
  const ws = model.workspace(1, tokens.length);
  model.forward(ws, tokens);
  return Float32Array.from(ws.logits);
}

/** The index of the first value whose bits differ, or -1 (toEqual over 400k numbers takes seconds). */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [x, y] = [a, b].map((v) => new Uint32Array(Float32Array.from(v).buffer));
  if (x.length !== y.length) return Math.min(x.length, y.length);
  return x.findIndex((bits, i) => bits !== y[i]);
}

describe.each(['tiny-f32', 'tiny-f16'])('GPT-2 fixture %s, streamed', (name) => {
  afterEach(releaseHeldWeights);
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, name, 'model.safetensors')));
  const configJson = JSON.parse(readFileSync(join(FIXTURES, name, 'config.json'), 'utf8'));
  const headerEnd = 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true));

  function streamed(size: number): Model {
    const stream = modelStream({ configJson });
    for (let at = 0; at < bytes.length; at += size) stream.push(bytes.subarray(at, at + size));
    return stream.end().model;
  }

  it('installs the same model as the whole file, in chunks of 1, 7, across the header and across a value', () => {
    const whole = deserializeModel(bytes, { configJson }).model;
    const wanted = { params: Float32Array.from(whole.params.data), logits: logitsOf(whole) };
    // 1 and 7 bytes; a chunk ending inside the header's length, one inside the header and
    // one a byte past it (every value after it split across two chunks), and 64 kB.
    for (const size of [1, 7, 5, headerEnd - 100, headerEnd + 1, 65536]) {
      const model = streamed(size);
      expect(model.inference).toBe(true);
      expect(firstDifference(model.params.data, wanted.params), `chunks of ${size}`).toBe(-1);
      expect(firstDifference(logitsOf(model), wanted.logits), `chunks of ${size}`).toBe(-1);
    }
  });

  it('refuses a stream cut short with the whole file’s message, and gives the kernels’ memory back', () => {
    const kernels = f32KernelsFor(new Float32Array(0))!;
    const cut = bytes.subarray(0, bytes.length - 3);
    let expected = '';
    try {
      deserializeModel(cut, { configJson });
    } catch (e) {
      expected = (e as Error).message;
    }
    expect(expected).toMatch(
      /^Not a valid safetensors file: file is truncated: tensor .* \(3 bytes missing\)$/,
    );
    const stream = modelStream({ configJson });
    for (let at = 0; at < cut.length; at += 4096) stream.push(cut.subarray(at, at + 4096));
    expect(kernels.heldBytes()).toBeGreaterThan(0);
    expect(() => stream.end()).toThrow(expected);
    expect(kernels.heldBytes()).toBe(0);
  });

  it('refuses a corrupt header at once, before any weight arrives', () => {
    const bad = bytes.slice(0, headerEnd);
    bad[8] = 'x'.charCodeAt(0);
    const stream = modelStream({ configJson });
    const refused = () => stream.push(bad);
    expect(refused).toThrow(ModelFileError);
    expect(refused).toThrow(/^Not a valid safetensors file: header is not valid JSON/);
  });

  it('asks the caller to accept the family before allocating, and stops at its refusal', () => {
    const families: string[] = [];
    const stream = modelStream({
      configJson,
      accept: (family) => {
        families.push(family);
        throw new Error('not this one');
      },
    });
    expect(() => stream.push(bytes.subarray(0, headerEnd))).toThrow('not this one');
    expect(families).toEqual(['gpt2']);
    expect(f32KernelsFor(new Float32Array(0))!.heldBytes()).toBe(0);
  });
});
