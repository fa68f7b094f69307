import { describe, expect, it } from 'vitest';
import { firstAfter, isNormsDrawn, isPhase, longTasksIn, type Moment } from './pageMoments';

const SMALL = 'Residual norm at the embedding to 3.1 at the output';
const GPT2 = 'Residual norm at the embedding to 412.0 at the output';

/** A download as the page notes it: the click, the phases, the chart redrawn, two long tasks. */
const download: Moment[] = [
  { what: 'norms', value: SMALL, at: 100 },
  { what: 'click', at: 1000 },
  { what: 'phase', value: 'downloading', at: 1010 },
  { what: 'longTask', at: 1500, ms: 70 },
  { what: 'phase', value: 'loaded', at: 9000 },
  { what: 'norms', value: 'Residual norm at 12 of 25 points', at: 9200 },
  { what: 'longTask', at: 9300, ms: 120.4 },
  { what: 'norms', value: GPT2, at: 9450 },
];

describe('the phases bench:ui reads off the page’s record', () => {
  it('times from the click to the page saying loaded, then to the whole chart of the new model', () => {
    const click = firstAfter(download, 500, (m) => m.what === 'click', 'click');
    const loaded = firstAfter(download, click.at, isPhase('loaded'), 'loaded');
    const drawn = firstAfter(download, click.at, isNormsDrawn(SMALL), 'chart');
    expect(loaded.at - click.at).toBe(8000);
    // Not the small model's chart drawn before, nor the chart with half its points.
    expect(drawn.at - loaded.at).toBe(450);
  });

  it('names what the page never noted', () => {
    expect(() => firstAfter(download, 9500, isPhase('loaded'), "'loaded' from the cache")).toThrow(
      "the page noted no 'loaded' from the cache",
    );
  });

  it('counts a long task in the phase it began in', () => {
    expect(longTasksIn(download, 1000, 9000)).toEqual({ count: 1, longestMs: 70 });
    expect(longTasksIn(download, 9000, 9450)).toEqual({ count: 1, longestMs: 120 });
    expect(longTasksIn(download, 0, 1000)).toEqual({ count: 0, longestMs: 0 });
  });
});
