// Shared helpers for transaction tests over the embedded API: a database, sessions, and error checks.
import assert from 'node:assert/strict';
import { TiLite, type TiLiteSession } from '../../../src/index.js';

export async function openDb(dir?: string): Promise<TiLite> {
  return TiLite.open(dir === undefined ? {} : { dir });
}

export async function sessions(db: TiLite, n: number, setup: string[] = []): Promise<TiLiteSession[]> {
  const out: TiLiteSession[] = [];
  for (let i = 0; i < n; i++) {
    const s = await db.session({ database: 'test' });
    for (const sql of setup) await s.query(sql);
    out.push(s);
  }
  return out;
}

/** The rows of a query as arrays of values. */
export async function rows(s: TiLiteSession | TiLite, sql: string): Promise<unknown[][]> {
  return (await s.query<unknown[]>(sql, [], { rowMode: 'array' })).rows;
}

/** Asserts that `p` rejects with the MySQL error `code`. */
export async function rejectsWith(p: Promise<unknown>, code: number, message?: RegExp): Promise<void> {
  await assert.rejects(p, (e: { code?: number; message?: string }) => {
    assert.equal(e.code, code, `expected error ${code}, got ${e.code}: ${e.message}`);
    if (message) assert.match(e.message ?? '', message);
    return true;
  });
}

/** Whether `p` is still pending after `ms` milliseconds (a blocked statement). */
export async function isBlocked(p: Promise<unknown>, ms = 50): Promise<boolean> {
  let settled = false;
  p.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await new Promise((r) => setTimeout(r, ms));
  return !settled;
}
