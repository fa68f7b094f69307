import type { Notice, NoticeAction } from './engineSlice';

let nextNotice = 1;

/**
 * The notices with one more, unless the same words are already there (twice would be noise).
 * Pure, so any slice can add a notice in the same update as the change it explains.
 */
export function withNotice(
  notices: Notice[],
  kind: Notice['kind'],
  text: string,
  action?: NoticeAction,
): Notice[] {
  if (notices.some((n) => n.text === text)) return notices;
  return [...notices, { id: nextNotice++, kind, text, ...(action ? { action } : {}) }];
}
