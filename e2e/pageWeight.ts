import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';

/**
 * docs/PERFORMANCE.md's budget for what a bare link downloads before its first chart: the
 * entry script, the chunks it needs and the engine worker (with its WebAssembly), gzipped.
 */
export const PAGE_CODE_BUDGET_KB = 150;

/**
 * The scripts and WebAssembly the page has fetched so far, gzipped as a static host would
 * serve them from `dist` (the e2e test's budget check and `npm run bench:ui` share this).
 */
export async function codeLoadedGzipKB(page: Page, dist = 'dist'): Promise<number> {
  const loaded = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith('.js') || p.endsWith('.wasm')),
  );
  // The worker's own resources are in its own timeline; its script is the page's entry.
  const workers = await Promise.all(
    page.workers().map((w) =>
      w.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name).pathname)
          .filter((p) => p.endsWith('.js') || p.endsWith('.wasm')),
      ),
    ),
  );
  // The same file fetched by page and worker counts once; a sub-path prefix is not in dist.
  const files = new Set(
    [...loaded, ...workers.flat()].map((p) => p.slice(p.lastIndexOf('/assets/'))),
  );
  let bytes = 0;
  for (const p of files) bytes += gzipSync(readFileSync(join(dist, p))).length;
  return +(bytes / 1024).toFixed(1);
}
