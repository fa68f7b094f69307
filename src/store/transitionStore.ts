import { startTransition, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** The part of a zustand vanilla store read here. */
export interface Subscribable<S> {
  getState: () => S;
  subscribe: (listener: (state: S) => void) => () => void;
}

/**
 * Calls `hand` with the store's state whenever what `select` picks from it differs (by
 * identity) from what it picked from the state handed over last; `select` is read anew at each
 * change, so it may depend on the caller's props. Returns the unsubscribe function.
 */
export function watchSelection<S, T>(
  store: Subscribable<S>,
  handed: S,
  select: () => (s: S) => T,
  hand: (s: S) => void,
): () => void {
  let last = handed;
  const check = (s: S) => {
    const pick = select();
    if (Object.is(pick(s), pick(last))) return;
    last = s;
    hand(s);
  };
  // A change between the first render and the subscription is not missed.
  check(store.getState());
  return store.subscribe(check);
}

/**
 * Reads a store as a transition: a change re-renders the component in React's time-sliced
 * background lane, not synchronously. zustand's own hook (useSyncExternalStore) renders every
 * change as blocking, and one trace arriving made React render every explorer panel in one
 * main-thread task of 50–90 ms on two busy cores; as a transition the render yields to the
 * browser every few milliseconds. What is drawn may then lag the store by a frame or two,
 * which is right for numbers streaming in and wrong for what the reader types (keep that in
 * the synchronous app store).
 */
export function useTransitionStore<S, T>(store: Subscribable<S>, select: (s: S) => T): T {
  const [shown, setShown] = useState(store.getState);
  const selectRef = useRef(select);
  useLayoutEffect(() => {
    selectRef.current = select;
  });
  useEffect(
    () =>
      watchSelection(
        store,
        shown,
        () => selectRef.current,
        (s) => startTransition(() => setShown(() => s)),
      ),
    // Subscribed once per store: `shown` is only where the watch starts from.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store],
  );
  return select(shown);
}
