/**
 * npm run build:wasm: compiles src/engine/kernels/source.ts (WAT, by wabt) and writes the
 * bytes, one character per byte, to src/engine/kernels/kernels.generated.ts, which the engine instantiates
 * synchronously (no fetch). A unit test fails when the checked-in file is stale.
 */
import { writeFileSync } from 'node:fs';
import { compileKernels, GENERATED, generatedModule } from './wasm/compile';

for (const { file, name, wat } of GENERATED) {
  const out = new URL(`../src/engine/kernels/${file}`, import.meta.url);
  const bytes = await compileKernels(wat()).catch((e: Error) => {
    // wabt's message has the file:line:column of each WAT error; its stack is minified noise.
    console.error(e.message);
    process.exit(1);
  });
  writeFileSync(out, generatedModule(bytes, name));
  console.log(`wrote ${out.pathname}: ${bytes.length} bytes of WebAssembly`);
}
