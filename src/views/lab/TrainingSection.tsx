import { DEFAULT_TRAINING } from '../../store/labSlice';
import { num } from '../format';
import { LabSection } from './LabSection';
import { GradNormPanel, LayerGradPanel, LossPanel } from './TrainingCharts';
import { TrainingControls } from './TrainingControls';

/** Train the two models side by side, each in its own worker, and watch them learn. */
export function TrainingSection() {
  return (
    <LabSection
      id="lab-train"
      smallModelsOnly={({ real }) =>
        `Small models trained here from scratch on our grammar, not ${real}: GPT-2 is only traced in this page, never trained.`
      }
      title="6 · Train it yourself, side by side"
      embed="training"
      claim={
        <>
          The same architecture with and without skips, from the same seed and on the same batches,
          trained at the same time in two workers, each from the init made for it (GPT-2’s with
          skips, Xavier’s without) and at its own learning rate: by default the one that did best
          for the shipped pair in a sweep, {num(DEFAULT_TRAINING.lr.on)} with skips and{' '}
          {num(DEFAULT_TRAINING.lr.off)} without, so neither trains at a step size made for the
          other. Deep stacks show the difference best: try 8 or 16 layers.
        </>
      }
    >
      <TrainingControls />
      <LossPanel />
      <GradNormPanel />
      <LayerGradPanel />
    </LabSection>
  );
}
