import { describe, expect, it } from 'vitest';
import { firstMinuteState } from './firstMinute';
import { lastStage, stageSublayer } from '../store/positions';

describe('the first minute of a bare link', () => {
  it('starts past the embedding and plays through the layers', () => {
    const s = firstMinuteState(4, false);
    expect(s.playing).toBe(true);
    expect(s.stage).toBeGreaterThan(0);
    expect(stageSublayer(s.stage!, 4)).toBe(0);
  });

  it('holds still on the last sublayer for a reader who asked for less motion', () => {
    const s = firstMinuteState(4, true);
    expect(s.playing).toBeUndefined();
    expect(s.stage).toBe(lastStage(4) - 1);
    expect(stageSublayer(s.stage!, 4)).toBe(7);
  });
});
