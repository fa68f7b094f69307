import type { ComponentType } from 'react';
import { ResidualStream } from './chapters/01-ResidualStream';
import { OrthogonalFeatures } from './chapters/02-OrthogonalFeatures';
import { FeatureAccumulation } from './chapters/03-FeatureAccumulation';
import { GradientFlow } from './chapters/04-GradientFlow';
import { IdentityMapping } from './chapters/05-IdentityMapping';
import { Caveats } from './chapters/06-Caveats';

/** Each chapter's prose, views and "try this", by chapter id (see chapters.ts for the order). */
export const CHAPTER_BODIES: Record<string, ComponentType> = {
  'residual-stream': ResidualStream,
  'orthogonal-features': OrthogonalFeatures,
  'feature-accumulation': FeatureAccumulation,
  'gradient-flow': GradientFlow,
  'identity-mapping': IdentityMapping,
  caveats: Caveats,
};
