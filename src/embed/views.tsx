import type { ComponentType } from 'react';
import { GradientSection } from '../views/lab/GradientSection';
import { IdentitySection } from '../views/lab/IdentitySection';
import { OrthogonalitySection } from '../views/lab/OrthogonalitySection';
import { RankCollapseSection } from '../views/lab/RankCollapseSection';
import { TrainingSection } from '../views/lab/TrainingSection';
import { DecompositionPanel } from '../views/panels/DecompositionPanel';
import { LensPanel } from '../views/panels/LensPanel';
import { StreamNormPanel } from '../views/panels/StreamNormPanel';
import { SurvivalPanel } from '../views/panels/SurvivalPanel';
import { UpdatePanel } from '../views/panels/UpdatePanel';

/** Lab sections carry the lab's layout class with them into an embed. */
const inLab = (Section: ComponentType): ComponentType =>
  function LabEmbed() {
    return (
      <div className="lab">
        <Section />
      </div>
    );
  };

/** Every view that can stand alone in an embed, by the name used in `?embed=` and `view="…"`. */
export const EMBED_VIEWS: Record<string, { title: string; Panel: ComponentType }> = {
  update: { title: 'The update at one step', Panel: UpdatePanel },
  norms: { title: 'Stream norm by layer', Panel: StreamNormPanel },
  decomposition: { title: 'What the stream is made of', Panel: DecompositionPanel },
  survival: { title: 'Does the word survive?', Panel: SurvivalPanel },
  lens: { title: 'Logit lens', Panel: LensPanel },
  orthogonality: { title: 'Orthogonal features?', Panel: inLab(OrthogonalitySection) },
  'gradient-flow': { title: 'Gradient flow', Panel: inLab(GradientSection) },
  identity: { title: 'Identity mapping and lesions', Panel: inLab(IdentitySection) },
  'rank-collapse': { title: 'Rank collapse', Panel: inLab(RankCollapseSection) },
  training: { title: 'Train it yourself', Panel: inLab(TrainingSection) },
};

export const EMBED_VIEW_NAMES = Object.keys(EMBED_VIEWS);
