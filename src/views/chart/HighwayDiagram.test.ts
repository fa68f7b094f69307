import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { NormPlacement } from '../../worker/protocol';
import { bandHeight, HighwayDiagram, type HighwayProps } from './HighwayDiagram';

const L = 2;
const S = 2 * L;
const props = (over: Partial<HighwayProps>): HighwayProps => ({
  nLayers: L,
  norm: 'pre',
  skipStrength: 1,
  measures: {
    stream: [1, 2, 3, 4, 5],
    branch: [1, 1, 1, 1],
    skip: [1, 2, 3, 4],
    lesioned: [false, false, false, false],
  },
  gradient: [],
  backward: false,
  normMax: 5,
  gradDomain: [1e-3, 1],
  stage: 0,
  onStage: () => {},
  ...over,
});
const draw = (over: Partial<HighwayProps>) =>
  renderToStaticMarkup(createElement(HighwayDiagram, props(over)));
const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;

describe('the highway diagram', () => {
  it('draws each LayerNorm where the norm placement puts it', () => {
    const where = (norm: NormPlacement) => {
      const html = draw({ norm });
      return {
        branch: count(html, /data-place="branch"/g),
        stream: count(html, /data-place="stream"/g),
        final: count(html, /data-place="final"/g),
      };
    };
    // Pre-LN reads each sublayer's input through a norm on its branch; post-LN normalises the
    // stream after each add; with none, only the final LayerNorm before the unembedding is left.
    expect(where('pre')).toEqual({ branch: S, stream: 0, final: 1 });
    expect(where('post')).toEqual({ branch: 0, stream: S, final: 1 });
    expect(where('none')).toEqual({ branch: 0, stream: 0, final: 1 });
  });

  it('cuts every skip at α = 0 and keeps the one around a removed sublayer', () => {
    const cut = draw({
      skipStrength: 0,
      measures: {
        ...props({}).measures,
        skip: [0, 0, 3, 0],
        lesioned: [false, false, true, false],
      },
    });
    expect(count(cut, /data-testid="hw-cut"/g)).toBe(S - 1);
    expect(count(cut, /data-testid="hw-skip"/g)).toBe(1);
    expect(count(cut, /data-removed="true"/g)).toBe(1);
  });
});

describe('the compact highway of a deep model', () => {
  it('shrinks its bands past 8 sublayers, to no less than 24 px; the full view keeps its own', () => {
    expect(bandHeight(36, 8, true)).toBe(36);
    expect(bandHeight(36, 12, true)).toBe(24);
    expect(bandHeight(36, 24, true)).toBe(24);
    expect(bandHeight(36, 10, true)).toBeCloseTo(28.8, 12);
    expect(bandHeight(58, 24, false)).toBe(58);
  });
});
