import { useEffect } from 'react';
import { openModelFiles } from '../store/openModelFile';

/**
 * A model file dropped anywhere on the page, with a GPT-2 file's config.json if dropped with it,
 * becomes the model being explored (see openModelFiles).
 */
export function useDropModel(): void {
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      e.preventDefault();
      openModelFiles(files);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
}
