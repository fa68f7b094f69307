import type { StateCreator } from 'zustand';
import type { ModelInfo, ModelSlot } from '../worker/protocol';
import type { LabJobs } from './labSlice';
import { withNotice } from './notices';
import { heldToModel } from './positions';
import type { AppState } from './store';

export interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error';
  text: string;
  /** A button beside the words: what the reader can do about it (reload, retry). */
  action?: NoticeAction;
}

export interface NoticeAction {
  label: string;
  run: () => void;
}

/** What views may ask of the connected engine and the lab's workers (see bridge.ts). */
export interface EngineCommands extends LabJobs {
  /** Loads a reader's own safetensors file; its α decides whether it replaces the model with or without skips; a GPT-2 file's config.json may come with it. */
  loadUserModel: (file: File, config?: File) => void;
  /** Downloads the real model the page asked the reader about (realModelBridge.ts). */
  downloadRealModel: () => void;
  /** Stops the real model's download; the small models stay shown. */
  cancelRealModel: () => void;
}

export interface EngineState {
  models: Partial<Record<ModelSlot, ModelInfo>>;
  /** Why a model could not be loaded, per slot. */
  loadErrors: Partial<Record<ModelSlot, string>>;
  notices: Notice[];
  /** Null until connectEngine runs, and again after it disconnects. */
  engine: EngineCommands | null;
}

/**
 * The display pieces of the words the model in a slot reads (ModelInfo.vocab): a view names a
 * trace's tokens by the model traced. An untrained twin reads its trained model's words.
 */
export const vocabOf = (
  s: Pick<EngineState, 'models'>,
  slot: ModelSlot,
): readonly string[] | undefined =>
  (s.models[slot] ?? (slot.startsWith('init-') ? s.models.residual : undefined))?.vocab;

export interface EngineActions {
  modelLoaded: (info: ModelInfo) => void;
  modelFailed: (slot: ModelSlot, message: string) => void;
  notify: (kind: Notice['kind'], text: string, action?: NoticeAction) => void;
  dismiss: (id: number) => void;
}

export type EngineSlice = EngineState & EngineActions;

export const createEngineSlice: StateCreator<AppState, [], [], EngineSlice> = (set) => ({
  models: {},
  loadErrors: {},
  notices: [],
  engine: null,
  modelLoaded: (info) =>
    set((s) => {
      const models = { ...s.models, [info.slot]: info };
      return {
        models,
        loadErrors: { ...s.loadErrors, [info.slot]: undefined },
        // A sweep measured the model this one replaces (another GPT-2, a newly trained lab pair).
        lesionResults: { ...s.lesionResults, [info.slot]: undefined },
        ...heldToModel({ ...s, models }),
      };
    }),
  modelFailed: (slot, message) =>
    set((s) => ({ loadErrors: { ...s.loadErrors, [slot]: message } })),
  notify: (kind, text, action) =>
    set((s) => ({ notices: withNotice(s.notices, kind, text, action) })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
