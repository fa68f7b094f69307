import { useRef, memo } from 'react';
import { vocabOf } from '../../store/engineSlice';
import {
  CONFIG_FILE_EXTENSION,
  MODEL_FILE_EXTENSION,
  openModelFiles,
} from '../../store/openModelFile';
import { useApp } from '../../store/store';
import { useTraces } from '../../store/traces';
import { downloadBlob } from '../export/download';
import './controls.css';

/** Bring your own model in (.safetensors); take the current trace out (JSON, CSV). */
export const ModelFiles = memo(function ModelFiles() {
  const input = useRef<HTMLInputElement>(null);
  const skips = useApp((s) => s.skips);
  // Both read, one chosen here: a trace selector depends on nothing but the store (traces.ts).
  const on = useTraces((t) => t.on);
  const off = useTraces((t) => t.off);
  const active = skips ? on : off;
  // The traced model's own words: GPT-2's pieces, or the small models' grammar.
  const slot = active?.start.slot;
  const vocab = useApp((s) => (slot ? vocabOf(s, slot) : undefined));
  // Which model the file is of, and what it reads (GPT-2's BPE or our grammar's words).
  const model = useApp((s) => (slot ? s.models[slot] : undefined));
  const save = async (kind: 'json' | 'csv') => {
    if (!active || !vocab) return;
    // The exporter loads on the first click, not with the page.
    const { traceCsv, traceJson } = await import('../export/traceExport');
    const s = useApp.getState();
    const name = `trace-${skips ? 'skips-on' : 'skips-off'}`;
    if (kind === 'csv')
      downloadBlob(new Blob([traceCsv(active, vocab)], { type: 'text/csv' }), `${name}.csv`);
    else {
      const meta = {
        model: model?.source,
        tokenizer: model?.tokenizer,
        text: s.text,
        source: s.source,
        skips: s.skips,
        offMode: s.offMode,
        lesions: s.lesions,
      };
      downloadBlob(
        new Blob([traceJson(active, vocab, meta)], { type: 'application/json' }),
        `${name}.json`,
      );
    }
  };
  return (
    <div className="model-files">
      <button type="button" onClick={() => input.current?.click()}>
        Load a model…
      </button>
      <input
        ref={input}
        type="file"
        // A GPT-2 file may be chosen with its config.json (its head count).
        accept={`${MODEL_FILE_EXTENSION},${CONFIG_FILE_EXTENSION}`}
        multiple
        hidden
        data-testid="model-file"
        aria-label={`Model file (${MODEL_FILE_EXTENSION})`}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          if (files.length > 0) openModelFiles(files);
          e.target.value = '';
        }}
      />
      <button type="button" onClick={() => save('json')} disabled={!active?.end}>
        Trace as JSON
      </button>
      <button type="button" onClick={() => save('csv')} disabled={!active?.end}>
        Trace as CSV
      </button>
    </div>
  );
});
