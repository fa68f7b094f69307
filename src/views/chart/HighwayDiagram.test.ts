import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { NormPlacement } from '../../worker/protocol';
import {
  addDrop,
  bandHeight,
  HighwayDiagram,
  keepInView,
  type HighwayProps,
} from './HighwayDiagram';

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

describe('the highway of a deep model', () => {
  it('shrinks its bands past 8 sublayers, to no less than 24 px, in both layouts', () => {
    expect(bandHeight(36, 8)).toBe(36);
    expect(bandHeight(36, 12)).toBe(24);
    expect(bandHeight(36, 10)).toBeCloseTo(28.8, 12);
    expect(bandHeight(58, 8)).toBe(58);
    expect(bandHeight(58, 16)).toBe(29);
    // GPT-2 small's 24 sublayers: 24 px bands, 24 × 24 + 144 = 720 px in all, where 58 px
    // bands made it 1,536 px, taller than a laptop's window.
    expect(bandHeight(58, 24)).toBe(24);
    const html = draw({
      nLayers: 12,
      measures: {
        stream: Array(25).fill(1),
        branch: Array(24).fill(1),
        skip: Array(24).fill(1),
        lesioned: Array(24).fill(false),
      },
    });
    expect(html).toMatch(/<svg width="\d+" height="720"/);
  });

  it("keeps every ⊕ clear of the points' dots, lit or not, down to 24 px bands", () => {
    const gap = (L: number) => {
      const S = 2 * L;
      const html = draw({
        nLayers: L,
        measures: {
          stream: Array(S + 1).fill(1),
          branch: Array(S).fill(1),
          skip: Array(S).fill(1),
          lesioned: Array(S).fill(false),
        },
      });
      const circles = (re: RegExp) =>
        [...html.matchAll(re)].map((m) => ({ y: Number(m[1]), r: Number(m[2]) }));
      const adds = circles(/class="hw-add"[^>]*><circle cx="[\d.]+" cy="([\d.]+)" r="([\d.]+)"/g);
      const dots = circles(/<circle class="hw-dot" cx="[\d.]+" cy="([\d.]+)" r="([\d.]+)"/g);
      expect(adds).toHaveLength(S);
      expect(dots.length).toBeGreaterThan(S);
      // The dots drawn are unlit but for the stage's: measure against the lit size everywhere.
      const lit = Math.max(...dots.map((d) => d.r));
      return Math.min(...adds.flatMap((a) => dots.map((d) => Math.abs(a.y - d.y) - a.r - lit)));
    };
    for (const L of [2, 4, 6, 12, 24]) expect(gap(L), `${L} layers`).toBeGreaterThanOrEqual(0);
    expect(addDrop(58)).toBeCloseTo(0.36 * 58, 12);
  });

  it('scrolls only as far as keeps the lit part in view with a margin', () => {
    // In view already, margin included: no jump.
    expect(keepInView(300, 100, 500, 60)).toBe(100);
    // Above the box: scrolled up to show it with the margin; never past the top.
    expect(keepInView(120, 100, 500, 60)).toBe(60);
    expect(keepInView(20, 100, 500, 60)).toBe(0);
    // Below: scrolled down just enough.
    expect(keepInView(1000, 100, 500, 60)).toBe(560);
    // A box smaller than two margins centres it instead.
    expect(keepInView(1000, 0, 80, 60)).toBe(1000 + 40 - 80);
  });
});
