import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LensAt, RequestBody, TraceEnd, TraceStart } from '../worker/protocol';
import { connectPositionLens, lensOf, type PositionLensConnection } from './positionLens';
import { useApp } from './store';
import { traces, type ChannelTrace } from './traces';

/** A finished trace of 3 words and one residual point, with only what the module reads. */
function finished(id: number, lensOnRequest: boolean): ChannelTrace {
  return {
    id,
    key: null,
    start: { T: 3 } as TraceStart,
    points: [{ type: 'tracePoint', id, channel: 'on', point: 0 } as ChannelTrace['points'][0]],
    end: { lensOnRequest } as TraceEnd,
  };
}

const lensAt = (id: number, trace: number, position: number): LensAt => ({
  type: 'lensAt',
  id,
  trace,
  position,
  topIds: new Int32Array(5),
  topProbs: new Float32Array(5),
  nextRank: new Int32Array(1),
  inputRank: new Int32Array(1),
});

let sent: RequestBody[];
let lens: PositionLensConnection;

beforeEach(() => {
  traces.setState(traces.getInitialState(), true);
  useApp.setState({ token: -1, skips: true });
  sent = [];
  lens = connectPositionLens((body) => sent.push(body));
});
afterEach(() => lens.dispose());

describe('the lens of the selected word, asked for', () => {
  it('asks for the selected word of a trace that left the lens out, once, shown channel first', () => {
    traces.setState({ off: finished(4, true) });
    traces.setState({ on: finished(3, true) });
    // −1 is the last word.
    expect(sent).toEqual([
      { type: 'lens', trace: 4, position: 2 },
      { type: 'lens', trace: 3, position: 2 },
    ]);
    useApp.setState({ token: 0 });
    expect(sent.slice(2)).toEqual([
      { type: 'lens', trace: 3, position: 0 },
      { type: 'lens', trace: 4, position: 0 },
    ]);
    // Selecting the last word again asks nothing new: those are on their way.
    useApp.setState({ token: 2 });
    expect(sent).toHaveLength(4);
  });

  it('asks nothing of a trace that carries its whole lens, nor of one not finished', () => {
    traces.setState({ on: finished(3, false), off: { ...finished(4, true), end: null } });
    expect(sent).toEqual([]);
  });

  it('keeps an answer on its trace, and drops one for a trace replaced meanwhile', () => {
    traces.setState({ on: finished(3, true) });
    expect(lens.receive(lensAt(1, 3, 2))).toBe(true);
    expect(lensOf(traces.getState().on!, 2)?.trace).toBe(3);
    useApp.setState({ token: 0 });
    traces.setState({ on: finished(5, true) });
    expect(lens.receive(lensAt(2, 3, 0))).toBe(true);
    expect(traces.getState().on!.lensAt).toBeUndefined();
    // Answers to requests it did not send are not its own.
    expect(lens.receive(lensAt(99, 5, 0))).toBe(false);
  });

  it('keeps the reason on the trace when the engine could not read the lens, and stops asking', () => {
    traces.setState({ on: finished(3, true) });
    lens.receive({ type: 'error', id: 1, message: 'out of memory' });
    expect(traces.getState().on!.lensError).toBe('out of memory');
    useApp.setState({ token: 0 });
    expect(sent).toHaveLength(1);
  });
});
