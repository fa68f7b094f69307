import type { StateCreator } from 'zustand';
import type {
  Channel,
  DepthProgress,
  DepthRunResult,
  InitScheme,
  LesionProgress,
  ModelSlot,
  ModelSource,
  NormPlacement,
  Probed,
  TrainRun,
} from '../worker/protocol';
import { slotFor } from '../worker/protocol';
import type { CurvePoint } from '../analysis/boundedCurve';
import { ownLearningRate } from '../worker/protocol';

// lesionResults and probe results are keyed by model slot; the page finds a source's pair with
// slotFor, names a slot with MODEL_SLOT_NAMES, and walks the two channels of a run with CHANNELS,
// all from here because views know the worker only through the store and the protocol's types.
export { CHANNELS, MODEL_SLOT_NAMES, slotFor } from '../worker/protocol';

/**
 * Results of the lab's experiments: low-rate, so they live in the main store. Each experiment
 * runs with skips on and off, keyed by the same `Channel` as the explorer's two traces.
 */

export interface LesionResult {
  intact: number;
  lesioned: Float32Array;
  predictionChange: Float32Array;
}

export interface DepthSweepParams {
  layers: number[];
  norm: NormPlacement;
  trainSteps: number;
  seed: number;
  /** One init for both networks; each network's own (`defaultInitFor`) if not given. */
  init?: InitScheme;
  /** Also run every depth from this init, so the init's part of the gap can be told apart. */
  compareInit?: InitScheme;
}

export interface DepthSweepState {
  status: 'idle' | 'running' | 'done' | 'error';
  params: DepthSweepParams | null;
  progress: Record<Channel, DepthProgress | null>;
  runs: Record<Channel, DepthRunResult[] | null>;
  error: string | null;
}

/** One model's probe accuracies per residual point, as the worker sent them. */
export type ProbeResult = Pick<Probed, 'word' | 'position' | 'agreement'>;

/**
 * Linear probes for a source's pair (and, for the shipped pair, its untrained twins), one model
 * at a time on the explorer's engine: `slots` in the order they are asked for, `results` as they
 * come. A cancelled run keeps what it has and is `idle` again.
 */
export interface ProbeState {
  status: 'idle' | 'running' | 'done' | 'error';
  source: ModelSource | null;
  slots: ModelSlot[];
  results: Partial<Record<ModelSlot, ProbeResult>>;
  error: string | null;
}

export const IDLE_PROBES: ProbeState = {
  status: 'idle',
  source: null,
  slots: [],
  results: {},
  error: null,
};

/** `diverged`: the loss blew up; `failed`: the run's worker reported an error or crashed. */
export type RunState = 'idle' | 'running' | 'paused' | 'done' | 'diverged' | 'failed';

export interface TrainingRunState {
  state: RunState;
  message: string;
  step: number;
  totalSteps: number;
  stepsPerSecond: number;
  loss: CurvePoint[];
  validLoss: CurvePoint[];
  gradNorm: CurvePoint[];
  layerGradNorms: Float32Array | null;
  /** The learning rate this run trains at, from its start (null before one). */
  lr: number | null;
}

/**
 * The training form: one run's settings for both runs (α is 1 for one and 0 for the other),
 * but a learning rate per run, so each network can train at the step size made for it.
 */
export type TrainingSettings = Omit<
  TrainRun,
  'skipStrength' | 'contextLength' | 'batchSize' | 'lr'
> & {
  lr: Record<Channel, number>;
};

/** The skip strength of each channel's run: the network with skips and the one without. */
export const RUN_SKIP_STRENGTH: Record<Channel, number> = { on: 1, off: 0 };

/** A sweep's passes done, of 2L + 1. */
export type LesionSweepProgress = Pick<LesionProgress, 'done' | 'total'>;

/** The lab's two lesion sweeps: the current source's pair, or the real model on its own. */
export type LesionSweepOn = 'source' | 'gpt2';

/** The slots a sweep measures: GPT-2 alone, as there is no GPT-2 trained without skips. */
export function lesionSweepSlots(on: LesionSweepOn, source: ModelSource): ModelSlot[] {
  return on === 'gpt2' ? ['gpt2'] : [slotFor(source, true), slotFor(source, false)];
}

/** What the lesion selectors read: the sweeps' state and the source that picks the pair. */
type LesionView = Pick<LabState, 'lesionProgress' | 'lesionErrors'> & { source: ModelSource };

/** Selector: whether a sweep (either model of the pair, or GPT-2) is under way. */
export const lesionSweepBusy = (s: LesionView, on: LesionSweepOn): boolean =>
  lesionSweepSlots(on, s.source).some((slot) => s.lesionProgress[slot] !== undefined);

/** Selector: why a sweep stopped (the first of its models that failed), or null. */
export const lesionSweepError = (s: LesionView, on: LesionSweepOn): string | null =>
  lesionSweepSlots(on, s.source)
    .map((slot) => s.lesionErrors[slot])
    .find((e) => e !== undefined) ?? null;

export interface LabState {
  /** The last sweep of each slot; `gpt2` is the real model's, which the tour reads too. */
  lesionResults: Partial<Record<ModelSlot, LesionResult>>;
  /**
   * How far each running sweep has got, by slot: present from its start to its end, so it also
   * says which sweeps run (lesionSweepBusy).
   */
  lesionProgress: Partial<Record<ModelSlot, LesionSweepProgress>>;
  /**
   * Why a slot's last sweep stopped, if it failed, until that slot is swept again: by slot, so
   * GPT-2's failure is not shown beside the small models' sweep, nor theirs beside GPT-2's.
   */
  lesionErrors: Partial<Record<ModelSlot, string>>;
  depthSweep: DepthSweepState;
  probes: ProbeState;
  training: Record<Channel, TrainingRunState>;
  trainingSettings: TrainingSettings;
  /** True once a finished lab pair has been handed to the explorer. */
  labModelsReady: boolean;
}

/**
 * What the lab asks of its workers. They exist while the engine is connected (labBridge.ts
 * makes them, bridge.ts installs them in the store as `engine`).
 */
export interface LabJobs {
  /**
   * Held-out loss with each sublayer removed: of the current source's two models, or of the
   * real model (`gpt2`), which has no twin trained without skips.
   */
  runLesionSweep: (on?: LesionSweepOn) => void;
  /** Stops asking for that sweep's next steps; what is in flight finishes and is dropped. */
  cancelLesionSweep: (on?: LesionSweepOn) => void;
  /** Linear probes at every residual point of the current source's models (ProbeState). */
  runProbes: () => void;
  cancelProbes: () => void;
  startDepthSweep: (params: DepthSweepParams) => void;
  cancelDepthSweep: () => void;
  startTraining: () => void;
  pauseTraining: () => void;
  resumeTraining: () => void;
  resetTraining: () => void;
  /** Downloads both lab-trained models as safetensors files (`save` does the saving, in the page). */
  downloadLabModels: (save: (blob: Blob, name: string) => void) => void;
  /** Hands the two lab models to the explorer's engine and switches every view to them. */
  exploreLabModels: () => void;
}

export interface LabActions {
  setLab: (patch: Partial<LabState>) => void;
  setTrainingSettings: (patch: Partial<TrainingSettings>) => void;
  updateRun: (ch: Channel, patch: Partial<TrainingRunState>) => void;
}

export const IDLE_RUN: TrainingRunState = {
  state: 'idle',
  message: '',
  step: 0,
  totalSteps: 0,
  stepsPerSecond: 0,
  loss: [],
  validLoss: [],
  gradNorm: [],
  layerGradNorms: null,
  lr: null,
};

export const DEFAULT_TRAINING: TrainingSettings = {
  nLayers: 6,
  dModel: 32,
  lr: { on: ownLearningRate(RUN_SKIP_STRENGTH.on), off: ownLearningRate(RUN_SKIP_STRENGTH.off) },
  steps: 600,
  seed: 1,
  norm: 'pre',
};

export type LabSlice = LabState & LabActions;

export const createLabSlice: StateCreator<LabSlice, [], [], LabSlice> = (set) => ({
  lesionResults: {},
  lesionProgress: {},
  lesionErrors: {},
  depthSweep: {
    status: 'idle',
    params: null,
    progress: { on: null, off: null },
    runs: { on: null, off: null },
    error: null,
  },
  probes: IDLE_PROBES,
  training: { on: IDLE_RUN, off: IDLE_RUN },
  trainingSettings: DEFAULT_TRAINING,
  labModelsReady: false,
  setLab: (patch) => set(patch),
  setTrainingSettings: (patch) =>
    set((s) => ({ trainingSettings: { ...s.trainingSettings, ...patch } })),
  updateRun: (ch, patch) =>
    set((s) => ({ training: { ...s.training, [ch]: { ...s.training[ch], ...patch } } })),
});
