import { useApp } from '../../store/store';
import { sublayerLabel, sublayerTick } from '../labels';
import './lab.css';

/** A box per sublayer to remove it from the live models (the store's lesions), and "Restore all". */
export function LesionBoxes({
  count,
  ariaLabel,
}: {
  count: number;
  /** The accessible name of sublayer k's box. */
  ariaLabel: (k: number) => string;
}) {
  const lesions = useApp((s) => s.lesions);
  const toggleLesion = useApp((s) => s.toggleLesion);
  const clearLesions = useApp((s) => s.clearLesions);
  return (
    <>
      <fieldset className="lesion-boxes">
        <legend className="visually-hidden">Sublayers to remove</legend>
        {Array.from({ length: count }, (_, k) => (
          <label key={k} title={sublayerLabel(k)}>
            <input
              type="checkbox"
              checked={lesions.includes(k)}
              onChange={() => toggleLesion(k)}
              aria-label={ariaLabel(k)}
            />
            {sublayerTick(k)}
          </label>
        ))}
      </fieldset>
      <div className="lab-buttons">
        <button type="button" onClick={clearLesions} disabled={lesions.length === 0}>
          Restore all
        </button>
      </div>
    </>
  );
}
