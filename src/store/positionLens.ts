import { CHANNELS, type RequestBody, type Response } from '../worker/protocol';
import { selectedPosition } from './positions';
import { useApp } from './store';
import { isComplete, traces, type ChannelTrace } from './traces';

export interface PositionLensConnection {
  /** Folds the engine's answers to lens requests into the traces; false if not one of them. */
  receive: (r: Response) => boolean;
  dispose: () => void;
}

/** The lens of position t of a trace that left it out, once it has arrived. */
export const lensOf = (tr: ChannelTrace, t: number) => tr.lensAt?.[t];

/**
 * Asks the engine for the logit lens of the selected word of every finished trace that left
 * it out (a large vocabulary, TraceEnd.lensOnRequest): when such a trace finishes and whenever
 * the reader selects another word. The shown channel is asked first, so its panel fills first.
 * Each (trace, position) is asked once; the answer is kept on the trace it belongs to, and an
 * answer for a trace replaced meanwhile is dropped.
 */
export function connectPositionLens(send: (body: RequestBody) => number): PositionLensConnection {
  /** Lens requests in flight, by request id. */
  const asked = new Map<number, { trace: number; position: number }>();
  const isAsked = (trace: number, position: number) =>
    [...asked.values()].some((a) => a.trace === trace && a.position === position);

  function askMissing(): void {
    const { token, skips } = useApp.getState();
    const all = traces.getState();
    const order = skips ? CHANNELS : [...CHANNELS].reverse();
    for (const ch of order) {
      const tr = all[ch];
      if (!isComplete(tr) || !tr.end.lensOnRequest || tr.lensError) continue;
      const position = selectedPosition(token, tr.start.T);
      if (lensOf(tr, position) || isAsked(tr.id, position)) continue;
      asked.set(send({ type: 'lens', trace: tr.id, position }), { trace: tr.id, position });
    }
  }

  /** The channel whose current trace is `id`, if it is still shown. */
  function channelOf(id: number) {
    const all = traces.getState();
    return CHANNELS.find((ch) => all[ch]?.id === id);
  }

  function receive(r: Response): boolean {
    const a = asked.get(r.id);
    if (!a || (r.type !== 'lensAt' && r.type !== 'error')) return false;
    asked.delete(r.id);
    const ch = channelOf(a.trace);
    const tr = ch && traces.getState()[ch];
    if (!ch || !tr) return true;
    traces.setState({
      [ch]:
        r.type === 'lensAt'
          ? { ...tr, lensAt: { ...tr.lensAt, [r.position]: r } }
          : { ...tr, lensError: r.message },
    });
    return true;
  }

  const offTraces = traces.subscribe(askMissing);
  const offApp = useApp.subscribe((s, prev) => {
    if (s.token !== prev.token || s.skips !== prev.skips) askMissing();
  });
  return {
    receive,
    dispose: () => {
      offTraces();
      offApp();
    },
  };
}
