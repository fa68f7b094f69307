import { useEffect, useSyncExternalStore } from 'react';

/**
 * Numbers the tour saw in an earlier state, so a sentence can compare "before" with "now"
 * (the trained model's cosines while the untrained one is shown, the loss before a sublayer
 * was removed). Keyed by what was measured and on what; values only ever come from traces.
 */
const memory = new Map<string, number>();
const listeners = new Set<() => void>();
let version = 0;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Stores `value` under `key` once it is a finite number. */
export function useRemember(key: string | null, value: number | null | undefined): void {
  useEffect(() => {
    if (key === null || value === null || value === undefined || !Number.isFinite(value)) return;
    if (memory.get(key) === value) return;
    memory.set(key, value);
    version++;
    for (const l of listeners) l();
  }, [key, value]);
}

/** Reads remembered numbers, re-rendering when one arrives. */
export function useRecall(): (key: string) => number | undefined {
  useSyncExternalStore(subscribe, () => version);
  return (key) => memory.get(key);
}
