// The crash test: a child process runs transfers on an lmdb database and is killed with SIGKILL at
// random moments; after each restart the total balance is unchanged and every transfer whose COMMIT
// returned success (acknowledged on the child's stdout) is present, with its effect.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDb, rows } from './helpers.js';

const ACCOUNTS = 10;
const TOTAL = ACCOUNTS * 1000;
// Compiled tests (dist) run the compiled child quickly; from source each start pays for tsx.
const fromSource = import.meta.url.endsWith('.ts');
const KILLS = fromSource ? 8 : 50;
const TIME_BUDGET_MS = 50_000;

function startChild(dir: string): { child: ChildProcess; acked: Set<number>; ready: Promise<void> } {
  const childPath = fileURLToPath(new URL(fromSource ? './crash-child.ts' : './crash-child.js', import.meta.url));
  const child = spawn(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), childPath, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acked = new Set<number>();
  let buf = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') resolve();
        else if (line.startsWith('ack ')) acked.add(Number(line.slice(4)));
      }
    });
    child.once('exit', (code, signal) => reject(new Error(`child exited early: ${code ?? signal}`)));
  });
  return { child, acked, ready };
}

describe('crash safety (lmdb)', () => {
  it(`keeps every acknowledged commit and the invariant through ${KILLS} kill -9s`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tilite-crash-'));
    const started = Date.now();
    try {
      const init = await openDb(dir);
      await init.query('create table accounts (id int primary key, balance int not null)');
      await init.query('create table transfers (seq int primary key, src int, dst int, amount int)');
      const values = Array.from({ length: ACCOUNTS }, (_, i) => `(${i}, 1000)`).join(', ');
      await init.query(`insert into accounts values ${values}`);
      await init.close();
      const allAcked = new Set<number>();
      let kills = 0;
      while (kills < KILLS && Date.now() - started < TIME_BUDGET_MS) {
        const { child, acked, ready } = startChild(dir);
        await ready;
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 150));
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
        kills++;
        for (const seq of acked) allAcked.add(seq);

        const db = await openDb(dir);
        assert.deepEqual(await rows(db, 'select sum(balance) from accounts'), [[String(TOTAL)]]);
        const present = new Set(((await rows(db, 'select seq from transfers')) as [number][]).map(([s]) => s));
        for (const seq of allAcked) assert.ok(present.has(seq), `acknowledged transfer ${seq} lost`);
        // The balances are exactly the initial ones plus the recorded transfers: nothing half-applied.
        const net = await rows(
          db,
          'select a.id, a.balance - 1000 - coalesce((select sum(amount) from transfers where dst = a.id), 0) + coalesce((select sum(amount) from transfers where src = a.id), 0) from accounts a',
        );
        for (const [, diff] of net) assert.equal(Number(diff), 0);
        await db.close();
      }
      assert.ok(kills >= Math.min(KILLS, 5), `only ${kills} kills in the time budget`);
      assert.ok(allAcked.size > 0, 'the child acknowledged no commit');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
