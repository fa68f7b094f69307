import { spawn } from 'node:child_process';
import { realModelPage } from './bench/realModelPage';
const server = spawn(process.execPath, ['e2e/static-server.mjs', 'dist', '4322'], { stdio: 'ignore', env: { ...process.env, RSE_MIRROR_WEIGHTS: process.env.BENCH_GPT2_FILE } });
process.on('exit', () => server.kill());
await new Promise((r) => setTimeout(r, 500));
const out = {};
try { await realModelPage({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] }, 'http://127.0.0.1:4322/', { width: 1280, height: 900 }, out); } catch (e) { console.log('ERR', e); }
console.log(out);
process.exit(0);
