import { describe, expect, it } from 'vitest';
import { MEMORY_BUDGET_BYTES } from './budget';
import { Model } from './model';
import { deserializeModel, serializeModel } from './modelFile';
import { decodeSafetensors, encodeSafetensors } from './safetensors';

const cfg = {
  vocabSize: 9,
  dModel: 8,
  nHeads: 2,
  nLayers: 2,
  contextLength: 6,
  mlpHidden: 16,
  seed: 4,
};

describe('model files', () => {
  it('round-trips every parameter bit for bit, with the config and extra metadata', () => {
    for (const norm of ['pre', 'post', 'none'] as const) {
      const model = new Model({ ...cfg, norm, skipStrength: 0.25 });
      const bytes = serializeModel(model, { steps: '12' });
      const { model: back, metadata } = deserializeModel(bytes);
      expect(back.config).toEqual(model.config);
      expect(metadata.steps).toBe('12');
      expect(
        Buffer.from(back.params.data.buffer).equals(Buffer.from(model.params.data.buffer)),
      ).toBe(true);
      const tokens = [1, 2, 3, 4];
      const targets = [2, 3, 4, 5];
      expect(back.forward(back.workspace(1, 4), tokens, targets)).toBe(
        model.forward(model.workspace(1, 4), tokens, targets),
      );
    }
  });

  it('refuses files that do not match, naming the problem', () => {
    const model = new Model(cfg);
    const good = decodeSafetensors(serializeModel(model));
    const rebuild = (
      edit: (
        t: Map<string, { shape: number[]; data: Float32Array }>,
        m: Record<string, string>,
      ) => void,
    ): Uint8Array => {
      const tensors = new Map(good.tensors);
      const meta = { ...good.metadata };
      edit(tensors, meta);
      return encodeSafetensors(tensors, meta);
    };
    expect(() => deserializeModel(rebuild((_, m) => delete m.config))).toThrow(/no "config" entry/);
    expect(() => deserializeModel(rebuild((_, m) => (m.config = '{oops')))).toThrow(
      /not valid JSON/,
    );
    expect(() =>
      deserializeModel(rebuild((_, m) => (m.config = JSON.stringify({ ...cfg, nHeads: 3 })))),
    ).toThrow(/config does not fit: dModel \(8\) must be divisible by nHeads \(3\)/);
    expect(() => deserializeModel(rebuild((t) => t.delete('transformer.ln_f.bias')))).toThrow(
      /Missing tensor "transformer.ln_f.bias"/,
    );
    expect(() =>
      deserializeModel(
        rebuild((t) =>
          t.set('transformer.wte.weight', { shape: [9, 4], data: new Float32Array(36) }),
        ),
      ),
    ).toThrow(/"transformer.wte.weight" has shape \[9, 4\], but the config needs \[9, 8\]/);
    expect(() =>
      deserializeModel(rebuild((t) => t.set('extra', { shape: [1], data: new Float32Array(1) }))),
    ).toThrow(/Unexpected tensor "extra"/);
    expect(() =>
      deserializeModel(
        rebuild((t) =>
          t.set('transformer.ln_f.bias', { shape: [8], data: new Float32Array(8).fill(NaN) }),
        ),
      ),
    ).toThrow(/non-finite value/);
    expect(() => deserializeModel(new Uint8Array([1, 2, 3]))).toThrow(
      /Not a valid safetensors file/,
    );
  });

  it('refuses a tiny file whose config needs more memory than the budget, before allocating', () => {
    // Every field within its own limit; together 3 GB of arrays, which the old loader allocated
    // before noticing the file holds no tensors at all.
    const config = {
      ...cfg,
      vocabSize: 100_000,
      dModel: 2048,
      nHeads: 8,
      nLayers: 1,
      contextLength: 16,
      mlpHidden: 2048,
    };
    const bytes = encodeSafetensors({}, { config: JSON.stringify(config) });
    expect(bytes.length).toBeLessThan(400);
    expect(() => deserializeModel(bytes)).toThrow(
      /^The model config does not fit: this model needs 3\.\d GB \(.*\); the limit is 1 GB$/,
    );
  });

  it('refuses a file larger than the budget before reading it', () => {
    // Zero pages: the operating system maps them without touching memory.
    const huge = new ArrayBuffer(MEMORY_BUDGET_BYTES + 8);
    expect(() => deserializeModel(huge)).toThrow(
      'The file is too large to load: the file is 1 GB (1,000,000,008 bytes); the limit is 1 GB',
    );
  });
});
