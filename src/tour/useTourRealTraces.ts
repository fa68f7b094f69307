import { useShallow } from 'zustand/react/shallow';
import { vocabOf } from '../store/engineSlice';
import { REAL_MODELS } from '../store/realModels';
import { useApp } from '../store/store';
import {
  tourRealRequests,
  tourRealText,
  type TourRealInputs,
  type TourRealText,
} from '../store/tourRealTraces';
import { answers, isComplete, useTraces, type ChannelTrace } from '../store/traces';
import type { TraceEnd } from '../worker/protocol';

const inputs = (s: TourRealInputs): TourRealInputs => ({
  text: s.text,
  skipStrength: s.skipStrength,
  realModel: s.realModel,
  realModelStatus: s.realModelStatus,
  view: s.view,
  models: s.models,
});

type Complete = ChannelTrace & { end: TraceEnd };

export interface TourRealTraces {
  /** "GPT-2 small" or "distilgpt2". */
  name: string;
  /** What GPT-2 reads, and whether it is the reader's own text. */
  read: TourRealText;
  /** GPT-2 with its own skips, and with them weakened to α: null until complete and current. */
  on: Complete | null;
  off: Complete | null;
  /** α the "off" trace weakens the skips to. */
  alpha: number;
  /** Why a trace could not be had, if it could not. */
  error: string | undefined;
}

/**
 * The tour's GPT-2 traces (store/tourRealTraces.ts), or null when the tour is not showing GPT-2
 * beside the small models. A trace still answering an earlier request is left out, so a panel
 * never quotes the old sentence's or α's numbers as the new ones.
 */
export function useTourRealTraces(): TourRealTraces | null {
  const s = useApp(useShallow(inputs));
  const on = useTraces((t) => t.tourRealOn);
  const off = useTraces((t) => t.tourRealOff);
  const errOn = useTraces((t) => t.errors.tourRealOn);
  const errOff = useTraces((t) => t.errors.tourRealOff);
  const reqs = tourRealRequests(s);
  if (!reqs || s.realModel === 'none') return null;
  const fresh = (tr: ChannelTrace | null, ch: keyof typeof reqs) =>
    answers(tr, reqs[ch]) && isComplete(tr) ? tr : null;
  return {
    name: REAL_MODELS[s.realModel].label,
    read: tourRealText(s.text, vocabOf(s, 'residual')),
    on: fresh(on, 'tourRealOn'),
    off: fresh(off, 'tourRealOff'),
    alpha: s.skipStrength,
    error: errOn ?? errOff,
  };
}
