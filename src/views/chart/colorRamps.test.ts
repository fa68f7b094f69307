import * as chromatic from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { interpolateBlues, interpolateOranges, interpolateRdBu } from './colorRamps';

describe('colour ramps', () => {
  const ours = { interpolateBlues, interpolateOranges, interpolateRdBu };
  it.each(Object.keys(ours) as (keyof typeof ours)[])(
    '%s gives d3-scale-chromatic’s colour everywhere on [0, 1] and clamps outside it',
    (name) => {
      for (let i = -5; i <= 1005; i++) {
        const t = i / 1000;
        expect(ours[name](t), `t = ${t}`).toBe(chromatic[name](t));
      }
    },
  );
});
