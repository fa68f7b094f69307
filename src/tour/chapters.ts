import { encode } from '../data/tokenizer';
import type { ExplorerState } from '../store/explorerSlice';

/**
 * The tour's chapters in order: their ids (used in `?chapter=`), titles, and the state each
 * one opens with. The prose and views live in chapters/, one file per chapter.
 */
export interface ChapterMeta {
  id: string;
  title: string;
  /** A short label for the progress bar. */
  short: string;
  /** Which claim of the post it tests (1–4), if any. */
  claim?: number;
  /** Where the reader can see these views in full. */
  fullView: 'explorer' | 'lab';
  /** The state the chapter opens with, for a model of `nLayers` layers and the current text. */
  setup: (nLayers: number, text: string) => Partial<ExplorerState>;
}

/**
 * The word the views follow: the last one that is a word and not punctuation (a full stop
 * makes a dull example), or −1 (the last token) if there is none.
 */
export function lastWord(text: string): number {
  const tokens = encode(text).tokens;
  for (let t = tokens.length - 1; t >= 0; t--) if (/\p{L}/u.test(tokens[t].text)) return t;
  return -1;
}

/** Every chapter shows the shipped trained pair, skips on, nothing removed, unless it says otherwise. */
const base = (text: string): Partial<ExplorerState> => ({
  source: 'trained',
  skips: true,
  offMode: 'trained',
  skipStrength: 0,
  playing: false,
  token: lastWord(text),
  lesions: [],
});

export const CHAPTERS: readonly ChapterMeta[] = [
  {
    id: 'residual-stream',
    title: 'What is the residual stream?',
    short: 'Stream',
    fullView: 'explorer',
    setup: (_, text) => ({ ...base(text), step: 0 }),
  },
  {
    id: 'orthogonal-features',
    title: 'Does each sublayer write in a new direction?',
    short: 'Directions',
    claim: 1,
    fullView: 'lab',
    setup: (_, text) => ({ ...base(text), step: 0 }),
  },
  {
    id: 'feature-accumulation',
    title: 'Do features pile up?',
    short: 'Piling up',
    claim: 2,
    fullView: 'explorer',
    setup: (_, text) => ({ ...base(text), step: 0 }),
  },
  {
    id: 'gradient-flow',
    title: 'Does the gradient get through?',
    short: 'Gradients',
    claim: 3,
    fullView: 'lab',
    setup: (_, text) => ({ ...base(text), step: 0 }),
  },
  {
    id: 'identity-mapping',
    title: 'Can a sublayer step aside?',
    short: 'Identity',
    claim: 4,
    fullView: 'lab',
    setup: (L, text) => ({ ...base(text), step: 2 * L + 1 }),
  },
  {
    id: 'caveats',
    title: 'What the numbers did not show',
    short: 'Caveats',
    fullView: 'lab',
    setup: (L, text) => ({ ...base(text), step: 2 * L + 1 }),
  },
];

/** `?chapter=all`: every chapter on one long page. */
export const ALL_CHAPTERS = 'all';

/** The index of a chapter id; '' is the first chapter, an unknown id gives −1. */
export function chapterIndex(id: string): number {
  if (id === '') return 0;
  return CHAPTERS.findIndex((c) => c.id === id);
}

/**
 * A chapter's setup, less whatever a link already set: a deep link keeps the state it
 * carries (the reader's own changes) and the chapter fills in the rest.
 */
export function setupFor(
  chapter: ChapterMeta,
  nLayers: number,
  text: string,
  fromLink: ReadonlySet<string> = new Set(),
): Partial<ExplorerState> {
  const patch = chapter.setup(nLayers, text);
  return Object.fromEntries(
    Object.entries(patch).filter(([k]) => !fromLink.has(k)),
  ) as Partial<ExplorerState>;
}
