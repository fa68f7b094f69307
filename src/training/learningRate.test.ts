import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ownLearningRate } from './learningRate';

interface ManifestModel {
  id: string;
  lr: number;
  config: { skipStrength: number };
}
const manifest = JSON.parse(
  readFileSync(new URL('../../public/models/manifest.json', import.meta.url), 'utf8'),
) as { models: ManifestModel[] };

describe('each network its own learning rate', () => {
  // If `npm run train` chooses other rates, the lab's defaults must follow: change the table.
  it.each(manifest.models.map((m) => [m.id, m] as const))(
    'is the rate the sweep chose for the shipped %s model',
    (_, m) => {
      expect(ownLearningRate(m.config.skipStrength)).toBe(m.lr);
    },
  );

  it('differs between the network with skips and the one without', () => {
    expect(ownLearningRate(1)).toBeGreaterThan(ownLearningRate(0));
    expect(ownLearningRate(0.5)).toBe(ownLearningRate(1));
  });
});
