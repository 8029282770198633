// The mariadb (or mysql) command-line client runs a script file against the server; its batch output must
// equal the expectation file. A second login as a restricted account reads and is refused a write (1142).
// When no client is installed the test tries `apt-get install -y mariadb-client`, else skips with the reason.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '../../../src/server/index.js';

/** The fixtures directory, whether this file runs from test/ or compiled from dist/test/. */
function fixtures(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = resolve(dir, '..');
  return join(dir, 'test', 'integration', 'clients', 'fixtures');
}

function findClient(): string | null {
  for (const name of ['mariadb', 'mysql']) {
    try {
      execFileSync(name, ['--version'], { stdio: 'ignore' });
      return name;
    } catch {
      // not installed under this name
    }
  }
  return null;
}

/** The client, installing Debian's mariadb-client when apt-get can; otherwise why the test cannot run. */
function ensureClient(): string | { skip: string } {
  const found = findClient();
  if (found) return found;
  try {
    const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
    const [cmd, ...args] = [...sudo, 'apt-get', 'install', '-y', 'mariadb-client'];
    execFileSync(cmd!, args, { stdio: 'ignore', timeout: 180_000 });
  } catch (e) {
    return { skip: `no mariadb/mysql client and apt-get install mariadb-client failed: ${(e as Error).message}` };
  }
  return findClient() ?? { skip: 'mariadb-client installed but no mariadb/mysql binary found' };
}

const client = ensureClient();

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(client as string, args, { timeout: 30_000 }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('mariadb command-line client', { skip: typeof client === 'object' ? client.skip : false }, () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, memory: true });
  });
  after(() => server.close());
  const conn = (user: string, ...more: string[]) => ['-h', '127.0.0.1', '-P', String(server.port), '-u', user, ...more];

  test('a script file gives the expected output', async () => {
    const script = join(fixtures(), 'mariadb-cli.sql');
    const r = await run([...conn('root'), '--batch', '-e', `source ${script}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, readFileSync(join(fixtures(), 'mariadb-cli.expected'), 'utf8'));
  });

  test('a restricted account reads, and its write fails with 1142', async () => {
    const r = await run([
      ...conn('cli_user', '-psecret'),
      '--batch',
      'cli',
      '-e',
      "select name from t order by id; insert into t values (3, 'x', 1, null)",
    ]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'name\ntea\ncoffee\n');
    assert.match(r.stderr, /ERROR 1142 \(42000\).*INSERT command denied to user 'cli_user'@'%' for table 't'/);
  });

  test('a wrong password is refused with 1045', async () => {
    const r = await run([...conn('cli_user', '-pwrong'), '-e', 'select 1']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /ERROR 1045 \(28000\)/);
  });
});
