import { useEffect } from 'react';
import { useApp } from '../store/store';

/** A .safetensors file dropped anywhere on the page becomes the model being explored. */
export function useDropModel(): void {
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      if (!file.name.endsWith('.safetensors')) {
        useApp
          .getState()
          .notify(
            'error',
            `${file.name} is not a .safetensors file; drop a model file (see docs/MODEL.md).`,
          );
        return;
      }
      useApp.getState().engine?.loadUserModel(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
}
