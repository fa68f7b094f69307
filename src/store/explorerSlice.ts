import type { StateCreator } from 'zustand';
import { clampSkipStrength, type ModelSource } from '../worker/protocol';
import { heldToModel, stageInModel } from './positions';
import type { AppState } from './store';

/** What the reader has chosen: everything here round-trips through the URL (url.ts). */
export type OffMode =
  | 'trained' // "off" shows the same architecture trained without skips
  | 'removed'; // "off" shows the model trained with skips, its skips removed (α) at inference

export const VIEW_IDS = ['tour', 'explorer', 'highway', 'lab'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** 'auto' follows the reader's system; an embed in a dark blog can ask for 'dark'. */
export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface ExplorerState {
  text: string;
  /** Which pair of models: the shipped trained ones, the same at initialisation, or a lab-trained pair. */
  source: ModelSource;
  /** Skip connections on (α = 1) or off (see offMode). */
  skips: boolean;
  offMode: OffMode;
  /** α used when skips are off and offMode is 'removed' (0 = no skip at all); `alpha` in the URL. */
  skipStrength: number;
  /**
   * Where the stepper is (engine/positions.ts): 0 the embedding, k + 1 after sublayer k, 2L + 1
   * the output. Always a stage of the model shown (store/positions.ts). `step` in the URL.
   */
  stage: number;
  /** Selected position; −1 means the last word. */
  token: number;
  /** Removed sublayers, sorted. */
  lesions: number[];
  view: ViewId;
  /** The tour's chapter by id ('' = the first; 'all' = every chapter on one page). */
  chapter: string;
  theme: Theme;
  playing: boolean;
}

export interface ExplorerActions {
  setText: (text: string) => void;
  setSource: (source: ModelSource) => void;
  setSkips: (on: boolean) => void;
  setOffMode: (mode: OffMode) => void;
  setSkipStrength: (skipStrength: number) => void;
  setStage: (stage: number) => void;
  setToken: (token: number) => void;
  toggleLesion: (sublayer: number) => void;
  clearLesions: () => void;
  setView: (view: ViewId) => void;
  setTheme: (theme: Theme) => void;
  setPlaying: (playing: boolean) => void;
  /** Applies a parsed URL (or any partial state) in one update. */
  applyExplorer: (patch: Partial<ExplorerState & LinkMemory>) => void;
}

export const EXPLORER_DEFAULTS: Readonly<ExplorerState> = {
  text: 'the dogs that the cat sees run .',
  source: 'trained',
  skips: true,
  offMode: 'trained',
  skipStrength: 0,
  stage: 0,
  token: -1,
  lesions: [],
  view: 'explorer',
  chapter: '',
  theme: 'auto',
  playing: false,
};

export const MAX_TEXT_LENGTH = 2000;

/**
 * What the page's own link set, if it opened on the tour: the tour keeps those keys when it
 * sets up its chapter, so a deep link's state survives. Any change of view forgets them, so
 * coming back to the tour later sets the chapter up afresh. Kept here, not read again from
 * `location`, because the URL follows the store on a timer and would race the tour's set-up.
 */
export interface LinkMemory {
  linkKeys: readonly string[];
}

export type ExplorerSlice = ExplorerState & LinkMemory & ExplorerActions;

export const createExplorerSlice: StateCreator<AppState, [], [], ExplorerSlice> = (set) => ({
  ...EXPLORER_DEFAULTS,
  linkKeys: [],
  setText: (text) => set({ text: text.slice(0, MAX_TEXT_LENGTH), token: -1 }),
  setSource: (source) => set((s) => heldToModel({ ...s, source })),
  setSkips: (skips) => set({ skips }),
  setOffMode: (offMode) => set({ offMode }),
  setSkipStrength: (skipStrength) => set({ skipStrength: clampSkipStrength(skipStrength) }),
  setStage: (stage) => set((s) => ({ stage: stageInModel(stage, s) })),
  setToken: (token) => set({ token: Math.max(-1, Math.round(token)) }),
  toggleLesion: (k) =>
    set((s) => ({
      lesions: s.lesions.includes(k)
        ? s.lesions.filter((x) => x !== k)
        : [...s.lesions, k].sort((a, b) => a - b),
    })),
  clearLesions: () => set({ lesions: [] }),
  setView: (view) => set((s) => (s.view === view ? {} : { view, linkKeys: [] })),
  setTheme: (theme) => set({ theme }),
  setPlaying: (playing) => set({ playing }),
  applyExplorer: (patch) =>
    set((s) => ({
      ...(patch.view !== undefined && patch.view !== s.view ? { linkKeys: [] } : {}),
      ...patch,
      ...heldToModel({ ...s, ...patch }),
    })),
});
