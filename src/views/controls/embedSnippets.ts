import { EXPLORER_DEFAULTS, type ExplorerState } from '../../store/explorerSlice';
import { writeUrlState } from '../../store/url';
import { EMBED_PARAM, EMBED_SETTINGS, URL_NAMES } from '../../store/urlNames';

/**
 * The two ways to put a view in a post: a plain iframe, or the loader script and its element.
 * The element's attributes are the URL's own parameters (written, defaults dropped, by url.ts),
 * less the theme, which the script snippet leaves to the host page.
 */
export function embedSnippets(
  view: string,
  state: ExplorerState,
  appBase: string,
): { iframe: string; script: string } {
  // The app's view and tour chapter are where the reader is, not part of the embed: left out.
  const embedded = { ...state, view: EXPLORER_DEFAULTS.view, chapter: EXPLORER_DEFAULTS.chapter };
  const query = writeUrlState(embedded, new URLSearchParams({ [EMBED_PARAM]: view }));
  const src = new URL(query, appBase).href;
  const attrs: string[] = [`view="${view}"`];
  for (const [name, value] of new URLSearchParams(query)) {
    if (EMBED_SETTINGS.includes(name) && name !== URL_NAMES.theme) {
      attrs.push(`${name}="${escapeAttr(value)}"`);
    }
  }
  return {
    iframe: `<iframe src="${escapeAttr(src)}" title="Residual Stream Explorer: ${view}" width="100%" height="480" style="border:0" loading="lazy"></iframe>`,
    script: `<script src="${new URL('embed.js', appBase).href}" defer></script>\n<residual-explorer ${attrs.join(' ')}></residual-explorer>`,
  };
}

function escapeAttr(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
