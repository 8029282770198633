#!/usr/bin/env node
// The project's test entry point (npm test, after npm run build):
//  1. node:test on every dist/test/**/*.test.js;
//  2. every test/sql/**/*.test (sqllogictest format) through the slt runner, one test per file;
//  3. each corpus list in test/sql/corpus-thresholds.json (e.g. {"SMOKE": 0.9}) through the slt runner,
//     one test per corpus file whose record pass rate reaches the threshold.
// Ends with exactly one line `N passed, N failed, N skipped`; exit code 1 on any failure.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sltMain = join(root, 'dist', 'src', 'tools', 'slt-main.js');
const corpusDir = resolve(root, '..', 'shared', 'corpora', 'sqllogictest');
const NODE_TEST_TIMEOUT_MS = 6 * 60 * 1000;
const SLT_TIMEOUT_MS = 4 * 60 * 1000;

const TOTALS_LINE = /^\d+ passed, \d+ failed, \d+ skipped$/gm;

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];

function walk(dir, suffix, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, suffix, out);
    else if (p.endsWith(suffix)) out.push(p);
  }
  return out;
}

/** Runs a child node process, echoing its output; resolves with its exit code and captured stdout. */
function run(args, timeoutMs) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    // Children's own totals lines are relabelled so this script's last line is the only one of that form.
    let pending = '';
    const echo = (text) => process.stdout.write(text.replace(TOTALS_LINE, '  (child) $&'));
    child.stdout.on('data', (d) => {
      out += d;
      pending += d;
      const cut = pending.lastIndexOf('\n') + 1;
      echo(pending.slice(0, cut));
      pending = pending.slice(cut);
    });
    child.on('close', (code) => {
      echo(pending);
      clearTimeout(timer);
      resolvePromise({ code: timedOut ? -1 : code, out, timedOut });
    });
  });
}

/** Totals from node:test output (spec reporter `ℹ pass N` or tap `# pass N`). */
function nodeTestCounts(out) {
  const count = (name) => {
    const m = new RegExp(`^(?:ℹ|#) ${name} (\\d+)`, 'm').exec(out);
    return m ? Number(m[1]) : 0;
  };
  return {
    passed: count('pass'),
    failed: count('fail') + count('cancelled'),
    skipped: count('skipped') + count('todo'),
  };
}

async function runNodeTests() {
  const files = walk(join(root, 'dist', 'test'), '.test.js');
  if (files.length === 0) {
    summary.push('node:test: no compiled tests under dist/test (run npm run build)');
    totals.failed++;
    return;
  }
  const r = await run(
    ['--test', '--test-reporter=spec', '--test-timeout=120000', ...files.map((f) => relative(root, f))],
    NODE_TEST_TIMEOUT_MS,
  );
  const c = nodeTestCounts(r.out);
  if (r.timedOut || (r.code !== 0 && c.failed === 0)) c.failed++;
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
  summary.push(
    `node:test: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped${r.timedOut ? ' (timed out)' : ''}`,
  );
}

/** Runs slt-main on some arguments; returns its per-file results, or null when it produced none. */
async function runSlt(args) {
  const dir = mkdtempSync(join(tmpdir(), 'tilite-slt-'));
  const json = join(dir, 'results.json');
  try {
    const r = await run([sltMain, '--max-failures', '3', '--json', json, ...args], SLT_TIMEOUT_MS);
    if (!existsSync(json)) return { results: null, timedOut: r.timedOut };
    return { results: JSON.parse(readFileSync(json, 'utf8')), timedOut: r.timedOut };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runSqlTests() {
  const files = walk(join(root, 'test', 'sql'), '.test');
  if (files.length === 0) return;
  const { results, timedOut } = await runSlt(files);
  if (!results) {
    totals.failed += files.length;
    summary.push(`SQL tests: ${files.length} files could not run${timedOut ? ' (timed out)' : ''}`);
    return;
  }
  let passed = 0;
  for (const r of results) {
    if (r.failed === 0 && !r.error) passed++;
    else summary.push(`  FAIL ${relative(root, r.file)}: ${r.failed} failed records${r.error ? `, ${r.error}` : ''}`);
  }
  totals.passed += passed;
  totals.failed += files.length - passed;
  summary.push(`SQL tests: ${passed}/${files.length} files passed`);
}

async function runCorpus() {
  const thresholdsPath = join(root, 'test', 'sql', 'corpus-thresholds.json');
  if (!existsSync(thresholdsPath)) return;
  const thresholds = JSON.parse(readFileSync(thresholdsPath, 'utf8'));
  for (const [list, minRate] of Object.entries(thresholds)) {
    const listFile = join(corpusDir, `${list}.txt`);
    if (!existsSync(listFile)) {
      totals.skipped++;
      summary.push(`corpus ${list}: list not found at ${listFile}, skipped`);
      continue;
    }
    const expectedFiles = readFileSync(listFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '').length;
    const { results, timedOut } = await runSlt(['--list', listFile]);
    if (!results) {
      totals.failed += expectedFiles;
      summary.push(`corpus ${list}: could not run${timedOut ? ' (timed out)' : ''}`);
      continue;
    }
    let passed = 0;
    let records = 0;
    let recordsPassed = 0;
    for (const r of results) {
      const total = r.passed + r.failed;
      records += total;
      recordsPassed += r.passed;
      const rate = total === 0 ? 1 : r.passed / total;
      if (!r.error && rate >= minRate) passed++;
      else summary.push(`  BELOW ${minRate}: ${relative(corpusDir, r.file)} ${(rate * 100).toFixed(1)}%`);
    }
    totals.passed += passed;
    totals.failed += expectedFiles - passed;
    const pct = records === 0 ? '0.0' : ((recordsPassed / records) * 100).toFixed(1);
    summary.push(
      `corpus ${list}: ${passed}/${expectedFiles} files at pass rate >= ${minRate}; records ${recordsPassed}/${records} (${pct}%)`,
    );
  }
}

async function main() {
  if (!existsSync(join(root, 'dist'))) {
    console.error('dist/ is missing: run `npm run build` first (npm test does it).');
    console.log('0 passed, 1 failed, 0 skipped');
    process.exitCode = 1;
    return;
  }
  const start = Date.now();
  await runNodeTests();
  if (existsSync(sltMain)) {
    await runSqlTests();
    await runCorpus();
  } else {
    totals.failed++;
    summary.push('SQL tests: dist/src/tools/slt-main.js missing (run npm run build)');
  }
  console.log('\n==== summary ====');
  for (const line of summary) console.log(line);
  console.log(`time: ${((Date.now() - start) / 1000).toFixed(1)}s`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exitCode = totals.failed > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  console.log(`${totals.passed} passed, ${totals.failed + 1} failed, ${totals.skipped} skipped`);
  process.exitCode = 1;
});
