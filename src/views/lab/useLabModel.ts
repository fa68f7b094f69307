import { useShallow } from 'zustand/react/shallow';
import { REAL_MODELS } from '../../store/realModels';
import { tracesRealModel } from '../../store/realModelSlice';
import { useApp } from '../../store/store';
import { SOURCE_NAMES } from './names';

export interface LabModel {
  /** The real model shown, with its depth, or null while the small models are. */
  real: { label: string; nLayers: number } | null;
  /** The models the traces are of, in words. */
  name: string;
  /** The small models of the current source, in words. */
  smallName: string;
}

/**
 * Which model the lab's sections measure. The traces are GPT-2's while the explorer shows it
 * (its own skips in blue, the same weights with skips weakened now in orange); the jobs that
 * need our grammar's labels (probes, training) stay on the small models and say so.
 */
export function useLabModel(): LabModel {
  const { label, nLayers, source } = useApp(
    useShallow((s) => {
      const info = s.models.gpt2;
      const shown = tracesRealModel(s) && s.realModel !== 'none' && info !== undefined;
      return {
        label: shown && s.realModel !== 'none' ? REAL_MODELS[s.realModel].label : null,
        nLayers: info?.nLayers ?? 0,
        source: s.source,
      };
    }),
  );
  const smallName = SOURCE_NAMES[source];
  return label === null
    ? { real: null, name: smallName, smallName }
    : { real: { label, nLayers }, name: label, smallName };
}
