import { useApp } from '../../store/store';
import type { ModelSource } from '../../worker/protocol';
import './controls.css';

const LABELS: Record<ModelSource, string> = {
  trained: 'Trained (shipped)',
  init: 'At initialisation',
  lab: 'Trained in the lab',
};

/** Which pair of models every view shows: trained, untrained, or the pair trained in the lab. */
export function SourcePicker() {
  const source = useApp((s) => s.source);
  const setSource = useApp((s) => s.setSource);
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
            checked={source === src}
            disabled={src === 'lab' && !labReady}
            onChange={() => setSource(src)}
          />
          {LABELS[src]}
        </label>
      ))}
    </fieldset>
  );
}
