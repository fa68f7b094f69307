import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { watchSelection } from './transitionStore';

interface S {
  a: number[];
  b: number[];
}

const setup = () => {
  const store = createStore<S>()(() => ({ a: [1], b: [2] }));
  const handed: S[] = [];
  const first = store.getState();
  return { store, handed, first };
};

describe('watchSelection', () => {
  it('hands over a change to the selected field, and none to other fields', () => {
    const { store, handed, first } = setup();
    const stop = watchSelection(
      store,
      first,
      () => (s: S) => s.a,
      (s) => handed.push(s),
    );
    store.setState({ b: [3] });
    expect(handed).toEqual([]);
    store.setState({ a: [4] });
    expect(handed).toHaveLength(1);
    expect(handed[0].a).toEqual([4]);
    expect(handed[0].b).toEqual([3]);
    stop();
    store.setState({ a: [5] });
    expect(handed).toHaveLength(1);
  });

  it('compares with the state handed over last, not with the first one', () => {
    const { store, handed, first } = setup();
    watchSelection(
      store,
      first,
      () => (s: S) => s.a,
      (s) => handed.push(s),
    );
    const a1 = [7];
    store.setState({ a: a1 });
    store.setState({ b: [8] });
    // Back to the first array: a change from what was handed over last, so it is handed over.
    store.setState({ a: first.a });
    expect(handed.map((s) => s.a)).toEqual([a1, first.a]);
  });

  it('hands over a change made before it subscribed', () => {
    const { store, handed, first } = setup();
    store.setState({ a: [9] });
    watchSelection(
      store,
      first,
      () => (s: S) => s.a,
      (s) => handed.push(s),
    );
    expect(handed.map((s) => s.a)).toEqual([[9]]);
  });

  it('reads the selector anew at each change', () => {
    const { store, handed, first } = setup();
    let pick = (s: S) => s.a;
    watchSelection(
      store,
      first,
      () => pick,
      (s) => handed.push(s),
    );
    pick = (s) => s.b;
    store.setState({ b: [10] });
    expect(handed.map((s) => s.b)).toEqual([[10]]);
  });
});
