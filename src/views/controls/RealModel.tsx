import {
  formatBytes,
  REAL_MODEL_IDS,
  REAL_MODELS,
  realModelUrls,
  type RealModelId,
} from '../../store/realModels';
import { useApp } from '../../store/store';
import { useMediaQuery } from '../useNarrow';
import './controls.css';

/**
 * A touch screen without a mouse: a phone (or a tablet). GPT-2 small needs about a gigabyte of
 * memory once loaded, more than mobile browsers give a tab before closing it, so there the page
 * says why first and lets the reader try anyway.
 */
const PHONE_QUERY = '(pointer: coarse) and (hover: none)';

const LOADED_FROM = {
  download: 'downloaded, and kept in this browser for next time.',
  cache: 'loaded from this browser’s cache.',
  file: 'read from your file.',
} as const;

/**
 * The real model's box, shown while it is chosen: which one, its size before anything is
 * fetched, the question before a download, the progress with Cancel, and where it came from.
 */
export function RealModel() {
  const realModel = useApp((s) => s.realModel);
  const status = useApp((s) => s.realModelStatus);
  const setRealModel = useApp((s) => s.setRealModel);
  const engine = useApp((s) => s.engine);
  const info = useApp((s) => s.models.gpt2);
  const phone = useMediaQuery(PHONE_QUERY);
  if (realModel === 'none') return null;
  const model = REAL_MODELS[realModel];
  const keepSmall = (
    <button type="button" onClick={() => setRealModel('none')}>
      Keep the small models
    </button>
  );
  let body;
  switch (status.phase) {
    case 'idle':
    case 'checking':
      body = <p>Looking for {model.label} in this browser’s storage…</p>;
      break;
    case 'confirm':
      body = phone ? (
        <>
          <p>
            {model.label} is offered on desktop computers: it is a {formatBytes(model.bytes)}{' '}
            download and needs about twice that in memory, more than most phone browsers give a page
            before closing it.
          </p>
          <div className="real-model-actions">
            {/* The download itself: the size is in the sentence above. */}
            <button type="button" onClick={() => engine?.downloadRealModel()}>
              Try anyway ({formatBytes(model.bytes)})
            </button>
            {keepSmall}
          </div>
        </>
      ) : (
        <>
          <p>
            {model.label} is a {formatBytes(model.bytes)} download from{' '}
            {new URL(realModelUrls(realModel).weights).host}. This browser keeps it, so the next
            visit loads it at once. The small models stay shown until it is ready.
          </p>
          <div className="real-model-actions">
            <button type="button" onClick={() => engine?.downloadRealModel()}>
              Download {model.label} ({formatBytes(model.bytes)})
            </button>
            {keepSmall}
          </div>
        </>
      );
      break;
    case 'downloading': {
      const total = status.total ?? model.bytes;
      body = (
        <>
          <div className="real-model-progress">
            <progress
              value={status.done}
              max={total}
              aria-label={`Downloading ${model.label}`}
              data-testid="real-model-progress"
            />
            <span>
              {formatBytes(status.done)} of {status.total === null ? 'about ' : ''}
              {formatBytes(total)}
            </span>
            <button type="button" onClick={() => engine?.cancelRealModel()}>
              Cancel
            </button>
          </div>
          <p className="hint">The small models stay shown until it is ready.</p>
        </>
      );
      break;
    }
    case 'loaded':
      body = (
        <p data-testid="real-model-loaded">
          {model.label} is shown
          {info ? `: ${info.nLayers} layers, d = ${info.dModel}, ${info.nHeads} heads` : ''}
          {/* No shape shows the head count: the reader is told when it was not read. */}
          {info?.headsAssumed
            ? ' (assumed from GPT-2’s head size of 64: no config.json)'
            : ''} — {LOADED_FROM[status.from]}
        </p>
      );
      break;
  }
  return (
    <section
      className="real-model"
      aria-label="Real model"
      data-testid="real-model"
      data-phase={status.phase}
    >
      <label>
        Real model{' '}
        <select
          value={realModel}
          onChange={(e) => setRealModel(e.target.value as RealModelId)}
          disabled={status.phase === 'downloading'}
        >
          {REAL_MODEL_IDS.map((id) => (
            <option key={id} value={id}>
              {REAL_MODELS[id].label} ({formatBytes(REAL_MODELS[id].bytes)})
            </option>
          ))}
        </select>
      </label>
      {body}
    </section>
  );
}
