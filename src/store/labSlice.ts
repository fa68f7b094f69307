import type { StateCreator } from 'zustand';
import type { DepthRunResult, ModelSlot } from '../worker/protocol';
import type { CurvePoint } from '../analysis/boundedCurve';

// lesionResults is keyed by model slot; the page finds a source's pair with slotFor, which it
// gets here because views know the worker only through the store and the protocol's types.
export { slotFor } from '../worker/protocol';

/** Results of the lab's experiments: low-rate, so they live in the main store. */
export type LabChannel = 'on' | 'off';

export interface LesionResult {
  intact: number;
  lesioned: Float32Array;
  predictionChange: Float32Array;
}

export interface DepthSweepParams {
  layers: number[];
  norm: 'pre' | 'post' | 'none';
  trainSteps: number;
  seed: number;
}

export interface DepthProgress {
  run: number;
  runs: number;
  layers: number;
  step: number;
  totalSteps: number;
}

export interface DepthSweepState {
  status: 'idle' | 'running' | 'done' | 'error';
  params: DepthSweepParams | null;
  progress: Record<LabChannel, DepthProgress | null>;
  runs: Record<LabChannel, DepthRunResult[] | null>;
  error: string | null;
}

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
}

export interface TrainingSettings {
  nLayers: number;
  dModel: number;
  lr: number;
  steps: number;
  seed: number;
  norm: 'pre' | 'post' | 'none';
}

export interface LabState {
  lesionResults: Partial<Record<ModelSlot, LesionResult>>;
  lesionBusy: boolean;
  depthSweep: DepthSweepState;
  training: Record<LabChannel, TrainingRunState>;
  trainingSettings: TrainingSettings;
  /** True once a finished lab pair has been handed to the explorer. */
  labModelsReady: boolean;
}

export interface LabActions {
  setLab: (patch: Partial<LabState>) => void;
  setTrainingSettings: (patch: Partial<TrainingSettings>) => void;
  updateRun: (ch: LabChannel, patch: Partial<TrainingRunState>) => void;
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
};

export const DEFAULT_TRAINING: TrainingSettings = {
  nLayers: 6,
  dModel: 32,
  lr: 3e-3,
  steps: 600,
  seed: 1,
  norm: 'pre',
};

export type LabSlice = LabState & LabActions;

export const createLabSlice: StateCreator<LabSlice, [], [], LabSlice> = (set) => ({
  lesionResults: {},
  lesionBusy: false,
  depthSweep: {
    status: 'idle',
    params: null,
    progress: { on: null, off: null },
    runs: { on: null, off: null },
    error: null,
  },
  training: { on: IDLE_RUN, off: IDLE_RUN },
  trainingSettings: DEFAULT_TRAINING,
  labModelsReady: false,
  setLab: (patch) => set(patch),
  setTrainingSettings: (patch) =>
    set((s) => ({ trainingSettings: { ...s.trainingSettings, ...patch } })),
  updateRun: (ch, patch) =>
    set((s) => ({ training: { ...s.training, [ch]: { ...s.training[ch], ...patch } } })),
});
