import { beforeEach, describe, expect, it } from 'vitest';
import { traceRequests } from './bridge';
import { EXPLORER_DEFAULTS } from './explorerSlice';
import type { ModelInfo, ModelSlot } from '../worker/protocol';
import { useApp } from './store';

const model = (slot: ModelSlot, nLayers: number): ModelInfo => ({
  slot,
  source: 'test',
  vocabSize: 10,
  dModel: 8,
  nHeads: 2,
  headsAssumed: false,
  nLayers,
  contextLength: 16,
  skipStrength: 1,
  norm: 'pre',
  parameterCount: 0,
  tokenizer: 'words',
  vocab: [],
});

beforeEach(() =>
  useApp.setState({
    ...EXPLORER_DEFAULTS,
    linkKeys: [],
    notices: [],
    models: {},
    loadErrors: {},
  }),
);

describe('store transitions', () => {
  it('falls back to the shipped models, saying so, when a link asks for a lab pair not loaded', () => {
    const s = useApp.getState();
    s.applyExplorer({ source: 'lab', stage: 20 });
    expect(useApp.getState().source).toBe('lab');
    s.modelLoaded(model('residual', 4));
    expect(useApp.getState()).toMatchObject({ source: 'trained', stage: 9 });
    expect(useApp.getState().notices.map((n) => n.text)).toEqual([
      expect.stringMatching(/lab’s models are not in this page.*shipped models are shown/),
    ]);
    // Once the lab's pair is loaded, it can be chosen.
    s.modelLoaded(model('lab-residual', 2));
    s.setSource('lab');
    expect(useApp.getState()).toMatchObject({ source: 'lab', stage: 5 });
  });

  it('forgets a slot’s lesion sweep when a new model is loaded into it, and only that slot’s', () => {
    const sweep = {
      intact: 1,
      lesioned: new Float32Array(4),
      predictionChange: new Float32Array(4),
    };
    useApp.setState({ lesionResults: { gpt2: sweep, residual: sweep } });
    useApp.getState().modelLoaded(model('gpt2', 2));
    expect(useApp.getState().lesionResults.gpt2).toBeUndefined();
    expect(useApp.getState().lesionResults.residual).toBe(sweep);
  });

  it('drops lesions the model has no sublayer for, naming them, once the model is known', () => {
    const s = useApp.getState();
    // A link read before any model has loaded keeps them: the model's size is not known yet.
    s.applyExplorer({ lesions: [1, 8, 9] });
    expect(useApp.getState().lesions).toEqual([1, 8, 9]);
    s.modelLoaded(model('residual', 4));
    expect(useApp.getState().lesions).toEqual([1]);
    expect(useApp.getState().notices.map((n) => n.text)).toEqual([
      'This model has sublayers 0 to 7; lesions 8, 9 were dropped.',
    ]);
    // A host's set() after the model has loaded: the lesion the model has stays.
    s.applyExplorer({ lesions: [7, 8] });
    expect(useApp.getState().lesions).toEqual([7]);
    expect(useApp.getState().notices.at(-1)?.text).toBe(
      'This model has sublayers 0 to 7; lesion 8 was dropped.',
    );
    // A smaller lab model drops what it has not.
    s.modelLoaded(model('lab-residual', 2));
    s.applyExplorer({ lesions: [3, 7] });
    s.setSource('lab');
    expect(useApp.getState().lesions).toEqual([3]);
  });

  it('toggles lesions, keeping them sorted and unique', () => {
    const s = useApp.getState();
    s.toggleLesion(5);
    s.toggleLesion(1);
    s.toggleLesion(3);
    s.toggleLesion(5);
    expect(useApp.getState().lesions).toEqual([1, 3]);
  });

  it("forgets the opening link's keys once the view changes", () => {
    const s = useApp.getState();
    s.applyExplorer({ view: 'tour', source: 'init', linkKeys: ['view', 'source'] });
    expect(useApp.getState().linkKeys).toEqual(['view', 'source']);
    s.applyExplorer({ stage: 3 });
    expect(useApp.getState().linkKeys).toEqual(['view', 'source']);
    s.setView('lab');
    expect(useApp.getState().linkKeys).toEqual([]);
    s.applyExplorer({ view: 'tour', linkKeys: ['view'] });
    s.applyExplorer({ view: 'explorer' });
    expect(useApp.getState().linkKeys).toEqual([]);
  });

  it('clamps α and the stage, and a new text resets the selected word', () => {
    const s = useApp.getState();
    s.setSkipStrength(3);
    expect(useApp.getState().skipStrength).toBe(1);
    s.setSkipStrength(NaN);
    expect(useApp.getState().skipStrength).toBe(0);
    s.setStage(-4);
    expect(useApp.getState().stage).toBe(0);
    s.setToken(2);
    s.setText('a new sentence');
    expect(useApp.getState().token).toBe(-1);
  });

  it('holds the stage inside the model shown, once one has loaded', () => {
    const s = useApp.getState();
    // A link read before any model loads keeps its stage until the model says how deep it is.
    s.applyExplorer({ stage: 40 });
    expect(useApp.getState().stage).toBe(40);
    s.modelLoaded(model('residual', 4));
    expect(useApp.getState().stage).toBe(9);
    s.setStage(12);
    expect(useApp.getState().stage).toBe(9);
    // A deeper lab pair lets the stepper go further; back on a shallower model it is pulled in.
    s.modelLoaded(model('lab-residual', 8));
    s.applyExplorer({ source: 'lab', stage: 15 });
    expect(useApp.getState().stage).toBe(15);
    s.setSource('trained');
    expect(useApp.getState().stage).toBe(9);
    // The untrained twin has the shipped model's shape.
    s.applyExplorer({ source: 'init', stage: 30 });
    expect(useApp.getState().stage).toBe(9);
  });

  it('does not repeat a notice that is already shown, and dismisses by id', () => {
    const s = useApp.getState();
    s.notify('warning', 'same');
    s.notify('warning', 'same');
    expect(useApp.getState().notices).toHaveLength(1);
    s.dismiss(useApp.getState().notices[0].id);
    expect(useApp.getState().notices).toHaveLength(0);
  });

  it('"off" means the plain-trained model, or the skip-trained model at inference α', () => {
    const trained = traceRequests({ ...useApp.getState(), offMode: 'trained' });
    expect(trained.on).toMatchObject({ slot: 'residual', skipStrength: null });
    expect(trained.off).toMatchObject({ slot: 'plain', skipStrength: null });
    const removed = traceRequests({ ...useApp.getState(), offMode: 'removed', skipStrength: 0.25 });
    expect(removed.off).toMatchObject({ slot: 'residual', skipStrength: 0.25 });
    const init = traceRequests({ ...useApp.getState(), source: 'init', offMode: 'trained' });
    expect([init.on.slot, init.off.slot]).toEqual(['init-residual', 'init-plain']);
    const lab = traceRequests({
      ...useApp.getState(),
      source: 'lab',
      offMode: 'removed',
      skipStrength: 0,
    });
    expect([lab.on.slot, lab.off.slot]).toEqual(['lab-residual', 'lab-residual']);
  });
});
