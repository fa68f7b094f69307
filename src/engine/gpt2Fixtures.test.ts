import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GPT2_SMALL_SHAPE } from './gpt2File';
import { deserializeModel } from './modelFile';
import type { Model } from './model';
import { nextTokenTargets } from './trace';

/**
 * The committed GPT-2 fixtures (fixtures/gpt2/, written by scripts/fixtures/make-gpt2-fixtures.py
 * with PyTorch; docs/MODEL.md): random tiny models in exactly Hugging Face's layout, with the
 * logits, loss and stream gradients an independent float64 GPT-2 computed on them. Loaded
 * through deserializeModel like any file a reader gives, in Float32.
 */
interface Reference {
  tokens: number[];
  loss: number;
  logsumexp: number[]; // (T)
  ids: number[];
  logits: number[][]; // (T, ids)
  streamGrad: number[][]; // 2L+1 × (T·C)
}

const FIXTURES = 'fixtures/gpt2';

function load(path: string, configJson?: unknown): Model {
  const loaded = deserializeModel(readFileSync(path), { configJson });
  expect(loaded.family).toBe('gpt2');
  return loaded.model;
}

/** Float32 against float64: a few units in the 6th significant digit at these magnitudes. */
function expectClose(actual: number, expected: number, what: string, tol = 2e-5): void {
  const err = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  expect(err, `${what}: ${actual} vs ${expected}`).toBeLessThan(tol);
}

describe.each(['tiny-f32', 'tiny-f16'])('GPT-2 fixture %s', (name) => {
  const dir = join(FIXTURES, name);
  const configJson = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<
    string,
    number
  >;
  const refs = (
    JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as {
      sequences: Reference[];
    }
  ).sequences;
  const model = load(join(dir, 'model.safetensors'), configJson);

  it('has the config of its config.json', () => {
    expect(model.config).toMatchObject({
      vocabSize: configJson.vocab_size,
      dModel: configJson.n_embd,
      nHeads: configJson.n_head,
      nLayers: configJson.n_layer,
      contextLength: configJson.n_positions,
      mlpHidden: 4 * configJson.n_embd,
    });
  });

  it.each(refs.map((r) => [r.tokens.length, r] as const))(
    '%i tokens: logits, loss and stream gradients match the reference',
    (T, ref) => {
      const V = model.config.vocabSize;
      const ws = model.workspace(1, T);
      const loss = model.forward(ws, ref.tokens, nextTokenTargets(ref.tokens));
      expectClose(loss, ref.loss, 'loss');
      for (let t = 0; t < T; t++) {
        const row = ws.logits.subarray(t * V, (t + 1) * V);
        let max = -Infinity;
        for (const v of row) max = Math.max(max, v);
        let sum = 0;
        for (const v of row) sum += Math.exp(v - max);
        expectClose(max + Math.log(sum), ref.logsumexp[t], `logsumexp at ${t}`);
        ref.ids.forEach((id, j) => expectClose(row[id], ref.logits[t][j], `logit ${id} at ${t}`));
      }
      model.streamBackward(ws);
      expect(ws.streamGrad).toHaveLength(ref.streamGrad.length);
      ref.streamGrad.forEach((g, k) =>
        g.forEach((v, i) => expectClose(ws.streamGrad[k][i], v, `∂loss/∂x_${k}[${i}]`, 1e-4)),
      );
    },
  );
});

/**
 * Opt-in: GPT-2 small itself (Hugging Face's gpt2 model.safetensors, 548 MB), which the
 * repository does not hold. TransformerLens publishes its mean loss on "Hello world!" after
 * <|endoftext|>: 5.3319 nats. The ids are GPT-2's BPE of that text.
 */
const GPT2_SMALL = process.env.GPT2_SMALL_PATH;

describe('GPT-2 small from Hugging Face', () => {
  it.skipIf(!GPT2_SMALL)(
    'has mean loss 5.3319 on "Hello world!" (skipped unless GPT2_SMALL_PATH names its model.safetensors)',
    () => {
      const configPath = join(dirname(GPT2_SMALL!), 'config.json');
      const configJson = existsSync(configPath)
        ? (JSON.parse(readFileSync(configPath, 'utf8')) as unknown)
        : undefined;
      const model = load(GPT2_SMALL!, configJson);
      expect(model.config).toMatchObject(GPT2_SMALL_SHAPE);
      const tokens = [50256, 15496, 995, 0];
      const loss = model.forward(model.workspace(1, 4), tokens, nextTokenTargets(tokens));
      expect(loss).toBeCloseTo(5.3319, 3);
    },
  );
});
