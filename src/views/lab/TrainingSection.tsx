import { LabSection } from './LabSection';
import { GradNormPanel, LayerGradPanel, LossPanel } from './TrainingCharts';
import { TrainingControls } from './TrainingControls';

/** Train the two models side by side, each in its own worker, and watch them learn. */
export function TrainingSection() {
  return (
    <LabSection
      id="lab-train"
      title="6 · Train it yourself, side by side"
      embed="training"
      claim={
        <>
          The same model with and without skips, from the same seed, on the same batches, trained at
          the same time in two workers. Deep stacks show the difference best: try 8 or 16 layers.
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
