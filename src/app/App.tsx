import { lazy, Suspense } from 'react';
import { useApp } from '../store/store';
import { useTraces } from '../store/traces';
import { LayerStepper } from '../views/controls/LayerStepper';
import { Notices } from '../views/controls/Notices';
import { SkipControls } from '../views/controls/SkipControls';
import { TextControls } from '../views/controls/TextControls';
import { HighwayPanel } from '../views/panels/HighwayPanel';
import { DecompositionPanel } from '../views/panels/DecompositionPanel';
import { LensPanel } from '../views/panels/LensPanel';
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
import './layout.css';

// The lab and the tour load when first opened, so the explorer's first chart comes sooner.
const LabView = lazy(() => import('../views/lab/LabView').then((m) => ({ default: m.LabView })));
const TourView = lazy(() => import('../tour/TourView').then((m) => ({ default: m.TourView })));
const loadingView = <p data-testid="status">Loading…</p>;

export function App() {
  const residual = useApp((s) => s.models.residual);
  const loadError = useApp((s) => s.loadErrors.residual);
  const onStart = useTraces((t) => t.on?.start);
  // A refused trace (numbers that overflowed) is said in the panels, not waited for.
  const onError = useTraces((t) => t.errors.on);
  const view = useApp((s) => s.view);
  useStageKeys();
  useDropModel();
  useTheme();

  return (
    <main className="app">
      <header>
        <ThemePicker />
        <h1>Residual Stream Explorer</h1>
        <p className="lede">
          Why does <code>x = x + f(x)</code> work so much better than <code>x = f(x)</code>? A small
          transformer runs in your browser; type a sentence, switch the skip connections off, and
          step through the layers.
        </p>
      </header>
      <Notices />
      {loadError && (
        <p role="alert" className="inline-error" data-testid="error">
          {loadError}
        </p>
      )}
      {!residual && !loadError && <p data-testid="status">Loading the model…</p>}
      {residual && (
        <>
          <ViewTabs />
          {view === 'tour' ? (
            <div role="tabpanel" id="panel-tour" aria-labelledby="tab-tour">
              <Suspense fallback={loadingView}>
                <TourView />
              </Suspense>
            </div>
          ) : (
            <div role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`}>
              <div className="controls">
                <TextControls />
                <SkipControls />
              </div>
              <div className="model-row">
                <SourcePicker />
                <ModelSummary />
                <ModelFiles />
              </div>
              <LayerStepper />
              {!onStart && !onError ? (
                <p data-testid="status">Running the model…</p>
              ) : view === 'lab' ? (
                <Suspense fallback={loadingView}>
                  <LabView />
                </Suspense>
              ) : (
                <div className="explorer-body">
                  <HighwayPanel compact />
                  <div className="panels">
                    <UpdatePanel />
                    <StreamNormPanel />
                    <DecompositionPanel />
                    <SurvivalPanel />
                    <LensPanel />
                  </div>
                </div>
              )}
            </div>
          )}
        </>
      )}
    </main>
  );
}
