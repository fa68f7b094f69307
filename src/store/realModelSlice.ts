import type { StateCreator } from 'zustand';
import type { NotKept } from '../worker/protocol';
import type { RealModelId } from './realModels';
import type { AppState } from './store';

/**
 * Where the real model is on its way in, set by the bridge (realModelBridge.ts): looking in the
 * browser's cache, waiting for the reader to agree to the download, downloading, or loaded.
 * A failure or a cancel goes back to idle with a notice, and the small models stay shown.
 */
export type RealModelStatus =
  | { phase: 'idle' }
  | { phase: 'checking'; model: RealModelId }
  | { phase: 'confirm'; model: RealModelId }
  | { phase: 'downloading'; model: RealModelId; done: number; total: number | null }
  /**
   * `from`: downloaded now, read from the browser's cache, or a file the reader dropped.
   * `notKept`: a download this browser did not keep for the next visit, and why.
   */
  | {
      phase: 'loaded';
      model: RealModelId;
      from: 'download' | 'cache' | 'file';
      notKept?: NotKept;
    };

export interface RealModelSlice {
  realModelStatus: RealModelStatus;
  setRealModelStatus: (status: RealModelStatus) => void;
}

export const createRealModelSlice: StateCreator<AppState, [], [], RealModelSlice> = (set) => ({
  realModelStatus: { phase: 'idle' },
  setRealModelStatus: (realModelStatus) => set({ realModelStatus }),
});

/** Whether the views show the real model: chosen, and that very model loaded. */
export function showsRealModel(s: Pick<AppState, 'realModel' | 'realModelStatus'>): boolean {
  const st = s.realModelStatus;
  return s.realModel !== 'none' && st.phase === 'loaded' && st.model === s.realModel;
}

/**
 * Whether the traces, and every view drawn from them, are the real model's: shown, and not in
 * the tour, whose claims and numbers were written from the small models and keep being told on
 * them (the tour says so while GPT-2 is loaded).
 */
export function tracesRealModel(
  s: Pick<AppState, 'realModel' | 'realModelStatus' | 'view'>,
): boolean {
  return s.view !== 'tour' && showsRealModel(s);
}
