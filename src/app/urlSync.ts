import { useApp } from '../store/store';
import { parseUrlState, writeUrlState } from '../store/url';

/** Reads the view state from the URL once, then keeps the URL in step with the store. */
export function syncUrl(): () => void {
  const { state, problems } = parseUrlState(window.location.search);
  const app = useApp.getState();
  // The tour keeps what a deep link into it carries (see LinkMemory).
  app.applyExplorer({ ...state, linkKeys: state.view === 'tour' ? Object.keys(state) : [] });
  for (const p of problems) app.notify('warning', `Link problem: ${p}`);
  let timer = 0;
  return useApp.subscribe(() => {
    window.clearTimeout(timer);
    // Typing and dragging change the state many times a second; the URL needs only the last.
    timer = window.setTimeout(() => {
      const search = writeUrlState(useApp.getState(), new URLSearchParams(window.location.search));
      if (search !== window.location.search) {
        window.history.replaceState(
          null,
          '',
          window.location.pathname + search + window.location.hash,
        );
      }
    }, 150);
  });
}
