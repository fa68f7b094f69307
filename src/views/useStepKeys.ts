import { useEffect } from 'react';
import { useApp } from '../store/store';

/**
 * ←/→ step through the layers and Home/End jump to either end, anywhere on the page except
 * where those keys already mean something (text fields, sliders, option groups).
 */
export function useStepKeys(maxStep: number): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || maxStep <= 0) return;
      const el = e.target as HTMLElement | null;
      if (el?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const s = useApp.getState();
      const next =
        e.key === 'ArrowRight'
          ? s.step + 1
          : e.key === 'ArrowLeft'
            ? s.step - 1
            : e.key === 'Home'
              ? 0
              : e.key === 'End'
                ? maxStep
                : null;
      if (next === null) return;
      e.preventDefault();
      s.setPlaying(false);
      s.setStep(Math.min(maxStep, Math.max(0, next)));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [maxStep]);
}
