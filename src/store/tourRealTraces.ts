import type { TourRealChannel } from '../worker/protocol';
import { vocabOf } from './engineSlice';
import { showsRealModel } from './realModelSlice';
import type { AppState } from './store';
import type { TraceAsk } from './traces';

/**
 * The English the tour measures GPT-2 on when the reader has not typed their own: the first
 * sentence of the project's English sample (data/englishSample.ts), 15 tokens with GPT-2's
 * <|endoftext|>: enough words for a mean, short enough to quote in the panel and for GPT-2
 * small's two traces (forward and backward each) to take a few seconds, not tens. Written out
 * rather than imported: the sample would add its 2 KB to every page (a test keeps them equal).
 */
export const TOUR_REAL_SENTENCE =
  'The town sits where the river bends twice before it reaches the sea.';

/** What GPT-2 reads in the tour, and whether it is the reader's own text or the fixed sentence. */
export interface TourRealText {
  text: string;
  own: boolean;
}

/**
 * The tour's sentences are in the small models' made-up language, which GPT-2 never saw. A text
 * with a word outside that language's vocabulary (`grammar`, the shipped model's words) is one
 * the reader typed themselves, and is taken to be the English they want GPT-2 read on;
 * otherwise GPT-2 reads TOUR_REAL_SENTENCE.
 */
export function tourRealText(text: string, grammar: readonly string[] | undefined): TourRealText {
  const known = new Set(grammar);
  const own =
    !!grammar && (text.toLowerCase().match(/\p{L}+/gu) ?? []).some((word) => !known.has(word));
  return own ? { text, own } : { text: TOUR_REAL_SENTENCE, own };
}

/** The reader's choices the tour's GPT-2 traces depend on. */
export type TourRealInputs = Pick<
  AppState,
  'text' | 'skipStrength' | 'realModel' | 'realModelStatus' | 'view' | 'models'
>;

/**
 * What the tour's "Now on GPT-2" panels ask the worker for, while the tour is open and GPT-2 is
 * loaded (null otherwise): GPT-2 with its own skips, and with them weakened to the reader's α
 * now (it has no twin trained without skips). Nothing removed: the panels measure the intact
 * model, whatever the chapter removes from the small ones.
 */
export function tourRealRequests(s: TourRealInputs): Record<TourRealChannel, TraceAsk> | null {
  if (s.view !== 'tour' || !showsRealModel(s)) return null;
  const common = {
    type: 'trace',
    slot: 'gpt2',
    text: tourRealText(s.text, vocabOf(s, 'residual')).text,
  } as const;
  return {
    tourRealOn: { ...common, channel: 'tourRealOn', skipStrength: null, lesions: [] },
    tourRealOff: { ...common, channel: 'tourRealOff', skipStrength: s.skipStrength, lesions: [] },
  };
}
