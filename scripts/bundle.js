#!/usr/bin/env node
// Part of `npm run build` (after tsc): bundles the library (src/index.ts and everything it imports) into one
// CommonJS file, dist/tilite.cjs, which the package entry (src/package-entry) loads through a V8 code cache.
// One file instead of ~260 ES modules removes the module loader's per-file work from start-up.
// lmdb stays external and is still required only when a persistent database is opened.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'tilite.cjs');

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/index.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['lmdb'],
  // Whitespace and syntax only: identifiers keep their names, so stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  legalComments: 'none',
  // import.meta.url (src/util/lazy-builtin.ts on Node < 20.16) as the bundle file's URL.
  define: { 'import.meta.url': '__tiliteBundleUrl' },
  banner: { js: 'var __tiliteBundleUrl=require("node:url").pathToFileURL(__filename).href;' },
  write: false,
  logLevel: 'warning',
});

for (const file of result.outputFiles) {
  if (file.path !== outfile) {
    writeFileSync(file.path, file.contents);
    continue;
  }
  const code = file.text;
  // The bundle runs as a classic script (vm.Script) without a dynamic-import callback.
  if (/\bimport\(/.test(code)) throw new Error('dist/tilite.cjs contains import(): bundle that module or require() it');
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 32);
  // Read by the loader to name the code cache; appended last so the source map's lines stay valid.
  writeFileSync(file.path, `${code}//# tiliteBundleHash=${hash}\n`);
}
