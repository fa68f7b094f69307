import { describe, expect, it } from 'vitest';
import { agreementProbes } from '../data/agreementProbes';
import { tokenId, vocabSize } from '../data/tokenizer';
import { Model } from '../engine/model';
import { agreementAccuracy } from './agreementAccuracy';

describe('agreementAccuracy', () => {
  const probes = agreementProbes(5, 40);

  it('scores 100% for a model that prefers the form the head asks for, 0% for the other', () => {
    // All weights zero, so every position's logits are LN_f's bias times the tied embedding:
    // the singular verb forms get logit 1, every other word 0.
    const m = new Model({ vocabSize, nLayers: 1, skipStrength: 1 }, { init: false });
    const C = m.config.dModel;
    m.params.get('transformer.ln_f.bias')[0] = 1;
    const wte = m.params.get('transformer.wte.weight');
    const singular = probes.map((p) => (p.headNumber === 'sg' ? p.correct : p.wrong));
    for (const w of singular) wte[tokenId(w) * C] = 1;
    const sg = probes.filter((p) => p.headNumber === 'sg');
    const pl = probes.filter((p) => p.headNumber === 'pl');
    expect(agreementAccuracy(m, sg)).toEqual({ accuracy: 1, probes: sg.length });
    expect(agreementAccuracy(m, pl).accuracy).toBe(0);
    expect(agreementAccuracy(m, probes).accuracy).toBeCloseTo(sg.length / probes.length, 9);
  });

  it('rejects an empty probe list', () => {
    expect(() => agreementAccuracy(new Model({ vocabSize }), [])).toThrow(/at least one/);
  });
});
