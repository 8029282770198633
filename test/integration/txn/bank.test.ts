// The bank test: 32 sessions run random transfers and full-table sum reads concurrently; every read,
// in either transaction mode, sees the invariant total, and so does the final state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TiLiteSession } from '../../../src/index.js';
import { openDb, rows, sessions } from './helpers.js';

const ACCOUNTS = 10;
const TOTAL = ACCOUNTS * 100;
const SESSIONS = 32;
const OPS_PER_SESSION = 12;
/** Errors a client retries: write conflict, deadlock, lock wait timeout. */
const RETRYABLE = new Set([9007, 1213, 1205]);

async function transfer(s: TiLiteSession, pessimistic: boolean): Promise<void> {
  const from = Math.floor(Math.random() * ACCOUNTS);
  const to = (from + 1 + Math.floor(Math.random() * (ACCOUNTS - 1))) % ACCOUNTS;
  const amount = 1 + Math.floor(Math.random() * 20);
  await s.query('begin');
  try {
    const lock = pessimistic ? ' for update' : '';
    const [[balance]] = (await rows(s, `select balance from accounts where id = ${from}${lock}`)) as [[number]];
    if (balance >= amount) {
      await s.query(`update accounts set balance = balance - ${amount} where id = ${from}`);
      await s.query(`update accounts set balance = balance + ${amount} where id = ${to}`);
    }
    await s.query('commit');
  } catch (e) {
    await s.query('rollback');
    if (!RETRYABLE.has((e as { code?: number }).code ?? 0)) throw e;
  }
}

async function readTotal(s: TiLiteSession): Promise<number> {
  await s.query('begin');
  const [[sum]] = (await rows(s, 'select sum(balance) from accounts')) as [[unknown]];
  await s.query('commit');
  return Number(sum);
}

for (const mode of ['pessimistic', 'optimistic'] as const) {
  describe(`bank (${mode})`, () => {
    it('every read sees the invariant total', async () => {
      const db = await openDb();
      await db.query('create table accounts (id int primary key, balance int not null)');
      const values = Array.from({ length: ACCOUNTS }, (_, i) => `(${i}, 100)`).join(', ');
      await db.query(`insert into accounts values ${values}`);
      const ss = await sessions(db, SESSIONS, [`set tidb_txn_mode = '${mode}'`, 'set innodb_lock_wait_timeout = 5']);
      const totals: number[] = [];
      await Promise.all(
        ss.map(async (s) => {
          for (let i = 0; i < OPS_PER_SESSION; i++) {
            if (Math.random() < 0.3) totals.push(await readTotal(s));
            else await transfer(s, mode === 'pessimistic');
          }
        }),
      );
      assert.ok(totals.length > 0);
      for (const t of totals) assert.equal(t, TOTAL);
      assert.deepEqual(
        await rows(db, 'select sum(balance), min(balance) >= 0 from accounts'),
        [[TOTAL, 1]].map(([a, b]) => [String(a), b]),
      );
      await db.close();
    });
  });
}
