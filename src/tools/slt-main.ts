// CLI: npm run slt -- [--list SMOKE.txt | files...] [--verbose] [--min-pass-rate 0.97] [--max-failures N]
//   [--json OUT] (per-file results as JSON, for scripts/run-tests.js)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { corporaDir, loadTiLite } from './engine.js';
import { formatFailure, runSltFile, type SltFileResult } from './slt.js';
import { tuneHeapForStatements } from '../util/process-heap.js';

interface Args {
  files: string[];
  verbose: boolean;
  minPassRate: number;
  maxFailures: number;
  json?: string;
}

/** A list file names corpus files relative to itself; a bare list name is looked up in the corpus. */
function readList(list: string): string[] {
  const sltDir = join(corporaDir(), 'sqllogictest');
  const path = existsSync(list) ? resolve(list) : join(sltDir, list);
  const base = dirname(path);
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => (isAbsolute(l) ? l : join(base, l)));
}

function resolveFile(f: string): string {
  if (existsSync(f)) return resolve(f);
  const inCorpus = join(corporaDir(), 'sqllogictest', f);
  return existsSync(inCorpus) ? inCorpus : resolve(f);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { files: [], verbose: false, minPassRate: 0, maxFailures: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--list') args.files.push(...readList(argv[++i]));
    else if (a === '--verbose' || a === '-v') args.verbose = true;
    else if (a === '--min-pass-rate') args.minPassRate = Number(argv[++i]);
    else if (a === '--max-failures') args.maxFailures = Number(argv[++i]);
    else if (a === '--json') args.json = argv[++i];
    else args.files.push(resolveFile(a));
  }
  return args;
}

function pct(passed: number, total: number): string {
  return total === 0 ? '100.0' : ((passed / total) * 100).toFixed(1);
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.files.length === 0) {
    console.error('usage: npm run slt -- [--list SMOKE.txt | files...] [--verbose] [--min-pass-rate R]');
    return 2;
  }
  const TiLite = await loadTiLite();
  const results: SltFileResult[] = [];
  const start = performance.now();
  for (const file of args.files) {
    const r = await runSltFile(file, {
      open: () => TiLite.open(),
      maxFailuresShown: args.verbose ? 1000 : args.maxFailures,
    });
    results.push(r);
    const total = r.passed + r.failed;
    const rate = r.ms > 0 ? Math.round(((total + r.skipped) / r.ms) * 1000) : 0;
    const note = r.error ? ` ERROR ${r.error}` : r.halted ? ' (halted)' : '';
    console.log(
      `${file}: ${r.passed}/${total} (${pct(r.passed, total)}%) in ${(r.ms / 1000).toFixed(1)}s, ${rate} records/s${note}`,
    );
    if (r.failures.length > 0 && (args.verbose || args.maxFailures > 0)) {
      for (const f of r.failures) console.log(formatFailure(f));
    }
  }
  const passed = results.reduce((s, r) => s + r.passed, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  const skipped = results.reduce((s, r) => s + r.skipped, 0);
  const broken = results.filter((r) => r.error).length;
  const secs = (performance.now() - start) / 1000;
  const rate = passed + failed > 0 ? passed / (passed + failed) : 1;
  console.log(
    `total: ${passed}/${passed + failed} records (${pct(passed, passed + failed)}%) in ${secs.toFixed(1)}s, ` +
      `${Math.round((passed + failed + skipped) / Math.max(secs, 0.001))} records/s` +
      (broken > 0 ? `, ${broken} file(s) could not run` : ''),
  );
  if (args.json) writeFileSync(args.json, JSON.stringify(results));
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return rate < args.minPassRate || broken > 0 ? 1 : 0;
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
