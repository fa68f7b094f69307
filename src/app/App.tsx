import { tracesRealModel } from '../store/realModelSlice';
import { useApp } from '../store/store';
import { useTraces } from '../store/traces';
import { LayerStepper } from '../views/controls/LayerStepper';
import { Notices } from '../views/controls/Notices';
import { SkipControls } from '../views/controls/SkipControls';
import { TextControls } from '../views/controls/TextControls';
import { HighwayPanel } from '../views/panels/HighwayPanel';
import { DecompositionPanel } from '../views/panels/DecompositionPanel';
import { LensPanel } from '../views/panels/LensPanel';
import { AttributionPanel } from '../views/panels/AttributionPanel';
import { StreamNormPanel } from '../views/panels/StreamNormPanel';
import { SurvivalPanel } from '../views/panels/SurvivalPanel';
import { UpdatePanel } from '../views/panels/UpdatePanel';
import { SourcePicker } from '../views/controls/SourcePicker';
import { ViewTabs } from '../views/controls/ViewTabs';
import { ModelFiles } from '../views/controls/ModelFiles';
import { ThemePicker } from '../views/controls/ThemePicker';
import { ModelSummary } from './ModelSummary';
import { useTheme } from '../views/theme';
import { useDropModel } from './useDropModel';
import { useStageKeys } from '../views/useStageKeys';
import { lazyPart } from '../views/lazyPart';
import { useNarrow } from '../views/useNarrow';
import './layout.css';

// The lab and the tour load when first opened, so the explorer's first chart comes sooner.
const loadingView = <p data-testid="status">Loading…</p>;
const LabView = lazyPart(
  'The lab',
  () => import('../views/lab/LabView').then((m) => m.LabView),
  loadingView,
);
const TourView = lazyPart(
  'The tour',
  () => import('../tour/TourView').then((m) => m.TourView),
  loadingView,
);

// GPT-2's box (download, progress, where it came from) is shown only once the reader picks it.
const RealModel = lazyPart(
  'GPT-2',
  () => import('../views/controls/RealModel').then((m) => m.RealModel),
  null,
);

// The panels and controls below are memo'd and take no props from here (or fixed ones): App
// re-renders when the model or the view changes, and re-rendering every panel with it made
// GPT-2's 'loaded' one long main-thread task. Each part re-renders from its own subscriptions.
export function App() {
  const residual = useApp((s) => s.models.residual);
  const loadError = useApp((s) => s.loadErrors.residual);
  const onStart = useTraces((t) => t.on?.start);
  // A refused trace (numbers that overflowed) is said in the panels, not waited for.
  const onError = useTraces((t) => t.errors.on);
  const view = useApp((s) => s.view);
  const real = useApp(tracesRealModel);
  const realChosen = useApp((s) => s.realModel !== 'none');
  useStageKeys();
  useDropModel();
  useTheme();
  const narrow = useNarrow();
  const controls = (
    <>
      <div className="controls">
        <TextControls />
        <SkipControls />
      </div>
      <div className="model-row">
        <SourcePicker />
        <ModelSummary />
        <ModelFiles />
      </div>
      {realChosen && <RealModel />}
    </>
  );

  return (
    <main className="app">
      <header>
        <ThemePicker />
        <h1>Residual Stream Explorer</h1>
        <p className="lede">
          Why does <code>x = x + f(x)</code> work so much better than <code>x = f(x)</code>? A small
          transformer runs in your browser: press ▶ to watch each layer write into the stream (the
          norm chart says whether it grows), then pick{' '}
          {real
            ? '“weakened now” (GPT-2 was never trained without skips)'
            : '“trained without skips”'}{' '}
          and watch it again.
        </p>
      </header>
      <Notices />
      {!residual && !loadError && <p data-testid="status">Loading the model…</p>}
      {residual && (
        <>
          <ViewTabs />
          {view === 'tour' ? (
            <div role="tabpanel" id="panel-tour" aria-labelledby="tab-tour">
              <TourView />
            </div>
          ) : (
            <div role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`}>
              {/* On a phone the stepper and the first chart come first, so a chart shows without
                  scrolling; the controls follow it. */}
              {!narrow && controls}
              <LayerStepper />
              {!onStart && !onError ? (
                <p data-testid="status">Running the model…</p>
              ) : view === 'lab' ? (
                <>
                  {narrow && controls}
                  <LabView />
                </>
              ) : view === 'highway' ? (
                // The highway full size; beside it what the lit sublayer wrote into the stream and
                // the norms its width is drawn from.
                <div className="highway-view">
                  <HighwayPanel />
                  <div className="panels-column">
                    {narrow && controls}
                    <UpdatePanel />
                    <StreamNormPanel />
                  </div>
                </div>
              ) : (
                <div className="explorer-body">
                  <HighwayPanel compact />
                  <div className="panels">
                    <UpdatePanel />
                    {narrow && controls}
                    <StreamNormPanel />
                    <DecompositionPanel />
                    <SurvivalPanel />
                    <LensPanel />
                    <AttributionPanel />
                  </div>
                </div>
              )}
              {narrow && !onStart && controls}
            </div>
          )}
        </>
      )}
    </main>
  );
}
