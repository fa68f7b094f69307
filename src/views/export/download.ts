/**
 * Chromium silently drops downloads that a page starts in a quick burst: a figure with several
 * drawings (the lab's two cosine maps and their keys) saves one file each, and when its SVG and
 * PNG buttons were used back to back the last PNG never arrived. So the links are clicked one at
 * a time, at least this long apart; every file still comes, only spread over a moment.
 */
const GAP_MS = 250;
let next = 0;

/** Saves a blob as a file through a temporary link (no server round trip, no new window). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const now = Date.now();
  const at = Math.max(now, next);
  next = at + GAP_MS;
  const save = () => {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  if (at === now) save();
  else setTimeout(save, at - now);
}
