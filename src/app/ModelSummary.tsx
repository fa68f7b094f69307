import { memo } from 'react';
import { thousands } from '../views/format';
import { useTraces } from '../store/traces';
import { useApp } from '../store/store';
import { shownModel } from '../store/positions';
import { tracesRealModel } from '../store/realModelSlice';
import { offChannelName } from '../views/useExplorer';
import { LossReferences } from '../views/LossReferences';
import { realModelOrigin, uniformGuessText } from '../views/realModelText';
import './layout.css';

// Not toLocaleString: its first call loads the locale data, about 60 ms before the first chart.

/**
 * The model traced, then one line per channel: its next-word loss on the sentence. On the
 * real model it says which GPT-2 and whence, counts tokens (not our grammar's words) and holds
 * the loss against uniform guessing, since our corpus's references do not apply to it.
 */
export const ModelSummary = memo(function ModelSummary() {
  const model = useApp(shownModel);
  const real = useApp(tracesRealModel);
  const origin = useApp((s) => realModelOrigin(s.realModelStatus));
  const on = useTraces((t) => t.on);
  const off = useTraces((t) => t.off);
  if (!model) return null;
  const loss = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : v.toFixed(3);
  const unit = real ? 'token' : 'word';
  return (
    <p className="model-summary" data-testid="model-info">
      {real && origin && <>{origin}: </>}
      {model.nLayers} layers, d<sub>model</sub> = {model.dModel}, {model.nHeads} heads,{' '}
      {thousands(model.parameterCount)} parameters, {model.norm}-LN
      {real && <>, GPT-2’s byte-level BPE of {thousands(model.vocabSize)} tokens</>}. Next-{unit}{' '}
      loss on this {real ? 'text' : 'sentence'}: <span className="on-text">skips on</span>{' '}
      <strong data-testid="loss-on">{loss(on?.end?.loss)}</strong>,{' '}
      {/* Named by its trace, so a full skip (α = 1) is never called "off". */}
      <span className="off-text">{off ? offChannelName(off.start) : 'skips off'}</span>{' '}
      <strong data-testid="loss-off">{loss(off?.end?.loss)}</strong> nats per {unit}.{' '}
      {real ? uniformGuessText(model.vocabSize) : <LossReferences />}
    </p>
  );
});
