import type { ComponentType } from 'react';
import { DecompositionPanel } from '../views/panels/DecompositionPanel';
import { LensPanel } from '../views/panels/LensPanel';
import { StreamNormPanel } from '../views/panels/StreamNormPanel';
import { SurvivalPanel } from '../views/panels/SurvivalPanel';
import { UpdatePanel } from '../views/panels/UpdatePanel';

/** Every view that can stand alone in an embed, by the name used in `?embed=` and `view="…"`. */
export const EMBED_VIEWS: Record<string, { title: string; Panel: ComponentType }> = {
  update: { title: 'The update at one step', Panel: UpdatePanel },
  norms: { title: 'Stream norm by layer', Panel: StreamNormPanel },
  decomposition: { title: 'What the stream is made of', Panel: DecompositionPanel },
  survival: { title: 'Does the word survive?', Panel: SurvivalPanel },
  lens: { title: 'Logit lens', Panel: LensPanel },
};

export const EMBED_VIEW_NAMES = Object.keys(EMBED_VIEWS);
