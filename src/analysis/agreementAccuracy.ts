/**
 * Subject–verb agreement as a score: over the minimal pairs of data/agreementProbes.ts, the
 * share where the model gives the verb form that agrees with the head noun a higher logit than
 * the form that agrees with the attractor. Chance is 50%; copying the nearest noun scores 0%.
 *
 * Each prefix follows a "." so it starts where sentences start in the training stream.
 */
import type { AgreementProbe } from '../data/agreementProbes';
import { PERIOD } from '../data/vocabulary';
import { tokenId } from '../data/tokenizer';
import type { Model } from '../engine/model';

export interface AgreementScore {
  /** Share of probes where logit(correct) > logit(wrong), from 0 to 1. */
  accuracy: number;
  probes: number;
}

export function agreementAccuracy(model: Model, probes: readonly AgreementProbe[]): AgreementScore {
  if (probes.length === 0) throw new Error('need at least one agreement probe');
  const V = model.config.vocabSize;
  let right = 0;
  for (const p of probes) {
    const ids = [PERIOD, ...p.prefix].map(tokenId);
    const T = ids.length;
    if (T > model.config.contextLength) {
      throw new Error(
        `a probe of ${T} tokens does not fit the context of ${model.config.contextLength}`,
      );
    }
    const ws = model.workspace(1, T);
    model.forward(ws, ids);
    const last = (T - 1) * V;
    if (ws.logits[last + tokenId(p.correct)] > ws.logits[last + tokenId(p.wrong)]) right++;
  }
  return { accuracy: right / probes.length, probes: probes.length };
}
