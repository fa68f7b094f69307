import { memo } from 'react';
import { EXAMPLE_SENTENCES } from '../../data/examples';
import { shownModel } from '../../store/positions';
import { useApp } from '../../store/store';
import { useTraces } from '../../store/traces';
import './controls.css';

/** The sentence, example sentences, and the words as the model sees them. */
export const TextControls = memo(function TextControls() {
  const text = useApp((s) => s.text);
  const setText = useApp((s) => s.setText);
  const token = useApp((s) => s.token);
  const setToken = useApp((s) => s.setToken);
  const vocabSize = useApp((s) => shownModel(s)?.vocabSize);
  // The words and the error only: the points streaming in do not change them.
  const start = useTraces((t) => t.on?.start);
  const error = useTraces((t) => t.errors.on);
  const selected = start ? (token < 0 || token >= start.T ? start.T - 1 : token) : -1;
  const unknownCount = start?.unknown.filter(Boolean).length ?? 0;
  return (
    <section className="card text-controls" aria-label="Sentence">
      <label htmlFor="text-input">Text</label>
      <input
        id="text-input"
        data-testid="text-input"
        type="text"
        value={text}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
      />
      <div className="examples" role="group" aria-label="Example sentences">
        {EXAMPLE_SENTENCES.map((s) => (
          <button
            key={s}
            type="button"
            className="example"
            onClick={() => setText(s)}
            aria-pressed={s === text}
          >
            {s}
          </button>
        ))}
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {start && (
        <div
          className="chips"
          role="group"
          aria-label="Words (choose one to follow it through the layers)"
          data-testid="chips"
        >
          {start.words.map((w, t) => (
            <button
              key={t}
              type="button"
              className={`chip${start.unknown[t] ? ' unknown' : ''}`}
              aria-pressed={t === selected}
              title={
                start.unknown[t]
                  ? 'Not in the model’s vocabulary: it reads this as <unk>'
                  : undefined
              }
              onClick={() => setToken(t)}
            >
              {w}
              {start.unknown[t] && <span className="visually-hidden"> (unknown word)</span>}
            </button>
          ))}
        </div>
      )}
      {unknownCount > 0 && (
        <p className="hint" data-testid="unknown-note">
          {unknownCount === 1 ? 'One word is' : `${unknownCount} words are`} not in the model’s
          vocabulary of {vocabSize ?? 'a few hundred'} words and read as “unknown” (dashed).
        </p>
      )}
      {start?.truncated && (
        <p className="hint">
          The text is longer than the model’s context of {start.T} words; only the first {start.T}{' '}
          are used.
        </p>
      )}
    </section>
  );
});
