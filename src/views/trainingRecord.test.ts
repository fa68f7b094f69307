import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { languageEntropy } from '../data/grammarEntropy';
import { OLD_MANIFEST_NOTE, parseTrainingRecord, referenceLines } from './trainingRecord';

describe('the training record', () => {
  it('reads the shipped manifest: references, each model’s init, learning rate and agreement', () => {
    const raw = JSON.parse(readFileSync('public/models/manifest.json', 'utf8'));
    const r = parseTrainingRecord(raw)!;
    expect(r.references.uniform).toBe(raw.referenceLosses.uniform);
    expect(r.references.bigram).toBe(raw.referenceLosses.bigram);
    // Recorded by `npm run train`; the page reads it, it does not compute it.
    expect(r.references.grammarEntropy).toBeCloseTo(languageEntropy().perWord, 12);
    const plain = r.models.find((m) => m.id === 'plain')!;
    const rawPlain = raw.models.find((m: { id: string }) => m.id === 'plain');
    expect(plain).toEqual({
      id: 'plain',
      steps: rawPlain.steps,
      finalValidLoss: rawPlain.finalValidLoss,
      init: rawPlain.config.init,
      lr: rawPlain.lr,
      agreement: rawPlain.agreement.accuracy,
      validCurve: rawPlain.lossCurve.map((p: { step: number; valid: number }) => ({
        step: p.step,
        valid: p.valid,
      })),
    });
    expect(plain.validCurve.length).toBeGreaterThan(10);
  });

  it('refuses a manifest without reference losses, and says what an old one lacks', () => {
    expect(parseTrainingRecord({ bigramValidLoss: 3, models: [] })).toBeNull();
    expect(parseTrainingRecord(null)).toBeNull();
    const r = parseTrainingRecord({
      referenceLosses: { uniform: 5, unigram: 4, bigram: 3 },
      models: [{ id: 'a', steps: 1, finalValidLoss: 2 }, { id: 'bad' }],
    })!;
    expect(r.references.grammarEntropy).toBeNull();
    expect(r.references.grammarEntropyNote).toBe(OLD_MANIFEST_NOTE);
    expect(referenceLines(r.references).map((l) => l.label)).not.toContain('grammar');
    const recorded = parseTrainingRecord({
      referenceLosses: {
        uniform: 5,
        unigram: 4,
        bigram: 3,
        grammarEntropy: 2.5,
        grammarEntropyNote: 'x',
      },
      models: [],
    })!;
    expect(recorded.references).toMatchObject({ grammarEntropy: 2.5, grammarEntropyNote: 'x' });
    expect(r.models).toEqual([
      {
        id: 'a',
        steps: 1,
        finalValidLoss: 2,
        init: 'gpt2',
        lr: null,
        agreement: null,
        validCurve: [],
      },
    ]);
  });
});

describe('reference lines', () => {
  it('draws uniform, unigram and bigram, and the grammar entropy only when it is known', () => {
    const refs = {
      uniform: 5,
      unigram: 4,
      bigram: 3,
      grammarEntropy: null,
      grammarEntropyNote: '',
    };
    expect(referenceLines(refs).map((l) => l.y)).toEqual([5, 4, 3]);
    expect(referenceLines({ ...refs, grammarEntropy: 2 }).map((l) => l.label)).toEqual([
      'uniform',
      'unigram',
      'bigram',
      'grammar',
    ]);
  });
});
