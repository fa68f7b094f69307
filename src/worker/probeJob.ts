import { streamProbes, type ProbeCurve } from '../analysis/probes';
import type { Model } from '../engine/model';
import type { ProbeCurveResult, ProbeRequest, Probed } from './protocol';

const wire = (c: ProbeCurve): ProbeCurveResult => ({
  accuracy: Float32Array.from(c.accuracy),
  majority: c.majority,
  fitted: c.fitted,
  scored: c.scored,
});

/**
 * Linear probes for word, position and the head noun's number at every residual point of one
 * model, as the page receives them. A few seconds of work for the shipped size (C = 64), in one
 * go: the fits are closed-form, so there is no step to report progress at.
 */
export function probeJob(model: Model, req: ProbeRequest): Probed {
  const r = streamProbes(model, { seed: req.seed });
  return {
    type: 'probed',
    id: req.id,
    slot: req.slot,
    word: wire(r.word),
    position: wire(r.position),
    agreement: wire(r.agreement),
  };
}
