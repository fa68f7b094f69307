import { EXPLORER_DEFAULTS, type ExplorerState } from '../../store/explorerSlice';
import { writeUrlState } from '../../store/url';

/** The two ways to put a view in a post: a plain iframe, or the loader script and its element. */
export function embedSnippets(
  view: string,
  state: ExplorerState,
  appBase: string,
): { iframe: string; script: string } {
  const query = writeUrlState(state, new URLSearchParams({ embed: view }));
  const src = new URL(query, appBase).href;
  const attrs: string[] = [`view="${view}"`];
  const add = (name: string, value: string) => attrs.push(`${name}="${escapeAttr(value)}"`);
  if (state.text !== EXPLORER_DEFAULTS.text) add('text', state.text);
  if (state.source !== EXPLORER_DEFAULTS.source) add('source', state.source);
  if (!state.skips) add('skips', 'off');
  if (state.offMode !== EXPLORER_DEFAULTS.offMode) add('off', state.offMode);
  if (state.skipStrength !== EXPLORER_DEFAULTS.skipStrength)
    add('alpha', String(state.skipStrength));
  if (state.step !== EXPLORER_DEFAULTS.step) add('step', String(state.step));
  if (state.token !== EXPLORER_DEFAULTS.token) add('token', String(state.token));
  if (state.lesions.length > 0) add('lesion', state.lesions.join(','));
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
