import { useSyncExternalStore } from 'react';

/** A phone-width window: where the page puts a chart before the controls, so one shows at once. */
export const NARROW_QUERY = '(max-width: 640px)';

/** Whether a media query matches now; re-renders when that changes. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mq = window.matchMedia?.(query);
      mq?.addEventListener('change', onChange);
      return () => mq?.removeEventListener('change', onChange);
    },
    () => window.matchMedia?.(query).matches ?? false,
    () => false,
  );
}

/** Whether the window is phone-width now; re-renders when that changes. */
export const useNarrow = (): boolean => useMediaQuery(NARROW_QUERY);
