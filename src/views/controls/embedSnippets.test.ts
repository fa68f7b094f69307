import { describe, expect, it } from 'vitest';
import { EXPLORER_DEFAULTS } from '../../store/explorerSlice';
import { parseUrlState } from '../../store/url';
import { embedSnippets } from './embedSnippets';

const base = 'https://example.org/blog/assets/rse/';

describe('embed snippets', () => {
  it('give an iframe whose URL restores the state, and a loader tag with the same attributes', () => {
    const state = {
      ...EXPLORER_DEFAULTS,
      text: 'the "big" dog <runs> .',
      skips: false,
      stage: 3,
      lesions: [1, 2],
    };
    const { iframe, script } = embedSnippets('lens', state, base);
    const src = /src="([^"]+)"/.exec(iframe)![1].replace(/&amp;/g, '&');
    const url = new URL(src);
    expect(url.origin + url.pathname).toBe(base);
    expect(url.searchParams.get('embed')).toBe('lens');
    expect(parseUrlState(url.search).state).toMatchObject({
      text: 'the "big" dog <runs> .',
      skips: false,
      stage: 3,
      lesions: [1, 2],
    });
    expect(script).toContain(`<script src="${base}embed.js" defer></script>`);
    expect(script).toContain(
      '<residual-explorer view="lens" text="the &quot;big&quot; dog &lt;runs&gt; ." skips="off" step="3" lesion="1,2">',
    );
  });

  it('leave out the app view and tour chapter they were copied from', () => {
    const state = { ...EXPLORER_DEFAULTS, view: 'highway' as const, chapter: 'caveats', stage: 2 };
    const { iframe } = embedSnippets('highway', state, base);
    const src = /src="([^"]+)"/.exec(iframe)![1].replace(/&amp;/g, '&');
    expect(new URL(src).search).toBe('?embed=highway&step=2');
  });

  it('leave defaults out', () => {
    expect(embedSnippets('norms', EXPLORER_DEFAULTS, base).script).toContain(
      '<residual-explorer view="norms"></residual-explorer>',
    );
  });
});
