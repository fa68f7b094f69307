import { clampStage, slotFor } from '../worker/protocol';
import type { AppState } from './store';

/**
 * Places in the model, for the views, which know the engine only through the store: the counts
 * and conversions of engine/positions.ts (layer, sublayer, residual point, stage), and the one
 * place the store holds a stage to the model shown.
 */
export {
  // how many
  sublayerCount,
  pointCount,
  lastStage,
  // a sublayer's layer and kind
  sublayerKind,
  sublayerLayer,
  sublayerOf,
  type SublayerKind,
  // between sublayers, residual points and stages
  sublayerOutput,
  pointWriter,
  sublayerStage,
  stageSublayer,
  stagePoint,
  pointStage,
  pointAfterBlocks,
} from '../worker/protocol';

/**
 * The number of layers of the model the stepper walks: the one with skips of the chosen source
 * (the untrained twin has the shipped model's shape, and a lab pair not yet trained falls back
 * to it too); undefined until a model has loaded.
 */
export function shownLayers(s: Pick<AppState, 'models' | 'source'>): number | undefined {
  return (s.models[slotFor(s.source, true)] ?? s.models.residual)?.nLayers;
}

/**
 * The one place a stage is held to the model: setStage, applyExplorer, setSource and
 * modelLoaded all pass their new state through here, so the store never holds a stage the
 * model does not have. Before any model has loaded (a link read at start-up), the stage is
 * only rounded and kept ≥ 0; the first model to load clamps it.
 */
export function stageInModel(stage: number, s: Pick<AppState, 'models' | 'source'>): number {
  const L = shownLayers(s);
  return L === undefined ? Math.max(0, Math.round(stage)) : clampStage(stage, L);
}
