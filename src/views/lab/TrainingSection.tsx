import { EmbedButton } from '../controls/EmbedButton';
import { GradNormPanel, LayerGradPanel, LossPanel } from './TrainingCharts';
import { TrainingControls } from './TrainingControls';

/** Train the two models side by side, each in its own worker, and watch them learn. */
export function TrainingSection() {
  return (
    <section className="lab-section" aria-labelledby="lab-train">
      <div className="chart-head">
        <h2 id="lab-train">5 · Train it yourself, side by side</h2>
        <div className="chart-toolbar">
          <EmbedButton view="training" />
        </div>
      </div>
      <p className="lab-claim">
        The same model with and without skips, from the same seed, on the same batches, trained at
        the same time in two workers. Deep stacks show the difference best: try 8 or 16 layers.
      </p>
      <div className="lab-grid">
        <TrainingControls />
        <LossPanel />
        <GradNormPanel />
        <LayerGradPanel />
      </div>
    </section>
  );
}
