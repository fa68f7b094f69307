import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validationBatches } from '../src/data/batches';
import { deserializeModel } from '../src/engine/modelFile';
import { SHIPPED_MODELS, TRAINING } from './shipped';

const dir = 'public/models';
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

/** Mean loss of a shipped file on the validation split, measured here, not read from the manifest. */
function measuredValidLoss(file: string): number {
  const { model } = deserializeModel(readFileSync(join(dir, file)));
  const T = model.config.contextLength;
  const batches = validationBatches({ seed: TRAINING.dataSeed, batchSize: 8, blockSize: T }, 4);
  const ws = model.workspace(8, T);
  return batches.reduce((s, b) => s + model.forward(ws, b.tokens, b.targets), 0) / batches.length;
}

describe('shipped models', () => {
  it('are all there, the same architecture, with and without skips, under 4 MB in all', () => {
    const total = readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
    expect(total).toBeLessThan(4 * 1024 * 1024);
    const [residual, plain] = SHIPPED_MODELS.map(
      (m) => deserializeModel(readFileSync(join(dir, m.file))).model.config,
    );
    expect(residual.skipStrength).toBe(1);
    expect(plain.skipStrength).toBe(0);
    // Each network may have its own initialisation (engine/config.ts, defaultInitFor).
    expect({ ...plain, skipStrength: 1, init: residual.init }).toEqual(residual);
  });

  it('the model with skips is clearly better than the bigram baseline on validation text', () => {
    const loss = measuredValidLoss('residual.safetensors');
    expect(loss).toBeLessThan(manifest.bigramValidLoss - 0.2);
    // The manifest's figure is the one measured at the end of training (on more batches).
    const entry = manifest.models.find((m: { id: string }) => m.id === 'residual');
    expect(Math.abs(entry.finalValidLoss - loss)).toBeLessThan(0.15);
  });
});
