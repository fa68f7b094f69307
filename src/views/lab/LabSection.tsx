import type { ReactNode } from 'react';
import { EmbedButton } from '../controls/EmbedButton';
import { useLabModel } from './useLabModel';
import './lab.css';
import '../chart/chart.css';

/**
 * One of the lab's numbered sections: its question, an embed button, the claim, which model it
 * measures while the explorer shows GPT-2, its panels.
 */
export function LabSection({
  id,
  title,
  embed,
  claim,
  smallModelsOnly,
  gridClass = 'card-grid',
  children,
}: {
  id: string;
  title: string;
  /** The embed view that shows this section alone. */
  embed: string;
  claim: ReactNode;
  /**
   * For a section that measures small models even while GPT-2 is shown: what it measures and
   * why, given GPT-2's name and the current small models'. Absent if it measures GPT-2 then.
   */
  smallModelsOnly?: (names: { real: string; small: string }) => string;
  gridClass?: string;
  children: ReactNode;
}) {
  const model = useLabModel();
  return (
    <section className="lab-section" aria-labelledby={id}>
      <div className="chart-head">
        <h2 id={id}>{title}</h2>
        <div className="chart-toolbar">
          <EmbedButton view={embed} />
        </div>
      </div>
      <p className="lab-claim">{claim}</p>
      {model.real && (
        <p className="lab-model-note" data-testid={`${id}-model`}>
          {smallModelsOnly
            ? smallModelsOnly({ real: model.real.label, small: model.smallName })
            : `Measured on ${model.real.label}, as the explorer shows it: with its own skips (blue) and the same weights with the skips weakened now (orange).`}
        </p>
      )}
      <div className={gridClass}>{children}</div>
    </section>
  );
}
