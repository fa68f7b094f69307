import type { ComponentType } from 'react';
import { lazyPart } from '../views/lazyPart';
import { HighwayPanel } from '../views/panels/HighwayPanel';
import { DecompositionPanel } from '../views/panels/DecompositionPanel';
import { LensPanel } from '../views/panels/LensPanel';
import { StreamNormPanel } from '../views/panels/StreamNormPanel';
import { SurvivalPanel } from '../views/panels/SurvivalPanel';
import { UpdatePanel } from '../views/panels/UpdatePanel';

/** Lab sections load on demand (their stylesheet comes with them). */
const inLab = (load: () => Promise<ComponentType>): ComponentType => {
  const Section = lazyPart('This section', load, <p data-testid="status">Loading…</p>);
  return function LabEmbed() {
    return <Section />;
  };
};

/** Every view that can stand alone in an embed, by the name used in `?embed=` and `view="…"`. */
export const EMBED_VIEWS: Record<string, { title: string; Panel: ComponentType }> = {
  highway: { title: 'The residual highway', Panel: HighwayPanel },
  update: { title: 'The update at one step', Panel: UpdatePanel },
  norms: { title: 'Stream norm by layer', Panel: StreamNormPanel },
  decomposition: { title: 'What the stream is made of', Panel: DecompositionPanel },
  survival: { title: 'Does the word survive?', Panel: SurvivalPanel },
  lens: { title: 'Logit lens', Panel: LensPanel },
  orthogonality: {
    title: 'Orthogonal features?',
    Panel: inLab(() =>
      import('../views/lab/OrthogonalitySection').then((m) => m.OrthogonalitySection),
    ),
  },
  'gradient-flow': {
    title: 'Gradient flow',
    Panel: inLab(() => import('../views/lab/GradientSection').then((m) => m.GradientSection)),
  },
  identity: {
    title: 'Identity mapping and lesions',
    Panel: inLab(() => import('../views/lab/IdentitySection').then((m) => m.IdentitySection)),
  },
  'rank-collapse': {
    title: 'Rank collapse',
    Panel: inLab(() =>
      import('../views/lab/RankCollapseSection').then((m) => m.RankCollapseSection),
    ),
  },
  probes: {
    title: 'What the stream holds: linear probes',
    Panel: inLab(() => import('../views/lab/ProbesSection').then((m) => m.ProbesSection)),
  },
  training: {
    title: 'Train it yourself',
    Panel: inLab(() => import('../views/lab/TrainingSection').then((m) => m.TrainingSection)),
  },
};

export const EMBED_VIEW_NAMES = Object.keys(EMBED_VIEWS);

/** The view called `name`, or undefined: own names only, so `toString` or `__proto__` is none. */
export function embedView(name: string): (typeof EMBED_VIEWS)[string] | undefined {
  return Object.hasOwn(EMBED_VIEWS, name) ? EMBED_VIEWS[name] : undefined;
}
