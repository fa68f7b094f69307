import { useEffect, useState } from 'react';

/** What the shipped models' manifest records about their training (written by `npm run train`). */
export interface TrainingRecord {
  bigramValidLoss: number;
  models: { id: string; steps: number; finalValidLoss: number }[];
}

let pending: Promise<TrainingRecord | null> | null = null;

function parse(raw: unknown): TrainingRecord | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.bigramValidLoss !== 'number' || !Array.isArray(r.models)) return null;
  const models = r.models.flatMap((m: unknown) => {
    const o = m as Record<string, unknown>;
    return typeof o?.id === 'string' &&
      typeof o.steps === 'number' &&
      typeof o.finalValidLoss === 'number'
      ? [{ id: o.id, steps: o.steps, finalValidLoss: o.finalValidLoss }]
      : [];
  });
  return { bigramValidLoss: r.bigramValidLoss, models };
}

/** The manifest, fetched once; null until it arrives or if it cannot be read. */
export function useTrainingRecord(): TrainingRecord | null {
  const [record, setRecord] = useState<TrainingRecord | null>(null);
  useEffect(() => {
    pending ??= fetch(new URL('models/manifest.json', document.baseURI))
      .then((r) => (r.ok ? r.json() : null))
      .then(parse)
      .catch(() => null);
    let live = true;
    void pending.then((r) => live && setRecord(r));
    return () => {
      live = false;
    };
  }, []);
  return record;
}
