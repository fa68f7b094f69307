import { thousands } from '../views/format';
import { useTraces } from '../store/traces';
import { useApp } from '../store/store';
import './layout.css';

// Not toLocaleString: its first call loads the locale data, about 60 ms before the first chart.

/** One line per channel: which model, and its next-word loss on the sentence. */
export function ModelSummary() {
  const residual = useApp((s) => s.models.residual);
  const on = useTraces((t) => t.on);
  const off = useTraces((t) => t.off);
  if (!residual) return null;
  const loss = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : v.toFixed(3);
  return (
    <p className="model-summary" data-testid="model-info">
      {residual.nLayers} layers, d<sub>model</sub> = {residual.dModel}, {residual.nHeads} heads,{' '}
      {thousands(residual.parameterCount)} parameters, {residual.norm}-LN. Next-word loss on this
      sentence: <span className="on-text">skips on</span>{' '}
      <strong data-testid="loss-on">{loss(on?.end?.loss)}</strong>,{' '}
      <span className="off-text">skips off</span>{' '}
      <strong data-testid="loss-off">{loss(off?.end?.loss)}</strong> nats per word.
    </p>
  );
}
