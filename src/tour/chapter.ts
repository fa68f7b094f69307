import type { ComponentType } from 'react';
import type { ExplorerState } from '../store/explorerSlice';

/**
 * One chapter of the tour: its id (used in `?chapter=`), its title, the state it opens with and
 * its prose and views. Each lives in one file of chapters/, and chapters/index.ts puts them in order.
 */
export interface Chapter {
  id: string;
  title: string;
  /** A short label for the progress bar. */
  short: string;
  /** Which claim of the post it tests (1–4), if any. */
  claim?: number;
  /** Where the reader can see these views in full. */
  fullView: 'explorer' | 'lab';
  /** The state the chapter opens with, for a model of `nLayers` layers. */
  setup: (nLayers: number) => Partial<ExplorerState>;
  /** The chapter's prose, views and "try this". */
  Body: ComponentType;
}

/**
 * Every chapter shows the shipped trained pair, skips on, nothing removed, unless it says
 * otherwise. Token −1 (the last one) is where each chapter starts; the tour then moves it to the
 * last real word once the worker has split the sentence (see useLastWord.ts).
 */
export const baseSetup: Partial<ExplorerState> = {
  source: 'trained',
  skips: true,
  offMode: 'trained',
  skipStrength: 0,
  playing: false,
  token: -1,
  lesions: [],
};

/**
 * A chapter's setup, less whatever a link already set: a deep link keeps the state it
 * carries (the reader's own changes) and the chapter fills in the rest.
 */
export function setupFor(
  chapter: Chapter,
  nLayers: number,
  fromLink: ReadonlySet<string> = new Set(),
): Partial<ExplorerState> {
  const patch = chapter.setup(nLayers);
  return Object.fromEntries(
    Object.entries(patch).filter(([k]) => !fromLink.has(k)),
  ) as Partial<ExplorerState>;
}
