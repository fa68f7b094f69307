import { describe, expect, it } from 'vitest';
import { offChannelName } from './useExplorer';

describe('naming the "off" channel', () => {
  it('names the model, or the α the trace removed its skips to', () => {
    expect(offChannelName({ slot: 'plain', skipStrength: null })).toBe('trained without skips');
    expect(offChannelName({ slot: 'lab-plain', skipStrength: null })).toBe('trained without skips');
    expect(offChannelName({ slot: 'init-plain', skipStrength: null })).toBe(
      'untrained, without skips',
    );
    expect(offChannelName({ slot: 'residual', skipStrength: 0 })).toBe('skips removed (α = 0)');
    expect(offChannelName({ slot: 'residual', skipStrength: 0.25 })).toBe(
      'skips weakened (α = 0.25)',
    );
  });

  it('names GPT-2’s "off" channel as weakened now, even to α = 0: it has no model without skips', () => {
    expect(offChannelName({ slot: 'gpt2', skipStrength: 0 })).toBe('skips weakened now (α = 0)');
    expect(offChannelName({ slot: 'gpt2', skipStrength: 0.5 })).toBe(
      'skips weakened now (α = 0.5)',
    );
    expect(offChannelName({ slot: 'gpt2', skipStrength: 1 })).toBe('full skips (α = 1)');
  });

  it('never calls the full skip (α = 1) removed or off', () => {
    const name = offChannelName({ slot: 'residual', skipStrength: 1 });
    expect(name).toBe('full skips (α = 1)');
    expect(name).not.toMatch(/removed|off/);
  });
});
