import { describe, expect, it } from 'vitest';
import { f32KernelsFor, loadGpt2Kernels } from './select';

// A file of its own: each test file gets fresh modules, so here GPT-2's kernels start unloaded.
describe('GPT-2’s attention kernels', () => {
  it('are a module of their own: head size 64 is served once loadGpt2Kernels has run', async () => {
    const k = f32KernelsFor(new Float32Array(1))!;
    expect(k.attentionFits(768, 12)).toBe(false); // the TS op serves until then
    expect(k.attentionFits(64, 2)).toBe(true); // the core module's head size 32
    const loads = [loadGpt2Kernels(), loadGpt2Kernels()];
    expect(loads[0]).toBe(loads[1]); // fetched and compiled once
    expect(await loads[0]).toBe(true);
    expect(k.attentionFits(768, 12)).toBe(true);
  });
});
