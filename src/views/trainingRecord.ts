import { useEffect, useState } from 'react';

/**
 * Losses any model of this corpus can be held against, in nats per word on the validation split:
 * guessing uniformly over the vocabulary, knowing each word's frequency, and knowing which word
 * follows which; and the language's own entropy rate, the floor, with `grammarEntropyNote`
 * saying how it was had (null for a manifest written before `npm run train` recorded it, the
 * note then saying so).
 */
export interface ReferenceLosses {
  uniform: number;
  unigram: number;
  bigram: number;
  grammarEntropy: number | null;
  grammarEntropyNote: string;
}

/** One shipped model's training, as recorded. */
export interface ModelRecord {
  id: string;
  steps: number;
  finalValidLoss: number;
  init: string;
  lr: number | null;
  /** Share of subject–verb agreement minimal pairs it scores right, if measured. */
  agreement: number | null;
  /** Validation loss by training step, as evaluated during the run (empty if not recorded). */
  validCurve: { step: number; valid: number }[];
}

/** What the shipped models' manifest records about their training (written by `npm run train`). */
export interface TrainingRecord {
  references: ReferenceLosses;
  models: ModelRecord[];
}

/** What the page says of the floor when the manifest does not carry it. */
export const OLD_MANIFEST_NOTE =
  'not recorded in this manifest (an older npm run train wrote it; training again records it).';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The manifest's training record, or null if it lacks the reference losses. */
export function parseTrainingRecord(raw: unknown): TrainingRecord | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const ref = (r.referenceLosses ?? {}) as Record<string, unknown>;
  if (!isNum(ref.uniform) || !isNum(ref.unigram) || !isNum(ref.bigram) || !Array.isArray(r.models))
    return null;
  const references: ReferenceLosses = {
    uniform: ref.uniform,
    unigram: ref.unigram,
    bigram: ref.bigram,
    // Not computed here for a manifest written before `npm run train` recorded it: that would
    // keep the grammar's odds (data/grammarEntropy.ts) in every reader's first download.
    ...(isNum(ref.grammarEntropy)
      ? {
          grammarEntropy: ref.grammarEntropy,
          grammarEntropyNote:
            typeof ref.grammarEntropyNote === 'string' ? ref.grammarEntropyNote : '',
        }
      : { grammarEntropy: null, grammarEntropyNote: OLD_MANIFEST_NOTE }),
  };
  const models = r.models.flatMap((m: unknown): ModelRecord[] => {
    const o = (m ?? {}) as Record<string, unknown>;
    const config = (o.config ?? {}) as Record<string, unknown>;
    const agreement = (o.agreement ?? {}) as Record<string, unknown>;
    const curve = Array.isArray(o.lossCurve) ? (o.lossCurve as unknown[]) : [];
    const validCurve = curve.flatMap((p: unknown) => {
      const q = (p ?? {}) as Record<string, unknown>;
      return isNum(q.step) && isNum(q.valid) ? [{ step: q.step, valid: q.valid }] : [];
    });
    return typeof o.id === 'string' && isNum(o.steps) && isNum(o.finalValidLoss)
      ? [
          {
            id: o.id,
            steps: o.steps,
            finalValidLoss: o.finalValidLoss,
            init: typeof config.init === 'string' ? config.init : 'gpt2',
            lr: isNum(o.lr) ? o.lr : null,
            agreement: isNum(agreement.accuracy) ? agreement.accuracy : null,
            validCurve,
          },
        ]
      : [];
  });
  return { references, models };
}

let pending: Promise<TrainingRecord | null> | null = null;

/** The manifest, fetched once; null until it arrives or if it cannot be read. */
export function useTrainingRecord(): TrainingRecord | null {
  const [record, setRecord] = useState<TrainingRecord | null>(null);
  useEffect(() => {
    pending ??= fetch(new URL('models/manifest.json', document.baseURI))
      .then((r) => (r.ok ? r.json() : null))
      .then(parseTrainingRecord)
      .catch(() => null);
    let live = true;
    void pending.then((r) => live && setRecord(r));
    return () => {
      live = false;
    };
  }, []);
  return record;
}

/** The reference losses as dashed lines for a loss chart; none for the entropy that is unknown. */
export function referenceLines(r: ReferenceLosses): { y: number; label: string }[] {
  return [
    { y: r.uniform, label: 'uniform' },
    { y: r.unigram, label: 'unigram' },
    { y: r.bigram, label: 'bigram' },
    ...(r.grammarEntropy === null ? [] : [{ y: r.grammarEntropy, label: 'grammar' }]),
  ];
}
