#!/usr/bin/env node
// Entry point of the `tilite` command: runs the compiled CLI (dist/src/cli/main.js).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mainJs = join(root, 'dist', 'src', 'cli', 'main.js');

if (!existsSync(mainJs)) {
  console.error(`tilite is not built: ${mainJs} is missing. Run \`npm run build\` in ${root}.`);
  process.exitCode = 1;
} else {
  const { main } = await import(pathToFileURL(mainJs).href);
  process.exitCode = await main(process.argv.slice(2));
}
