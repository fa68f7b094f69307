import { useLayoutEffect } from 'react';
import { THEMES, type Theme } from '../store/explorerSlice';
import { useApp } from '../store/store';

/**
 * The colour theme lives on <html data-theme>: the style sheet's colours are `light-dark()`
 * pairs, and `color-scheme` (set from this attribute) picks one of each pair. 'auto' removes
 * the attribute, so the reader's system decides.
 */
export function applyTheme(theme: string | null): void {
  const root = document.documentElement;
  if (theme && theme !== 'auto' && (THEMES as readonly string[]).includes(theme))
    root.dataset.theme = theme as Theme;
  else delete root.dataset.theme;
}

/** Keeps <html data-theme> in step with the store. */
export function useTheme(): void {
  const theme = useApp((s) => s.theme);
  useLayoutEffect(() => applyTheme(theme), [theme]);
}
