import { afterEach, describe, expect, it } from 'vitest';
import { GPT2_PREFIX, gpt2Tensors } from './gpt2File';
import { f32KernelsFor } from './kernels/select';
import { Model } from './model';
import { deserializeModel, serializeModel } from './modelFile';
import { releaseHeldWeights } from './residentWeights';
import { encodeSafetensors, type NamedTensor } from './safetensors';

/**
 * Files in Hugging Face's GPT-2 layout, written from one of our models by gpt2Tensors (Conv1D
 * weights transposed, with or without the prefix) with mask buffers beside the weights, so the
 * loaded model must equal the original bit for bit. The fixtures written by PyTorch
 * (gpt2Fixtures.test.ts) check the layout against an independent implementation.
 */
const cfg = { vocabSize: 9, dModel: 8, nHeads: 2, nLayers: 2, contextLength: 6, mlpHidden: 16 };

/** Our model's weights as Hugging Face saves them, with the mask buffers beside them. */
function hfTensors(model: Model, prefix: string): Map<string, NamedTensor> {
  const out = gpt2Tensors(model, prefix);
  const T = model.config.contextLength;
  for (let l = 0; l < model.config.nLayers; l++) {
    const mask = new Float32Array(T * T).map((_, i) => (i % T <= i / T ? 1 : 0));
    out.set(`${prefix}h.${l}.attn.bias`, { shape: [1, 1, T, T], data: mask });
    out.set(`${prefix}h.${l}.attn.masked_bias`, { shape: [], data: Float32Array.of(-1e4) });
  }
  return out;
}

/** An nn.Linear weight [out, in] as Conv1D's [in, out], or back. */
function transpose(t: NamedTensor): NamedTensor {
  const [O, I] = t.shape;
  const data = new Float32Array(O * I);
  for (let o = 0; o < O; o++) for (let i = 0; i < I; i++) data[i * O + o] = t.data[o * I + i];
  return { shape: [I, O], data };
}

const heads = { n_head: cfg.nHeads };

describe('GPT-2 files in Hugging Face layout', () => {
  afterEach(releaseHeldWeights);
  const original = new Model({ ...cfg, seed: 5 });

  it.each(['', GPT2_PREFIX])(
    'load with prefix %j as an inference model equal to the original',
    (prefix) => {
      const tensors = hfTensors(original, prefix);
      // GPT2LMHeadModel's state dict has the tied head too
      if (prefix) tensors.set('lm_head.weight', tensors.get(`${prefix}wte.weight`)!);
      const loaded = deserializeModel(encodeSafetensors(tensors, { format: 'pt' }), {
        configJson: { ...heads, n_embd: 8, activation_function: 'gelu_new', n_inner: null },
      });
      expect(loaded.family).toBe('gpt2');
      expect(loaded.headsAssumed).toBe(false);
      expect(loaded.model.inference).toBe(true);
      expect(loaded.model.config).toMatchObject(cfg);
      expect(Array.from(loaded.model.params.data)).toEqual(Array.from(original.params.data));
      const tokens = [1, 2, 3, 4];
      const targets = [2, 3, 4, 5];
      expect(loaded.model.forward(loaded.model.workspace(1, 4), tokens, targets)).toBe(
        original.forward(original.workspace(1, 4), tokens, targets),
      );
    },
  );

  it("takes the head count from GPT-2's head size of 64 when there is no config.json, and says it assumed it", () => {
    // Past the transposition's 32 × 32 tiles, one width not a multiple (384 × 128, 40 × 128)
    const wide = new Model({ ...cfg, dModel: 128, nHeads: 4, mlpHidden: 40 });
    const { model, headsAssumed } = deserializeModel(encodeSafetensors(hfTensors(wide, '')));
    expect(model.config.nHeads).toBe(2);
    // The caller is told, so the reader can be: a model of another head size would be misread.
    expect(headsAssumed).toBe(true);
    // A config.json that does not say n_head leaves it assumed too; one that does is read.
    const file = encodeSafetensors(hfTensors(wide, ''));
    expect(deserializeModel(file, { configJson: { n_embd: 128 } }).headsAssumed).toBe(true);
    const read = deserializeModel(file, { configJson: { n_head: 4 } });
    expect([read.headsAssumed, read.model.config.nHeads]).toEqual([false, 4]);
    expect(Array.from(model.params.data)).toEqual(Array.from(wide.params.data));
    expect(() => deserializeModel(encodeSafetensors(hfTensors(original, '')))).toThrow(
      /width 8 is not a multiple of GPT-2's head size 64, .*give the model's config\.json \(n_head\)/,
    );
  });

  it('reads the weights straight into the kernels’ memory; a refused file keeps none there', () => {
    const kernels = f32KernelsFor(new Float32Array(0))!;
    const wide = new Model({ ...cfg, dModel: 128, nHeads: 4, mlpHidden: 40 });
    const tensors = hfTensors(wide, '');
    const { model } = deserializeModel(encodeSafetensors(tensors), { configJson: { n_head: 4 } });
    // A view of the kernels' whole memory, not arrays of its own copied there later: the
    // file, the arrays and the kernels would hold GPT-2 small three times over (1.6 GB).
    expect(model.params.data.buffer.byteLength).toBe(kernels.memoryBytes());
    expect(Array.from(model.params.data)).toEqual(Array.from(wide.params.data));
    tensors.get('ln_f.bias')!.data[0] = NaN;
    expect(() => deserializeModel(encodeSafetensors(tensors))).toThrow(/non-finite value/);
    expect(kernels.heldBytes()).toBe(0);
  });

  it('still reads our own files as ours', () => {
    expect(deserializeModel(serializeModel(original)).family).toBe('ours');
  });

  it('refuses what it cannot load, naming the tensor and the reason', () => {
    const load = (edit: (t: Map<string, NamedTensor>) => void, configJson: unknown = heads) => {
      const t = hfTensors(original, '');
      edit(t);
      return () => deserializeModel(encodeSafetensors(t), { configJson });
    };
    expect(load((t) => t.delete('h.1.ln_2.bias'))).toThrow(
      /Missing tensor "h\.1\.ln_2\.bias", which a GPT-2 file/,
    );
    expect(load((t) => t.delete('wte.weight'))).toThrow(
      /no "config" entry in its __metadata__ and is not GPT-2 .*\(no "wte\.weight"\)/,
    );
    // Stored as nn.Linear instead of Conv1D
    expect(
      load((t) => t.set('h.0.attn.c_attn.weight', transpose(t.get('h.0.attn.c_attn.weight')!))),
    ).toThrow(
      /"h\.0\.attn\.c_attn\.weight" has shape \[24, 8\], but GPT-2 of this size needs \[8, 24\] \(Conv1D: \[in, out\]\)/,
    );
    expect(
      load((t) => t.set('h.0.attn.rotary', { shape: [1], data: new Float32Array(1) })),
    ).toThrow(/Unexpected tensor "h\.0\.attn\.rotary"/);
    expect(load((t) => (t.get('h.0.mlp.c_fc.weight')!.data[3] = Infinity))).toThrow(
      /"h\.0\.mlp\.c_fc\.weight" holds a non-finite value \(Infinity\)/,
    );
    expect(
      load((t) => t.set('lm_head.weight', { shape: [9, 8], data: new Float32Array(72).fill(1) })),
    ).toThrow(/"lm_head\.weight" differs from the token embedding at index 0: an untied/);
    expect(load((t) => t.set('transformer.wpe.weight', t.get('wpe.weight')!))).toThrow(
      /"transformer\.wpe\.weight" and "wpe\.weight" are the same weight twice/,
    );
    expect(load(() => {}, { n_head: 3 })).toThrow(/dModel \(8\) must be divisible by nHeads \(3\)/);
    expect(load(() => {}, { ...heads, n_layer: 12 })).toThrow(
      /config\.json says n_layer = 12, but the weights have 2/,
    );
    expect(load(() => {}, { ...heads, activation_function: 'relu' })).toThrow(
      /activation_function = "relu", but the engine computes "gelu_new"/,
    );
    expect(load(() => {}, [2])).toThrow(/config\.json must be a JSON object/);
  });
});
