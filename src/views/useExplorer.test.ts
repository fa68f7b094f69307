import { describe, expect, it } from 'vitest';
import { offChannelName } from './useExplorer';

describe('naming the "off" channel', () => {
  it('names the model, or the α the trace removed its skips to', () => {
    expect(offChannelName({ slot: 'plain', skipStrength: null })).toBe('trained without skips');
    expect(offChannelName({ slot: 'lab-plain', skipStrength: null })).toBe('trained without skips');
    expect(offChannelName({ slot: 'init-plain', skipStrength: null })).toBe(
      'untrained, without skips',
    );
    expect(offChannelName({ slot: 'residual', skipStrength: 0.25 })).toBe(
      'skips removed (α = 0.25)',
    );
  });
});
