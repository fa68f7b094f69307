import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ExplorerState } from '../store/explorerSlice';
import { showsRealModel } from '../store/realModelSlice';
import { REAL_MODELS } from '../store/realModels';
import { useApp } from '../store/store';
import { urlState, writeUrlState } from '../store/url';
import { setupFor, type Chapter } from './chapter';
import { ALL_CHAPTERS, CHAPTERS, chapterIndex } from './chapters';
import { useFollowLastWord } from './lastWord';
import { TourChapter } from './tourContext';
import './tour.css';

/** A plain click (not one meant to open a new tab or window). */
const plainClick = (e: MouseEvent) =>
  e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;

/**
 * The guided tour: an opening, one chapter per claim of the post, and a close. Each chapter
 * sets the shared state for its live views when it opens; the reader moves with the buttons,
 * the chapter list or PageDown/PageUp, or reads everything as one long page.
 */
export function TourView() {
  // The links below carry the whole linked state, so it is what this view follows.
  const linked = useApp(useShallow(urlState));
  const chapter = linked.chapter;
  const applyExplorer = useApp((s) => s.applyExplorer);
  const nLayers = useApp((s) => s.models.residual?.nLayers ?? 0);
  // The tour's views never trace the real model (store/realModelSlice.ts tracesRealModel); it
  // says so. Each claim's "Now on GPT-2" panel traces it apart (store/tourRealTraces.ts).
  const realShown = useApp(showsRealModel);
  const realLabel = useApp((s) => (s.realModel === 'none' ? '' : REAL_MODELS[s.realModel].label));
  useFollowLastWord();
  const long = chapter === ALL_CHAPTERS;
  const found = chapterIndex(chapter);
  const [longActive, setLongActive] = useState(() => Math.max(0, found));
  const index = long ? longActive : Math.max(0, found);
  const root = useRef<HTMLDivElement>(null);
  const focusOnChange = useRef(false);

  // Opening the tour: set up the chapter, keeping whatever a link that opened it carries.
  useEffect(() => {
    const s = useApp.getState();
    const at = chapterIndex(s.chapter);
    if (at < 0 && s.chapter !== ALL_CHAPTERS) {
      s.notify('warning', `There is no tour chapter called “${s.chapter}”; starting at the first.`);
    }
    s.applyExplorer({
      ...setupFor(CHAPTERS[Math.max(0, at)], s.models.residual?.nLayers ?? 0, new Set(s.linkKeys)),
      ...(at < 0 && s.chapter !== ALL_CHAPTERS ? { chapter: '' } : {}),
    });
  }, []);

  const go = useCallback(
    (i: number) => {
      if (i < 0 || i >= CHAPTERS.length) return;
      focusOnChange.current = true;
      applyExplorer({ ...CHAPTERS[i].setup(nLayers), chapter: CHAPTERS[i].id });
    },
    [applyExplorer, nLayers],
  );

  /** On the long page: make chapter i the one whose state is shown. */
  const activateLong = useCallback(
    (i: number) => {
      setLongActive((cur) => {
        if (cur !== i) applyExplorer(CHAPTERS[i].setup(nLayers));
        return i;
      });
    },
    [applyExplorer, nLayers],
  );

  // After moving to another chapter, bring its heading into view and give it focus, so the
  // next Tab goes into the new chapter and a screen reader announces it.
  useEffect(() => {
    if (!focusOnChange.current) return;
    focusOnChange.current = false;
    const h = root.current?.querySelector<HTMLElement>(`#tour-h-${CHAPTERS[index].id}`);
    h?.focus({ preventScroll: true });
    h?.scrollIntoView({ block: 'start' });
  }, [index, long]);

  // PageDown / PageUp move between chapters (←/→ already step through the layers).
  useEffect(() => {
    if (long) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.key !== 'PageDown' && e.key !== 'PageUp') return;
      const el = e.target as HTMLElement | null;
      if (el?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const next = index + (e.key === 'PageDown' ? 1 : -1);
      if (next < 0 || next >= CHAPTERS.length) return;
      e.preventDefault();
      go(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [long, index, go]);

  // On the long page, the chapter crossing the upper part of the window is the one being read.
  useEffect(() => {
    if (!long || typeof IntersectionObserver === 'undefined') return;
    const sections = [
      ...(root.current?.querySelectorAll<HTMLElement>('section[data-chapter]') ?? []),
    ];
    const io = new IntersectionObserver(
      (entries) => {
        for (const en of entries) {
          if (!en.isIntersecting) continue;
          const i = CHAPTERS.findIndex((c) => c.id === (en.target as HTMLElement).dataset.chapter);
          if (i >= 0) activateLong(i);
        }
      },
      { rootMargin: '-30% 0px -65% 0px' },
    );
    sections.forEach((s) => io.observe(s));
    return () => io.disconnect();
  }, [long, activateLong]);

  const linkTo = (patch: Partial<ExplorerState>) =>
    './' + writeUrlState({ ...linked, ...patch }, new URLSearchParams(window.location.search));
  const chapterLink = (c: Chapter) => linkTo({ ...c.setup(nLayers), view: 'tour', chapter: c.id });

  const toggleLong = () => {
    if (long) {
      focusOnChange.current = true;
      applyExplorer({ chapter: CHAPTERS[longActive].id });
    } else {
      focusOnChange.current = true;
      setLongActive(index);
      applyExplorer({ chapter: ALL_CHAPTERS });
    }
  };

  const openChapter = (e: MouseEvent, i: number) => {
    if (!plainClick(e)) return;
    e.preventDefault();
    if (long) {
      activateLong(i);
      focusOnChange.current = true;
      document.getElementById(`tour-h-${CHAPTERS[i].id}`)?.focus({ preventScroll: true });
      document.getElementById(`tour-h-${CHAPTERS[i].id}`)?.scrollIntoView({ block: 'start' });
      focusOnChange.current = false;
    } else {
      go(i);
    }
  };

  const shown = long ? CHAPTERS.map((_, i) => i) : [index];
  const meta = CHAPTERS[index];
  const prev = CHAPTERS[index - 1];
  const next = CHAPTERS[index + 1];

  return (
    <div className="tour" data-testid="tour" data-current={meta.id} data-long={long} ref={root}>
      <nav className="tour-progress" aria-label="Tour chapters">
        <p className="tour-count" data-testid="tour-count" aria-live="polite">
          {long ? (
            <>All {CHAPTERS.length} chapters on one page</>
          ) : (
            <>
              Chapter {index + 1} of {CHAPTERS.length}
            </>
          )}
        </p>
        <ol className="tour-steps">
          {CHAPTERS.map((c, i) => (
            <li key={c.id} className={i < index ? 'seen' : i === index ? 'current' : undefined}>
              <a
                href={chapterLink(c)}
                aria-current={i === index ? 'step' : undefined}
                onClick={(e) => openChapter(e, i)}
                title={c.title}
              >
                <span className="tour-step-number">{i + 1}</span>
                <span className="tour-step-name">{c.short}</span>
              </a>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="tour-button tour-mode"
          aria-pressed={long}
          onClick={toggleLong}
          data-testid="tour-long"
        >
          Read as one page
        </button>
      </nav>
      {realShown && (
        <p className="tour-model-note" data-testid="tour-model-note">
          {realLabel} is loaded, but the tour tells its story on the small models it was written
          from: every number here is theirs, except in the “Now on {realLabel}” panel below each
          claim, which measures the same claim on {realLabel}. The explorer, the highway and the lab
          show {realLabel}.
        </p>
      )}
      {shown.map((i) => {
        const c = CHAPTERS[i];
        const active = i === index;
        return (
          <section
            key={c.id}
            className="tour-chapter"
            aria-labelledby={`tour-h-${c.id}`}
            data-chapter={c.id}
            data-active={active}
            data-testid={`chapter-${c.id}`}
          >
            <p className="tour-kicker">
              {c.claim ? `Claim ${c.claim} of 4` : i === 0 ? 'Start here' : 'Looking back'}
              {long && ` · chapter ${i + 1} of ${CHAPTERS.length}`}
            </p>
            <h2 id={`tour-h-${c.id}`} tabIndex={-1}>
              {c.title}
            </h2>
            <TourChapter.Provider
              value={{ active, activate: () => (long ? activateLong(i) : undefined) }}
            >
              <div className="tour-body">
                <c.Body />
              </div>
            </TourChapter.Provider>
            <p className="tour-out">
              <a
                href={linkTo({ view: c.fullView })}
                onClick={(e) => {
                  if (!plainClick(e)) return;
                  e.preventDefault();
                  if (long) activateLong(i);
                  applyExplorer({ view: c.fullView });
                  window.scrollTo(0, 0);
                }}
                data-testid={`tour-out-${c.id}`}
              >
                See these views in the full {c.fullView === 'lab' ? 'lab' : 'explorer'}, as they are
                now →
              </a>
            </p>
          </section>
        );
      })}
      {!long && (
        <nav className="tour-pager" aria-label="Previous and next chapter">
          {prev ? (
            <button
              type="button"
              className="tour-button"
              onClick={() => go(index - 1)}
              data-testid="tour-prev"
            >
              <span aria-hidden="true">← </span>
              <span className="tour-pager-what">Previous:</span> {prev.title}
            </button>
          ) : (
            <span />
          )}
          {next ? (
            <button
              type="button"
              className="tour-button tour-next"
              onClick={() => go(index + 1)}
              data-testid="tour-next"
            >
              <span className="tour-pager-what">Next:</span> {next.title}
              <span aria-hidden="true"> →</span>
            </button>
          ) : (
            <button
              type="button"
              className="tour-button tour-next"
              onClick={() => {
                applyExplorer({ view: 'explorer' });
                window.scrollTo(0, 0);
              }}
              data-testid="tour-finish"
            >
              Explore on your own<span aria-hidden="true"> →</span>
            </button>
          )}
        </nav>
      )}
      <p className="hint tour-keys">
        {long
          ? 'Each chapter sets up its views as you scroll to it.'
          : 'PageDown and PageUp move between chapters; ← and → step through the layers.'}
      </p>
    </div>
  );
}
