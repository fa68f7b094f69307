import { GradientSection } from './GradientSection';
import { IdentitySection } from './IdentitySection';
import { useLabModel } from './useLabModel';
import { OrthogonalitySection } from './OrthogonalitySection';
import { ProbesSection } from './ProbesSection';
import { RankCollapseSection } from './RankCollapseSection';
import { TrainingSection } from './TrainingSection';
import './lab.css';

/**
 * The lab: one measured experiment per claim of the blog post, skips on against off, on the
 * sentence and models chosen above; then a pair to train yourself.
 */
export function LabView() {
  const { real, name } = useLabModel();
  return (
    <div data-testid="lab">
      <p className="lab-intro" data-testid="lab-intro">
        Each section takes one claim about residual connections and measures it on {name}, for the
        sentence above,{' '}
        {real ? (
          <>
            with its own skips (<span className="on-text">blue</span>) and with them weakened now (
            <span className="off-text">orange</span>): there is no GPT-2 trained without skips. The
            probes and the training runs need the small models’ grammar and say so.
          </>
        ) : (
          <>
            with skips on (<span className="on-text">blue</span>) and off (
            <span className="off-text">orange</span>).
          </>
        )}{' '}
        The layer stepper marks the current sublayer in every chart. Where our numbers disagree with
        the claim, the caption says so.
      </p>
      <OrthogonalitySection />
      <GradientSection />
      <IdentitySection />
      <RankCollapseSection />
      <ProbesSection />
      <TrainingSection />
    </div>
  );
}
