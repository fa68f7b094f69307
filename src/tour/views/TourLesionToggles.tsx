import { useApp } from '../../store/store';
import { sublayerLabel } from '../../views/labels';
import { num } from '../../views/format';
import { LesionBoxes } from '../../views/lab/LesionBoxes';
import { useLabTraces } from '../../views/lab/useLabTraces';
import '../../views/lab/lab.css';

/** Remove sublayers from the live models, and read the loss on this sentence. */
export function TourLesionToggles() {
  const lt = useLabTraces();
  const lesions = useApp((s) => s.lesions);
  const loss = lt.on.trace?.end.loss;
  return (
    <section className="card lab-card" aria-labelledby="tour-lesions-title">
      <h3 id="tour-lesions-title">Remove sublayers from the live model</h3>
      <LesionBoxes count={lt.S} ariaLabel={(k) => `Remove ${sublayerLabel(k)}`} />
      <p
        data-testid="tour-sentence-loss"
        data-loss={loss === null || loss === undefined ? undefined : num(loss)}
        data-lesions={lesions.join(',')}
      >
        {lesions.length === 0
          ? 'Nothing removed.'
          : `Removed: ${lesions.map((k) => sublayerLabel(k)).join(', ')}.`}{' '}
        Loss on this sentence, with skips:{' '}
        <strong>{loss === null || loss === undefined ? '—' : num(loss)}</strong> nats per word.
      </p>
    </section>
  );
}
