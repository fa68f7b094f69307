import type { ReactNode } from 'react';
import { EmbedButton } from '../controls/EmbedButton';
import './lab.css';
import '../chart/chart.css';

/** One of the lab's numbered sections: its question, an embed button, the claim, its panels. */
export function LabSection({
  id,
  title,
  embed,
  claim,
  gridClass = 'card-grid',
  children,
}: {
  id: string;
  title: string;
  /** The embed view that shows this section alone. */
  embed: string;
  claim: ReactNode;
  gridClass?: string;
  children: ReactNode;
}) {
  return (
    <section className="lab-section" aria-labelledby={id}>
      <div className="chart-head">
        <h2 id={id}>{title}</h2>
        <div className="chart-toolbar">
          <EmbedButton view={embed} />
        </div>
      </div>
      <p className="lab-claim">{claim}</p>
      <div className={gridClass}>{children}</div>
    </section>
  );
}
