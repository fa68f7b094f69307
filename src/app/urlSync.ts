import { EXPLORER_DEFAULTS } from '../store/explorerSlice';
import { useApp } from '../store/store';
import { isNavigation, parseUrlState, urlState, writeUrlState } from '../store/url';

const urlFor = (search: string) => window.location.pathname + search + window.location.hash;
const searchOf = (s: Parameters<typeof writeUrlState>[0]) =>
  writeUrlState(s, new URLSearchParams(window.location.search));

/**
 * Reads the view state from the URL once, then keeps the URL in step with the store: a move to
 * another view, chapter or model source is a new history entry, so Back returns to it; every
 * other change (the step, α while dragging, typing) rewrites the current entry. Back and
 * Forward apply the entry's URL to the store.
 */
export function syncUrl(): () => void {
  const { state, problems } = parseUrlState(window.location.search);
  const app = useApp.getState();
  // The tour keeps what a deep link into it carries (see LinkMemory).
  app.applyExplorer({ ...state, linkKeys: state.view === 'tour' ? Object.keys(state) : [] });
  for (const p of problems) app.notify('warning', `Link problem: ${p}`);

  let restoring = false;
  // An entry's URL leaves out values at their default, so what it omits is the default.
  const onPop = () => {
    const entry = parseUrlState(window.location.search).state;
    const full = { ...urlState(EXPLORER_DEFAULTS), ...entry };
    restoring = true;
    try {
      useApp.getState().applyExplorer({ ...full, playing: false, linkKeys: Object.keys(full) });
    } finally {
      restoring = false;
    }
  };
  window.addEventListener('popstate', onPop);

  let timer = 0;
  const replace = () => {
    const search = searchOf(useApp.getState());
    if (search !== window.location.search) window.history.replaceState(null, '', urlFor(search));
  };
  const unsubscribe = useApp.subscribe((next, prev) => {
    if (isNavigation(prev, next) && !restoring) {
      window.clearTimeout(timer);
      timer = 0;
      // Settle the entry being left at the state it was left in, then open a new one.
      const left = searchOf(prev);
      if (left !== window.location.search) window.history.replaceState(null, '', urlFor(left));
      window.history.pushState(null, '', urlFor(searchOf(next)));
      return;
    }
    // Typing and dragging change the state many times a second; the URL needs only the latest,
    // at most 150 ms late. Not a debounce: the store also changes while traces stream in, and a
    // timer restarted on every change could miss the entry before Back leaves it.
    if (!timer)
      timer = window.setTimeout(() => {
        timer = 0;
        replace();
      }, 150);
  });
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onPop);
    window.clearTimeout(timer);
  };
}
