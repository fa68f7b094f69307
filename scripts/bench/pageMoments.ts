/**
 * When things happen in the page, by the page's own clock. Playwright's `locator.waitFor` looks
 * again only every 500 ms once it has waited a while, so a phase timed from Node between two
 * waits loses up to half a second at each end: GPT-2's first trace (a few hundred ms after the
 * model is loaded) measured 10–118 ms that way, the rest counted in the load before it. Here the
 * page notes each change as React commits it (a MutationObserver), each click, and each long
 * task with when it began, and the bench reads the phases off that record.
 */
import type { Page } from '@playwright/test';

/** What the page noted, and when (ms, `performance.now()`); a long task's `ms` is its duration. */
export type Moment =
  | { what: 'click'; at: number }
  | { what: 'phase' | 'norms'; value: string; at: number }
  | { what: 'longTask'; at: number; ms: number };

/** The page's performance mark at the real model's 'loaded', where the trace's CPU phase begins. */
export const LOADED_MARK = 'real-model-loaded';

/**
 * Notes, in `window.__moments`, every click, every change of the real model's box (`data-phase`)
 * and of the norm chart's summary (its `aria-label`, which states both ends once every residual
 * point is drawn), and every main-thread task over 50 ms.
 */
export const recordMoments = (page: Page) =>
  page.addInitScript((mark) => {
    const w = window as unknown as { __moments: unknown[] };
    const moments: unknown[] = (w.__moments = []);
    addEventListener('click', () => moments.push({ what: 'click', at: performance.now() }), true);
    new PerformanceObserver((list) =>
      list
        .getEntries()
        .forEach((e) => moments.push({ what: 'longTask', at: e.startTime, ms: e.duration })),
    ).observe({ type: 'longtask', buffered: true });
    const last = { phase: '', norms: '' };
    new MutationObserver(() => {
      const at = performance.now();
      // No function declared in here: tsx wraps named ones in a helper the page does not have.
      const phase =
        document.querySelector('[data-testid=real-model]')?.getAttribute('data-phase') ?? '';
      const norms =
        document.querySelector('[data-testid=norms-summary]')?.getAttribute('aria-label') ?? '';
      if (phase !== last.phase) {
        moments.push({ what: 'phase', value: phase, at });
        if (phase === 'loaded') performance.mark(mark);
      }
      if (norms !== last.norms) moments.push({ what: 'norms', value: norms, at });
      Object.assign(last, { phase, norms });
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-phase', 'aria-label'],
    });
  }, LOADED_MARK);

export const readMoments = (page: Page) =>
  page.evaluate(() => (window as unknown as { __moments: Moment[] }).__moments);

/** The first moment at or after `from` (ms) that `is` accepts; a bench error if none is. */
export function firstAfter(
  moments: readonly Moment[],
  from: number,
  is: (m: Moment) => boolean,
  what: string,
): Moment {
  const found = moments.find((m) => m.at >= from && is(m));
  if (!found) throw new Error(`the page noted no ${what}`);
  return found;
}

export const isPhase = (value: string) => (m: Moment) => m.what === 'phase' && m.value === value;

/** The norm chart with every point drawn, and not `other` (the chart already shown). */
export const isNormsDrawn = (other: string) => (m: Moment) =>
  m.what === 'norms' && m.value.includes('at the embedding to') && m.value !== other;

/** The long tasks that began in [from, to) (ms): how many, and the longest (0 if none). */
export function longTasksIn(
  moments: readonly Moment[],
  from: number,
  to: number,
): { count: number; longestMs: number } {
  const inside = moments.flatMap((m) =>
    m.what === 'longTask' && m.at >= from && m.at < to ? [m.ms] : [],
  );
  return { count: inside.length, longestMs: inside.length ? Math.round(Math.max(...inside)) : 0 };
}
