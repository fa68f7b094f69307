/**
 * The URL's parameter names, in one table read by the app's URL (url.ts), the embed's host API
 * and loader script, and the embed snippets. It imports nothing on purpose: the loader (embed.js)
 * is a standalone script of about 4.5 KB and must not pull the store in with it.
 */

/** The URL name of each piece of state a link carries (short, since people share these links). */
export const URL_NAMES = {
  text: 'text',
  source: 'source',
  realModel: 'model',
  skips: 'skips',
  offMode: 'off',
  skipStrength: 'alpha',
  stage: 'step',
  token: 'token',
  lesions: 'lesion',
  view: 'view',
  chapter: 'chapter',
  theme: 'theme',
} as const;

export type UrlKey = keyof typeof URL_NAMES;

/** `?embed=<view>` shows that view alone; the app's own URL keeps it and does not read it. */
export const EMBED_PARAM = 'embed';

/**
 * What a host page may set on an embedded view, by URL name: all but the view and the tour
 * chapter, which belong to the embed itself. (A host may also give `layer`; see hostApi.)
 * `model` (the real model, a download of hundreds of MB) only when the host writes it: the
 * snippets the app writes leave it out (views/controls/embedSnippets.ts).
 */
export const EMBED_SETTINGS: readonly string[] = (
  [
    'text',
    'source',
    'realModel',
    'skips',
    'offMode',
    'skipStrength',
    'stage',
    'token',
    'lesions',
    'theme',
  ] as const
).map((key) => URL_NAMES[key]);
