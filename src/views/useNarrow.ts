import { useSyncExternalStore } from 'react';

/** A phone-width window: where the page puts a chart before the controls, so one shows at once. */
export const NARROW_QUERY = '(max-width: 640px)';

const subscribe = (onChange: () => void) => {
  const mq = window.matchMedia?.(NARROW_QUERY);
  mq?.addEventListener('change', onChange);
  return () => mq?.removeEventListener('change', onChange);
};

/** Whether the window is phone-width now; re-renders when that changes. */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia?.(NARROW_QUERY).matches ?? false,
    () => false,
  );
}
