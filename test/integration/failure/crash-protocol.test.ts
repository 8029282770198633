// The crash test over the MySQL protocol: a server child process on an lmdb directory serves
// transfers between accounts from several mysql2 connections and is killed with SIGKILL at random
// moments. After each restart the total balance is unchanged, every transfer whose COMMIT was
// acknowledged to the client is present, and every balance equals its initial value plus the
// recorded transfers (nothing half-applied).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import mysql from 'mysql2/promise';
import { fromSource, killHard, type ServerChild, startServerChild } from './child.js';

const ACCOUNTS = 10;
const INITIAL = 1000;
const WORKERS = 4;
// From source every start pays for tsx's compilation, so fewer kills fit in the time.
const KILLS = fromSource ? 10 : 50;
const TIME_BUDGET_MS = 45_000;
const MIN_KILLS = fromSource ? 3 : 10;

async function connect(port: number): Promise<mysql.Connection> {
  const c = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', database: 'test' });
  c.on('error', () => {});
  return c;
}

async function scalar(c: mysql.Connection, sql: string): Promise<unknown> {
  const [rows] = await c.query({ sql, rowsAsArray: true });
  return (rows as unknown[][])[0]?.[0];
}

/** Checks the invariants after a restart; returns the number of recorded transfers. */
async function verify(port: number, acked: Set<number>): Promise<number> {
  const c = await connect(port);
  try {
    assert.equal(Number(await scalar(c, 'select sum(balance) from accounts')), ACCOUNTS * INITIAL);
    const [seqRows] = await c.query({ sql: 'select seq from transfers', rowsAsArray: true });
    const present = new Set((seqRows as [number][]).map(([s]) => Number(s)));
    for (const seq of acked) assert.ok(present.has(seq), `acknowledged transfer ${seq} lost`);
    const [net] = await c.query({
      sql: `select a.id, a.balance - ${INITIAL}
              - coalesce((select sum(amount) from transfers where dst = a.id), 0)
              + coalesce((select sum(amount) from transfers where src = a.id), 0) from accounts a`,
      rowsAsArray: true,
    });
    for (const [id, diff] of net as [number, unknown][]) assert.equal(Number(diff), 0, `account ${id} half-applied`);
    return present.size;
  } finally {
    await c.end();
  }
}

/** Runs transfers on `c` until the connection dies; `nextSeq` hands out unique transfer numbers. */
async function worker(c: mysql.Connection, nextSeq: () => number, acked: Set<number>): Promise<void> {
  try {
    for (;;) {
      const seq = nextSeq();
      const from = Math.floor(Math.random() * ACCOUNTS);
      const to = (from + 1 + Math.floor(Math.random() * (ACCOUNTS - 1))) % ACCOUNTS;
      const amount = 1 + Math.floor(Math.random() * 9);
      try {
        await c.query('begin');
        await c.query('update accounts set balance = balance - ? where id = ?', [amount, from]);
        await c.query('update accounts set balance = balance + ? where id = ?', [amount, to]);
        await c.query('insert into transfers values (?, ?, ?, ?)', [seq, from, to, amount]);
        await c.query('commit');
        acked.add(seq);
      } catch (e) {
        const code = (e as { errno?: number }).errno;
        // Lock conflicts between workers are retried with a new transfer; anything else means the server is gone.
        if (code !== 1213 && code !== 1205 && code !== 9007) throw e;
        await c.query('rollback');
      }
    }
  } catch {
    // The server was killed under this connection.
  } finally {
    c.destroy();
  }
}

describe('crash safety over the protocol (lmdb server, kill -9)', () => {
  it(`keeps every acknowledged commit and the invariant through up to ${KILLS} kills`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tilite-crash-proto-'));
    const started = Date.now();
    let server: ServerChild | undefined;
    const acked = new Set<number>();
    let kills = 0;
    let recorded = 0;
    try {
      server = await startServerChild(dir);
      const setup = await connect(server.port);
      await setup.query('create table accounts (id int primary key, balance int not null)');
      await setup.query('create table transfers (seq int primary key, src int, dst int, amount int)');
      const values = Array.from({ length: ACCOUNTS }, (_, i) => `(${i}, ${INITIAL})`).join(', ');
      await setup.query(`insert into accounts values ${values}`);
      await setup.end();
      let seq = 0;
      while (kills < KILLS && Date.now() - started < TIME_BUDGET_MS) {
        if (!server) server = await startServerChild(dir);
        recorded = await verify(server.port, acked);
        seq = Math.max(seq, Number(recorded > 0 ? await maxSeq(server.port) : 0));
        const port = server.port;
        const conns = await Promise.all(Array.from({ length: WORKERS }, () => connect(port)));
        const workers = conns.map((c) => worker(c, () => ++seq, acked));
        await new Promise((r) => setTimeout(r, 30 + Math.random() * 200));
        await killHard(server);
        server = undefined;
        kills++;
        await Promise.all(workers);
      }
      server = await startServerChild(dir);
      recorded = await verify(server.port, acked);
      console.log(
        `crash-protocol: ${kills} kills, ${acked.size} acknowledged transfers verified, ${recorded} recorded`,
      );
      assert.ok(kills >= MIN_KILLS, `only ${kills} kills in the time budget`);
      assert.ok(acked.size > 0, 'no transfer was acknowledged');
    } finally {
      if (server) await killHard(server);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

async function maxSeq(port: number): Promise<unknown> {
  const c = await connect(port);
  try {
    return await scalar(c, 'select coalesce(max(seq), 0) from transfers');
  } finally {
    await c.end();
  }
}
