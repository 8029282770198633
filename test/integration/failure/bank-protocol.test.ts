// The bank test over the MySQL protocol: 32 mysql2 connections run random transfers and full-table
// sum reads concurrently, in pessimistic mode (SELECT ... FOR UPDATE) and in optimistic mode (write
// conflicts at COMMIT, error 9007, retried). Every read, inside a transaction or autocommit, sees the
// invariant total; the final state too, with no negative balance.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import mysql from 'mysql2/promise';
import { type RunningServer, startServer } from '../../../src/server/index.js';

const ACCOUNTS = 16;
const INITIAL = 100;
const CONNECTIONS = 32;
/** Each mode runs for this long (every connection finishes its current operation). */
const RUN_MS = 4_000;
/** Errors a client retries: write conflict, deadlock, lock wait timeout. */
const RETRYABLE = new Set([9007, 1213, 1205]);

let server: RunningServer;
before(async () => {
  server = await startServer({ port: 0, memory: true });
});
after(async () => {
  await server.close();
});

function connect(): Promise<mysql.Connection> {
  return mysql.createConnection({ host: '127.0.0.1', port: server.port, user: 'root', database: 'test' });
}

interface Counts {
  transfers: number;
  retries: number;
  reads: number;
}

/** One transfer, retried until it commits (or finds the balance too low). */
async function transfer(c: mysql.Connection, pessimistic: boolean, counts: Counts): Promise<void> {
  const from = Math.floor(Math.random() * ACCOUNTS);
  const to = (from + 1 + Math.floor(Math.random() * (ACCOUNTS - 1))) % ACCOUNTS;
  const amount = 1 + Math.floor(Math.random() * 20);
  for (;;) {
    await c.query('begin');
    try {
      const lock = pessimistic ? ' for update' : '';
      const [rows] = await c.query({ sql: `select balance from accounts where id = ?${lock}`, rowsAsArray: true }, [
        from,
      ]);
      if (Number((rows as unknown[][])[0]![0]) >= amount) {
        await c.query('update accounts set balance = balance - ? where id = ?', [amount, from]);
        await c.query('update accounts set balance = balance + ? where id = ?', [amount, to]);
      }
      await c.query('commit');
      counts.transfers++;
      return;
    } catch (e) {
      await c.query('rollback');
      if (!RETRYABLE.has((e as { errno?: number }).errno ?? 0)) throw e;
      counts.retries++;
    }
  }
}

async function readTotal(c: mysql.Connection, inTxn: boolean): Promise<number> {
  if (inTxn) await c.query('begin');
  const [rows] = await c.query({ sql: 'select sum(balance) from accounts', rowsAsArray: true });
  if (inTxn) await c.query('commit');
  return Number((rows as unknown[][])[0]![0]);
}

for (const mode of ['pessimistic', 'optimistic'] as const) {
  describe(`bank over the protocol (${mode})`, () => {
    it(`${CONNECTIONS} connections: every read sees the invariant total`, async () => {
      const setup = await connect();
      await setup.query('drop table if exists accounts');
      await setup.query('create table accounts (id int primary key, balance int not null)');
      const values = Array.from({ length: ACCOUNTS }, (_, i) => `(${i}, ${INITIAL})`).join(', ');
      await setup.query(`insert into accounts values ${values}`);
      const conns = await Promise.all(Array.from({ length: CONNECTIONS }, connect));
      const counts: Counts = { transfers: 0, retries: 0, reads: 0 };
      const wrong: number[] = [];
      const deadline = Date.now() + RUN_MS;
      try {
        await Promise.all(
          conns.map(async (c) => {
            await c.query(`set tidb_txn_mode = '${mode}'`);
            await c.query('set innodb_lock_wait_timeout = 5');
            while (Date.now() < deadline) {
              if (Math.random() < 0.3) {
                const total = await readTotal(c, Math.random() < 0.5);
                counts.reads++;
                if (total !== ACCOUNTS * INITIAL) wrong.push(total);
              } else {
                await transfer(c, mode === 'pessimistic', counts);
              }
            }
          }),
        );
      } finally {
        await Promise.all(conns.map((c) => c.end()));
      }
      console.log(
        `bank-protocol ${mode}: ${counts.transfers} transfers, ${counts.retries} retries, ${counts.reads} reads`,
      );
      assert.deepEqual(wrong, [], 'reads saw a broken total');
      assert.ok(counts.reads > 0 && counts.transfers > 0);
      // Optimistic transactions on few hot rows must have met write conflicts (9007) and retried.
      if (mode === 'optimistic') assert.ok(counts.retries > 0, 'no write conflict was retried');
      const [rows] = await setup.query({
        sql: 'select sum(balance), min(balance) >= 0 from accounts',
        rowsAsArray: true,
      });
      assert.deepEqual((rows as unknown[][])[0]!.map(Number), [ACCOUNTS * INITIAL, 1]);
      await setup.end();
    });
  });
}
