import { clampStage, sublayerCount, slotFor, type ModelInfo } from '../worker/protocol';
import { withNotice } from './notices';
import { tracesRealModel } from './realModelSlice';
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
 * The word a trace shows as selected: the reader's token (−1, the default, is the last word;
 * one past a shorter text is too), the one clamp the views and the lens requests share.
 */
export const selectedPosition = (token: number, T: number): number =>
  T === 0 ? 0 : token < 0 || token >= T ? T - 1 : token;

/** What decides which model the views show: the source, the real model and what has loaded. */
type Shown = Pick<AppState, 'models' | 'source' | 'realModel' | 'realModelStatus' | 'view'>;

/**
 * The model the traces are of, for what the views say about it (its size, its vocabulary, its
 * tokenizer): the real model once it is shown outside the tour, else the one with skips of the
 * chosen source (the untrained twin has the shipped model's shape, and a lab pair not yet
 * trained falls back to it too); undefined until a model has loaded.
 */
export function shownModel(s: Shown): ModelInfo | undefined {
  if (tracesRealModel(s) && s.models.gpt2) return s.models.gpt2;
  return s.models[slotFor(s.source, true)] ?? s.models.residual;
}

/** The number of layers of the model the stepper walks (shownModel's). */
export function shownLayers(s: Shown): number | undefined {
  return shownModel(s)?.nLayers;
}

/**
 * The one place a stage is held to the model: setStage, applyExplorer, setSource and
 * modelLoaded all pass their new state through here, so the store never holds a stage the
 * model does not have. Before any model has loaded (a link read at start-up), the stage is
 * only rounded and kept ≥ 0; the first model to load clamps it.
 */
export function stageInModel(stage: number, s: Shown): number {
  const L = shownLayers(s);
  return L === undefined ? Math.max(0, Math.round(stage)) : clampStage(stage, L);
}

/**
 * A next state held to the models there are (setSource, applyExplorer and modelLoaded pass
 * through here), each change with a notice saying why:
 * - a lab pair that is not loaded (a link written after "Explore these models", opened in a
 *   new tab; a restarted engine) falls back to the shipped models, once those have loaded;
 * - a lesion the model has no sublayer for (a link or a host asked for it) would be refused by
 *   the worker and leave the views waiting: it is dropped, named;
 * - the stage is clamped (stageInModel).
 * Before any model has loaded, all is kept.
 */
export function heldToModel(
  s: Shown & Pick<AppState, 'stage' | 'lesions' | 'notices'>,
): Pick<AppState, 'source' | 'stage' | 'lesions' | 'notices'> {
  let { source, lesions, notices } = s;
  if (source === 'lab' && !s.models['lab-residual'] && s.models.residual) {
    source = 'trained';
    notices = withNotice(
      notices,
      'warning',
      'The lab’s models are not in this page (they live only in the tab that trained them); the shipped models are shown instead.',
    );
  }
  const held = { ...s, source };
  const L = shownLayers(held);
  const S = L === undefined ? Infinity : sublayerCount(L);
  const dropped = lesions.filter((k) => k >= S);
  if (dropped.length > 0) {
    lesions = lesions.filter((k) => k < S);
    notices = withNotice(
      notices,
      'warning',
      `This model has sublayers 0 to ${S - 1}; ${dropped.length === 1 ? 'lesion' : 'lesions'} ${dropped.join(', ')} ${dropped.length === 1 ? 'was' : 'were'} dropped.`,
    );
  }
  return { source, stage: stageInModel(s.stage, held), lesions, notices };
}
