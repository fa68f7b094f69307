/**
 * Collects items and hands them over together, at most once per frame interval. Two training
 * workers post progress about fifty times a second between them; applied one by one, each
 * message was a synchronous React render of every training chart (zustand's hook renders
 * store updates synchronously).
 *
 * The hand-over runs in a timer task of its own rather than in `requestAnimationFrame`: inside
 * the frame callback the render would share one task with the frame's style, layout and paint,
 * making one long main-thread task where there were two short ones.
 */
export interface FrameBatch<T> {
  push: (item: T) => void;
  /** Applies what is waiting now, e.g. before a message that must come after it. */
  flush: () => void;
  /** Drops what is waiting and any scheduled flush. */
  cancel: () => void;
}

export const FRAME_MS = 16;

export function createFrameBatch<T>(
  apply: (items: T[]) => void,
  now: () => number = () => performance.now(),
): FrameBatch<T> {
  let items: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;
  const clear = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const flush = () => {
    clear();
    if (items.length === 0) return;
    const batch = items;
    items = [];
    last = now();
    apply(batch);
  };
  return {
    push(item) {
      items.push(item);
      if (timer === undefined) timer = setTimeout(flush, Math.max(0, last + FRAME_MS - now()));
    },
    flush,
    cancel() {
      clear();
      items = [];
    },
  };
}
