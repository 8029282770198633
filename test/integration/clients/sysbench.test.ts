// sysbench's OLTP workloads against `tilite serve` through scripts/sysbench-check.sh (prepare, a short run,
// cleanup; any error fails). Skipped with the reason when sysbench is not installed.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The project root, whether this file runs from test/ or from dist/test/. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = resolve(dir, '..');
  return dir;
}

function sysbenchMissing(): string | false {
  try {
    execFileSync('sysbench', ['--version'], { stdio: 'ignore' });
    return false;
  } catch {
    return 'sysbench is not installed (Debian/Ubuntu: apt-get install -y sysbench)';
  }
}

test('sysbench OLTP workloads run with zero errors', { skip: sysbenchMissing(), timeout: 240_000 }, async () => {
  const script = join(projectRoot(), 'scripts', 'sysbench-check.sh');
  const { code, out } = await new Promise<{ code: number | null; out: string }>((done) => {
    const child = execFile(
      'bash',
      [script, '2'],
      { timeout: 230_000, maxBuffer: 8 << 20, env: { ...process.env, SYSBENCH_THREADS: '2' } },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
    child.stdin?.end();
  });
  assert.equal(code, 0, out);
  assert.match(out, /sysbench check passed/);
  for (const w of ['oltp_read_write', 'oltp_point_select', 'oltp_insert', 'oltp_update_index', 'oltp_delete']) {
    assert.match(out, new RegExp(`ok {3}${w} run`));
  }
  assert.match(out, /ok {3}select_random_ranges cleanup/);
});
