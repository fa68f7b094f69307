import type { Chapter } from '../chapter';
import { residualStream } from './01-ResidualStream';
import { orthogonalFeatures } from './02-OrthogonalFeatures';
import { featureAccumulation } from './03-FeatureAccumulation';
import { gradientFlow } from './04-GradientFlow';
import { identityMapping } from './05-IdentityMapping';
import { caveats } from './06-Caveats';

/** The tour's chapters in reading order. */
export const CHAPTERS: readonly Chapter[] = [
  residualStream,
  orthogonalFeatures,
  featureAccumulation,
  gradientFlow,
  identityMapping,
  caveats,
];

/** `?chapter=all`: every chapter on one long page. */
export const ALL_CHAPTERS = 'all';

/** The index of a chapter id; '' is the first chapter, an unknown id gives −1. */
export function chapterIndex(id: string): number {
  if (id === '') return 0;
  return CHAPTERS.findIndex((c) => c.id === id);
}
