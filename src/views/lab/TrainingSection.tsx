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
          The same architecture with and without skips, each from the init made for it (GPT-2’s with
          skips, Xavier’s without), from the same seed, on the same batches and at the learning rate
          you choose, trained at the same time in two workers. (The shipped pair was trained each at
          the rate that did best for it in a sweep.) Deep stacks show the difference best: try 8 or
          16 layers.
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
