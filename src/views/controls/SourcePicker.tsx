import { memo } from 'react';
import { formatBytes, REAL_MODELS } from '../../store/realModels';
import { useApp } from '../../store/store';
import type { ModelSource } from '../../worker/protocol';
import './controls.css';

const LABELS: Record<ModelSource, string> = {
  trained: 'Trained (shipped)',
  init: 'At initialisation',
  lab: 'Trained in the lab',
};

/**
 * Which models every view shows: the small pair trained, untrained, or trained in the lab; or a
 * real model, GPT-2, downloaded when the reader agrees (RealModel.tsx says how big it is).
 */
export const SourcePicker = memo(function SourcePicker() {
  const source = useApp((s) => s.source);
  const realModel = useApp((s) => s.realModel);
  const applyExplorer = useApp((s) => s.applyExplorer);
  const setRealModel = useApp((s) => s.setRealModel);
  const labReady = useApp((s) => !!s.models['lab-residual']);
  return (
    <fieldset className="source-picker">
      <legend>Models</legend>
      {(Object.keys(LABELS) as ModelSource[]).map((src) => (
        <label key={src} className={src === 'lab' && !labReady ? 'disabled' : undefined}>
          <input
            type="radio"
            name="source"
            value={src}
            checked={realModel === 'none' && source === src}
            disabled={src === 'lab' && !labReady}
            onChange={() => applyExplorer({ source: src, realModel: 'none' })}
          />
          {LABELS[src]}
        </label>
      ))}
      <label>
        <input
          type="radio"
          name="source"
          value="real"
          checked={realModel !== 'none'}
          onChange={() => setRealModel('gpt2')}
        />
        Real model: GPT-2 ({formatBytes(REAL_MODELS.gpt2.bytes)} download)
      </label>
    </fieldset>
  );
});
