/**
 * Peak memory of dropping a GPT-2 file on the page (docs/PERFORMANCE.md, "A dropped file"): the
 * built page (dist/, after `npm run build`) served by e2e/static-server.mjs, the file given to its
 * file input, and the resident memory of every process of the browser summed every 20 ms from
 * just before the drop until 3 s after "Loaded". A page gets no figure of its own memory without
 * cross-origin isolation, so this reads Linux's /proc.
 *
 *   npm run bench:drop   (BENCH_GPT2_FILE names the file; by default the random GPT-2 small)
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import { gpt2File } from './realModelPage';

const PORT = 4178;
const SAMPLE_MS = 20;

/** A process and its descendants, given each process's parent. */
export function processTree(root: number, parentOf: ReadonlyMap<number, number>): number[] {
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
  }
  return tree;
}

/** Every process's parent, from /proc/<pid>/stat (its fourth field, after the name in brackets). */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      out.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while the table was read.
    }
  }
  return out;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** Resident MB of a process; 0 once it has ended. */
function residentMB(pid: number): number {
  try {
    const kB = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kB ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const file = gpt2File().path;
  if (!file) throw new Error('no GPT-2-shaped file: set BENCH_GPT2_FILE');
  const server = spawn(process.execPath, ['e2e/static-server.mjs', 'dist', String(PORT)], {
    stdio: 'ignore',
  });
  process.on('exit', () => server.kill());
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    // The browser's own process is this one's child (beside the server and esbuild's); its
    // renderers and workers descend from it.
    const root = [...parents()].find(
      ([pid, parent]) => parent === process.pid && commandOf(pid).includes('--remote-debugging'),
    );
    if (!root) throw new Error('the browser process was not found');
    const total = () => processTree(root[0], parents()).reduce((s, p) => s + residentMB(p), 0);
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByTestId('model-file').waitFor({ state: 'attached', timeout: 60_000 });
    // The small models loaded and traced: the page as a reader has it before the drop.
    await page.waitForTimeout(5000);
    const before = total();
    let peak = before;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, total());
        await new Promise((r) => setTimeout(r, SAMPLE_MS));
      }
    })();
    const t0 = Date.now();
    await page.getByTestId('model-file').setInputFiles(file);
    await page
      .getByTestId('notices')
      .getByText(`Loaded ${basename(file)}`)
      .waitFor({ timeout: 300_000 });
    const seconds = (Date.now() - t0) / 1000;
    await page.waitForTimeout(3000);
    sampling = false;
    await sampler;
    console.log(
      `drop of ${file}: loaded in ${seconds.toFixed(1)} s; the browser's resident memory ` +
        `${before.toFixed(0)} MB before, peak +${(peak - before).toFixed(0)} MB, ` +
        `+${(total() - before).toFixed(0)} MB 3 s after "Loaded"`,
    );
  } finally {
    await browser.close();
  }
}

// Only when run: the test imports processTree alone.
if (process.argv[1]?.endsWith('dropMemory.ts')) {
  main()
    .catch((e) =>
      console.error(`bench:drop could not finish: ${e instanceof Error ? e.message : e}`),
    )
    .finally(() => process.exit());
}
