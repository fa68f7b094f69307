import { createContext, useContext } from 'react';

/**
 * Which chapter a component sits in: on the long page every chapter is on screen but only the
 * one being read is "active" (its state applied, its outcomes shown); pressing a "try this"
 * elsewhere makes its chapter the active one first.
 */
export interface TourChapterContext {
  active: boolean;
  activate: () => void;
}

export const TourChapter = createContext<TourChapterContext>({ active: true, activate: () => {} });

export const useTourChapter = (): TourChapterContext => useContext(TourChapter);
