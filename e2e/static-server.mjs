// Serves dist/ the way a static host would, for the end-to-end tests: at the root and under a
// sub-path (as GitHub Pages or a Jekyll assets folder would), every response under a strict
// Content-Security-Policy, so the tests prove the app needs no eval and no inline script.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 4173);
export const SUB_PATH = '/blog/assets/residual-explorer/';
export const CSP = [
  "default-src 'self'",
  // WebAssembly compilation is allowed; JavaScript eval is not.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.safetensors': 'application/octet-stream',
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * A mirror of Hugging Face's GPT-2 folders for the real model's tests (e2e/realModel.spec.ts),
 * serving the committed tiny GPT-2 as any model's files: `/test-mirror/<mode>/<org>/<model>/
 * resolve/main/model.safetensors` (and `config.json`), where mode is `ok`, `slow` (a trickle,
 * to see progress and cancel), or `truncated` (half the announced length, then a hang-up). Any
 * other mode answers 404.
 */
const MIRROR =
  /^\/test-mirror\/(ok|slow|truncated)\/[\w-]+\/[\w-]+\/resolve\/main\/(model\.safetensors|config\.json)$/;
const FIXTURE = resolve('fixtures/gpt2/tiny-f32');
/**
 * A GPT-2-shaped weights file served as the mirror's model instead (npm run bench:ui times the
 * page on it); its config.json is then missing, as the published sizes need none.
 */
const MIRROR_WEIGHTS = process.env.RSE_MIRROR_WEIGHTS;

function mirror(res, mode, name) {
  if (MIRROR_WEIGHTS && name === 'config.json') return res.writeHead(404).end();
  const body = readFileSync(
    MIRROR_WEIGHTS && name === 'model.safetensors' ? MIRROR_WEIGHTS : join(FIXTURE, name),
  );
  res.writeHead(200, {
    'Content-Type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
    'Content-Length': body.length,
    'Content-Security-Policy': CSP,
    'Cache-Control': 'no-store',
  });
  if (mode === 'ok' || name.endsWith('.json')) return res.end(body);
  if (mode === 'truncated')
    return res.write(body.subarray(0, body.length >> 1), () => res.destroy());
  // 40 kB every 100 ms: about 2 s for the fixture's 817 kB.
  let at = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    const next = Math.min(body.length, at + 40_000);
    res.write(body.subarray(at, next));
    at = next;
    if (at === body.length) {
      clearInterval(timer);
      res.end();
    }
  }, 100);
  res.on('close', () => clearInterval(timer));
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let path = decodeURIComponent(url.pathname);
  const mirrored = MIRROR.exec(path);
  if (mirrored) return mirror(res, mirrored[1], mirrored[2]);
  if (path.startsWith(SUB_PATH)) path = '/' + path.slice(SUB_PATH.length);
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  let size;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    res
      .writeHead(404, { 'Content-Type': 'text/plain', 'Content-Security-Policy': CSP })
      .end('not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
    'Content-Security-Policy': CSP,
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () =>
  console.log(`serving ${root} on http://127.0.0.1:${port}/ and ${SUB_PATH}`),
);
