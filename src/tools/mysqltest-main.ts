// CLI: npm run mysqltest -- <t/X.test files or directories> [--verbose] [--max-differences N]
// Without arguments runs every test of the tidb-partition corpus.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { corporaDir, loadTiLite } from './engine.js';
import { formatDifference, type MtFileResult, runMysqltestFile } from './mysqltest.js';
import { tuneHeapForStatements } from '../util/process-heap.js';

function collect(path: string, out: string[]): void {
  if (statSync(path).isDirectory()) {
    for (const e of readdirSync(path).sort()) collect(join(path, e), out);
  } else if (path.endsWith('.test')) {
    out.push(path);
  }
}

function pct(c: { passed: number; failed: number }): string {
  const total = c.passed + c.failed;
  return `${c.passed}/${total}${total > 0 ? ` (${((c.passed / total) * 100).toFixed(1)}%)` : ''}`;
}

export async function main(argv: string[]): Promise<number> {
  let verbose = false;
  let maxShown = 5;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--verbose' || a === '-v') verbose = true;
    else if (a === '--max-differences') maxShown = Number(argv[++i]);
    else {
      // A path as given, else relative to the corpus folder or to its t/ folder.
      const corpus = join(corporaDir(), 'tidb-partition');
      const found = [resolve(a), join(corpus, a), join(corpus, 't', a)].find((p) => existsSync(p));
      if (!found) throw new Error(`no such test file or directory: ${a}`);
      collect(found, files);
    }
  }
  if (argv.every((a) => a.startsWith('-'))) collect(join(corporaDir(), 'tidb-partition', 't'), files);
  const TiLite = await loadTiLite();
  const results: MtFileResult[] = [];
  for (const file of files) {
    const r = await runMysqltestFile(file, {
      open: () => TiLite.open(),
      maxDifferencesShown: verbose ? 1000 : maxShown,
    });
    results.push(r);
    console.log(
      `${file}: non-explain ${pct(r.other)}, explain ${pct(r.explain)}, ${r.skipped} skipped, ` +
        `${(r.ms / 1000).toFixed(1)}s${r.error ? ` ERROR ${r.error}` : ''}`,
    );
    for (const d of r.differences) console.log(formatDifference(d));
  }
  const sum = (f: (r: MtFileResult) => number) => results.reduce((s, r) => s + f(r), 0);
  const passed = sum((r) => r.other.passed + r.explain.passed);
  const failed = sum((r) => r.other.failed + r.explain.failed);
  const skipped = sum((r) => r.skipped);
  console.log(
    `total: non-explain ${pct({ passed: sum((r) => r.other.passed), failed: sum((r) => r.other.failed) })}, ` +
      `explain ${pct({ passed: sum((r) => r.explain.passed), failed: sum((r) => r.explain.failed) })}`,
  );
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed > 0 || results.some((r) => r.error) ? 1 : 0;
}

tuneHeapForStatements();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    console.log('0 passed, 0 failed, 0 skipped');
    process.exitCode = 1;
  },
);
