// DDL crash safety: a server child on an lmdb directory is killed with SIGKILL while it runs ADD INDEX
// (with its backfill over many rows), CREATE TABLE and DROP INDEX. After every restart the catalog and
// the data agree: ADMIN CHECK TABLE passes, every index holds one entry per row, the rows are intact,
// and every DDL statement that returned success is in effect.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import mysql from 'mysql2/promise';
import { fromSource, killHard, type ServerChild, startServerChild } from './child.js';

const ROWS = 20_000;
const KILLS = fromSource ? 4 : 8;
const TIME_BUDGET_MS = 40_000;

async function connect(port: number): Promise<mysql.Connection> {
  const c = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', database: 'test' });
  c.on('error', () => {});
  return c;
}

async function column(c: mysql.Connection, sql: string): Promise<unknown[]> {
  const [rows] = await c.query({ sql, rowsAsArray: true });
  return (rows as unknown[][]).map((r) => r[0]);
}

/** Catalog and data agree; returns the table's index names. */
async function verify(port: number, done: Set<string>, dropped: Set<string>): Promise<string[]> {
  const c = await connect(port);
  try {
    await c.query('admin check table t');
    assert.deepEqual((await column(c, 'select count(*) from t')).map(Number), [ROWS]);
    assert.deepEqual((await column(c, 'select sum(a) from t')).map(Number), [(ROWS * (ROWS - 1)) / 2]);
    const [idx] = await c.query({ sql: 'show index from t', rowsAsArray: true });
    const names = [...new Set((idx as unknown[][]).map((r) => String(r[2])))].filter((n) => n !== 'PRIMARY');
    for (const name of names) {
      const n = await column(c, `select count(*) from t use index (${name}) where a >= 0`);
      assert.deepEqual(n.map(Number), [ROWS], `index ${name} has one entry per row`);
    }
    const tables = (await column(c, 'show tables')) as string[];
    for (const name of done) {
      if (name.startsWith('c_')) assert.ok(tables.includes(name), `acknowledged CREATE TABLE ${name} lost`);
      else assert.ok(names.includes(name), `acknowledged ADD INDEX ${name} lost`);
    }
    for (const name of dropped) assert.ok(!names.includes(name), `acknowledged DROP INDEX ${name} undone`);
    return names;
  } finally {
    await c.end();
  }
}

describe('DDL crash safety (lmdb server, kill -9 during DDL)', () => {
  it('ADD INDEX, CREATE TABLE and DROP INDEX killed midway leave catalog and data consistent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tilite-ddl-crash-'));
    const started = Date.now();
    let server: ServerChild | undefined;
    const done = new Set<string>();
    const dropped = new Set<string>();
    let kills = 0;
    let interrupted = 0;
    try {
      server = await startServerChild(dir);
      const setup = await connect(server.port);
      await setup.query('create table t (id int primary key, a int not null, b varchar(20))');
      for (let from = 0; from < ROWS; from += 2000) {
        const values = Array.from({ length: 2000 }, (_, i) => `(${from + i}, ${from + i}, 'v${(from + i) % 97}')`);
        await setup.query(`insert into t values ${values.join(', ')}`);
      }
      const t0 = Date.now();
      await setup.query('alter table t add index warmup (b)');
      const addIndexMs = Date.now() - t0;
      done.add('warmup');
      await setup.end();
      for (let round = 0; kills < KILLS && Date.now() - started < TIME_BUDGET_MS; round++) {
        if (!server) server = await startServerChild(dir);
        const names = await verify(server.port, done, dropped);
        const c = await connect(server.port);
        const op = round % 3;
        const name = op === 1 ? `c_${round}` : `i_${round}`;
        const sql =
          op === 0
            ? `alter table t add index ${name} (a, b)`
            : op === 1
              ? `create table ${name} (x int primary key, y varchar(10), key (y))`
              : names.length > 0
                ? `alter table t drop index ${names[0]}`
                : `alter table t add unique index ${name} (a)`;
        const statement = c.query(sql).then(
          () => {
            if (op === 2 && names.length > 0) {
              done.delete(names[0]!);
              dropped.add(names[0]!);
            } else done.add(name);
          },
          () => {
            interrupted++;
          },
        );
        await new Promise((r) => setTimeout(r, Math.random() * addIndexMs));
        await killHard(server);
        server = undefined;
        kills++;
        await statement;
        c.destroy();
      }
      server = await startServerChild(dir);
      await verify(server.port, done, dropped);
      console.log(
        `ddl-crash: ${kills} kills, ${interrupted} DDL statements cut off, ${done.size} acknowledged and present`,
      );
      assert.ok(kills >= 2, `only ${kills} kills in the time budget`);
    } finally {
      if (server) await killHard(server);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
