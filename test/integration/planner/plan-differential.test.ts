// Plan-differential test: every way of reading a table must return the same rows. Random tables (integer,
// clustered composite, non-clustered composite or no primary key; secondary indexes; HASH / RANGE / LIST
// partitioning in static or dynamic mode) get random rows, and a twin with no keys, no indexes and no
// partitions holds the same rows. Random predicates are run against the table under every access path the
// hints allow (no hint, table scan only, each index) and with ORDER BY ... LIMIT, and joins under each join
// algorithm; every answer must equal the twin's full-scan answer. A wrong access path (an index read that
// misses rows, a range that drops a bound, a pruned partition that held rows) shows up as a difference.
// The seed is printed; rerun one with TILITE_PLAN_SEED=<seed>.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';
import { Rng } from '../../../src/tools/tpch/random.js';

const SHAPES = 24;
const QUERIES_PER_SHAPE = 12;
const ROWS = 60;

interface Shape {
  ddl: string;
  indexes: string[];
  /** Each index's columns, as a select list: reading only them makes the index a covering one. */
  indexColumns: Map<string, string>;
  /** Column names usable in predicates: a, b (int), s (string). */
  partitioned: boolean;
  /** Partitioned tables: what PARTITION (p0) selects, as a condition on the keyless twin. */
  p0?: string;
}

function shapeOf(rng: Rng, name: string): Shape {
  const pk = rng.pick(['int', 'clustered', 'nonclustered', 'none'] as const);
  const cols = [
    'a INT NOT NULL',
    'b INT',
    "s VARCHAR(8) NOT NULL DEFAULT ''",
    'v INT',
    'c VARCHAR(8) COLLATE utf8mb4_general_ci',
  ];
  let key = '';
  if (pk === 'int') key = ', PRIMARY KEY (a)';
  else if (pk === 'clustered') key = ', PRIMARY KEY (a, s) CLUSTERED';
  else if (pk === 'nonclustered') key = ', PRIMARY KEY (a, s) NONCLUSTERED';
  const candidates = [['b'], ['s'], ['b', 'a'], ['s', 'b'], ['v'], ['c'], ['c', 'a']];
  const indexes: string[] = [];
  const indexColumns = new Map<string, string>();
  const defs: string[] = [];
  candidates.forEach((c, i) => {
    if (rng.next() < 0.5) {
      indexes.push(`i${i}`);
      indexColumns.set(`i${i}`, c.join(', '));
      defs.push(`, KEY i${i} (${c.join(', ')})`);
    }
  });
  let partition = '';
  let p0: string | undefined;
  const kind = rng.pick(['none', 'none', 'hash', 'range', 'list'] as const);
  if (kind === 'hash') {
    const n = rng.int(2, 5);
    partition = ` PARTITION BY HASH (a) PARTITIONS ${n}`;
    p0 = `MOD(a, ${n}) = 0`;
  }
  if (kind === 'range') p0 = 'a < 4';
  if (kind === 'list') p0 = 'a IN (0, 1, 2, 3)';
  if (kind === 'range')
    partition =
      ' PARTITION BY RANGE (a) (PARTITION p0 VALUES LESS THAN (4), PARTITION p1 VALUES LESS THAN (9), PARTITION p2 VALUES LESS THAN MAXVALUE)';
  if (kind === 'list')
    partition =
      ' PARTITION BY LIST (a) (PARTITION p0 VALUES IN (0, 1, 2, 3), PARTITION p1 VALUES IN (4, 5, 6, 7), PARTITION p2 VALUES IN (8, 9, 10, 11, 12))';
  // Global indexes span the partitions: one key range, entries filtered by the partitions a query reads.
  if (kind !== 'none') {
    for (const [name, c] of [
      ['g0', 'b, s'],
      ['g1', 'c'],
    ] as const) {
      if (rng.next() < 0.4) {
        indexes.push(name);
        indexColumns.set(name, c);
        defs.push(`, KEY ${name} (${c}) GLOBAL`);
      }
    }
  }
  return {
    ddl: `CREATE TABLE ${name} (${cols.join(', ')}${key}${defs.join('')})${partition}`,
    indexes,
    indexColumns,
    partitioned: kind !== 'none',
    p0,
  };
}

function tableRows(rng: Rng, unique: 'a' | 'as' | 'none'): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < ROWS; i++) {
    const a = rng.int(0, 12);
    const s = rng.pick(['', 'a', 'ab', 'b', 'B', 'zz']);
    const k = unique === 'a' ? `${a}` : unique === 'as' ? `${a}|${s}` : `${i}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const b = rng.next() < 0.15 ? 'NULL' : String(rng.int(-3, 6));
    const v = rng.next() < 0.15 ? 'NULL' : String(rng.int(0, 99));
    const c = rng.next() < 0.1 ? 'NULL' : `'${rng.pick(['a', 'A', 'b', 'B ', '', 'ab'])}'`;
    out.push(`(${a}, ${b}, '${s}', ${v}, ${c})`);
  }
  return out;
}

function predicate(rng: Rng, depth = 0): string {
  if (depth < 2 && rng.next() < 0.3) {
    return `(${predicate(rng, depth + 1)} ${rng.pick(['AND', 'OR'])} ${predicate(rng, depth + 1)})`;
  }
  const col = rng.pick(['a', 'b', 's', 'v', 'c']);
  const lit = () =>
    col === 's' || col === 'c' ? `'${rng.pick(['', 'a', 'A', 'ab', 'b', 'B', 'c', 'zz'])}'` : String(rng.int(-2, 13));
  switch (rng.int(0, 6)) {
    case 0:
      return `${col} = ${lit()}`;
    case 1:
      return `${col} < ${lit()}`;
    case 2:
      return `${col} >= ${lit()}`;
    case 3:
      return `${col} BETWEEN ${lit()} AND ${lit()}`;
    case 4:
      return `${col} IN (${lit()}, ${lit()}, ${lit()})`;
    case 5:
      return `${col} IS NULL`;
    default:
      return `NOT (${col} <> ${lit()})`;
  }
}

type Db = Awaited<ReturnType<typeof TiLite.open>>;

/** The rows of a query as text; a failing statement is reported with its SQL. */
async function rowsOf(db: Db, sql: string): Promise<string[]> {
  try {
    const r = await db.query(sql, [], { rowMode: 'text' });
    return (r.rows as unknown[][]).map((row) => JSON.stringify(row));
  } catch (e) {
    const cause = (e as { cause?: Error }).cause;
    throw new Error(`${sql}: ${(e as Error).message}${cause?.stack ? `\n${cause.stack}` : ''}`);
  }
}

async function sorted(db: Db, sql: string): Promise<string[]> {
  return (await rowsOf(db, sql)).sort();
}

function ordered(db: Db, sql: string): Promise<string[]> {
  return rowsOf(db, sql);
}

describe('plan differential', () => {
  it('every access path and join algorithm returns the rows a full scan returns', async () => {
    const seed = Number(process.env.TILITE_PLAN_SEED ?? Date.now() % 1_000_000_000);
    console.log(`# plan seed ${seed}`);
    const rng = new Rng(seed);
    const db = await TiLite.open();
    try {
      for (let n = 0; n < SHAPES; n++) {
        const t = `t${n}`;
        const ref = `r${n}`;
        const shape = shapeOf(rng, t);
        await db.query(`SET tidb_partition_prune_mode = '${rng.pick(['static', 'dynamic'])}'`);
        await db.query(shape.ddl);
        await db.query(
          `CREATE TABLE ${ref} (a INT, b INT, s VARCHAR(8), v INT, c VARCHAR(8) COLLATE utf8mb4_general_ci)`,
        );
        const unique = /PRIMARY KEY \(a\)/.test(shape.ddl)
          ? 'a'
          : /PRIMARY KEY \(a, s\)/.test(shape.ddl)
            ? 'as'
            : 'none';
        const rows = tableRows(rng, unique);
        await db.query(`INSERT INTO ${t} VALUES ${rows.join(', ')}`);
        await db.query(`INSERT INTO ${ref} VALUES ${rows.join(', ')}`);
        if (rng.next() < 0.5) await db.query(`ANALYZE TABLE ${t}`);
        const hints = [
          '',
          ...(shape.indexes.length ? [`IGNORE INDEX (${shape.indexes.join(', ')})`] : []),
          ...shape.indexes.map((i) => `USE INDEX (${i})`),
        ];
        for (let q = 0; q < QUERIES_PER_SHAPE; q++) {
          const where = predicate(rng);
          const want = await sorted(db, `SELECT a, b, s, v, c FROM ${ref} WHERE ${where}`);
          for (const hint of hints) {
            const sql = `SELECT a, b, s, v, c FROM ${t} ${hint} WHERE ${where}`;
            assert.deepEqual(await sorted(db, sql), want, `${shape.ddl}\n${sql}`);
          }
          // Covering reads: values come back from the index entries (strings from their restore data).
          for (const [index, cols] of shape.indexColumns) {
            const sql = `SELECT ${cols} FROM {T} WHERE ${where}`;
            assert.deepEqual(
              await sorted(db, sql.replace('{T}', `${t} USE INDEX (${index})`)),
              await sorted(db, sql.replace('{T}', ref)),
              `${shape.ddl}\n${sql}`,
            );
          }
          if (shape.p0) {
            // An explicit partition selection: only p0's rows, whatever path (a global index too) reads them.
            const wantP0 = await sorted(db, `SELECT a, b, s, v, c FROM ${ref} WHERE (${where}) AND ${shape.p0}`);
            for (const hint of hints) {
              const sql = `SELECT a, b, s, v, c FROM ${t} PARTITION (p0) ${hint} WHERE ${where}`;
              assert.deepEqual(await sorted(db, sql), wantP0, `${shape.ddl}\n${sql}`);
            }
          }
          // Ordered reads (keep order, pushed Limit): all columns ordered, so the order is total.
          const dir = rng.pick(['', ' DESC']);
          const order = `ORDER BY a${dir}, s${dir}, b${dir}, v${dir}`;
          const limit = rng.int(1, 8);
          const wantTop = await ordered(db, `SELECT a, b, s, v, c FROM ${ref} WHERE ${where} ${order} LIMIT ${limit}`);
          const gotTop = await ordered(db, `SELECT a, b, s, v, c FROM ${t} WHERE ${where} ${order} LIMIT ${limit}`);
          assert.deepEqual(gotTop, wantTop, `${shape.ddl}\n${where} ${order} LIMIT ${limit}`);
          // Aggregates (pushed and split across partitions).
          const agg = `SELECT b, COUNT(*), SUM(v), MIN(s), MAX(a) FROM {T} WHERE ${where} GROUP BY b`;
          assert.deepEqual(
            await sorted(db, agg.replace('{T}', t)),
            await sorted(db, agg.replace('{T}', ref)),
            `${shape.ddl}\n${agg}`,
          );
        }
        // Prepared point reads (served without the planner after their first run) with random keys.
        for (const [col, k] of [
          ['a', 1],
          ['a', 3],
          ['b', 1],
          ['s', 1],
        ] as const) {
          const marks = Array(k).fill('?').join(', ');
          const id = db.prepare(`SELECT a, b, s, v, c FROM ${t} WHERE ${col} ${k === 1 ? '= ?' : `IN (${marks})`}`).id;
          const refId = db.prepare(
            `SELECT a, b, s, v, c FROM ${ref} WHERE ${col} ${k === 1 ? '= ?' : `IN (${marks})`}`,
          ).id;
          for (let q = 0; q < 6; q++) {
            const params = Array.from({ length: k }, () =>
              col === 's' ? rng.pick(['', 'a', 'b', 'zz', 'x']) : rng.int(-1, 13),
            );
            const got = ((await db.execute(id, params, { rowMode: 'text' })).rows as unknown[][]).map((r) =>
              JSON.stringify(r),
            );
            const exp = ((await db.execute(refId, params, { rowMode: 'text' })).rows as unknown[][]).map((r) =>
              JSON.stringify(r),
            );
            assert.deepEqual(got.sort(), exp.sort(), `${shape.ddl}\nprepared ${col} ${JSON.stringify(params)}`);
          }
        }
        // Prepared writes (their plans are cached too), then the whole table compared.
        const upd = `UPDATE {T} SET v = v + 1 WHERE a = ? OR b = ?`;
        const del = `DELETE FROM {T} WHERE a = ? AND s = ?`;
        const updIds = [db.prepare(upd.replace('{T}', t)).id, db.prepare(upd.replace('{T}', ref)).id];
        const delIds = [db.prepare(del.replace('{T}', t)).id, db.prepare(del.replace('{T}', ref)).id];
        for (let q = 0; q < 4; q++) {
          const up = [rng.int(0, 12), rng.int(-3, 6)];
          const dp = [rng.int(0, 12), rng.pick(['', 'a', 'ab', 'b'])];
          for (const id of updIds) await db.execute(id, up);
          for (const id of delIds) await db.execute(id, dp);
        }
        const all = 'SELECT a, b, s, v, c FROM {T}';
        assert.deepEqual(
          await sorted(db, all.replace('{T}', t)),
          await sorted(db, all.replace('{T}', ref)),
          `${shape.ddl}\nafter prepared writes`,
        );
        // The same reads inside a transaction whose own updates and deletes are not committed (union scan).
        await db.query('BEGIN');
        const changed = predicate(rng);
        await db.query(`UPDATE ${t} SET v = v + 1000, b = b - 1 WHERE ${changed}`);
        await db.query(`UPDATE ${ref} SET v = v + 1000, b = b - 1 WHERE ${changed}`);
        const gone = predicate(rng);
        await db.query(`DELETE FROM ${t} WHERE ${gone}`);
        await db.query(`DELETE FROM ${ref} WHERE ${gone}`);
        for (let q = 0; q < 4; q++) {
          const where = predicate(rng);
          const want = await sorted(db, `SELECT a, b, s, v, c FROM ${ref} WHERE ${where}`);
          for (const hint of hints) {
            const sql = `SELECT a, b, s, v, c FROM ${t} ${hint} WHERE ${where}`;
            assert.deepEqual(await sorted(db, sql), want, `${shape.ddl}\nin txn: ${sql}`);
          }
        }
        await db.query('ROLLBACK');
        if (n > 0) {
          // Joins with the previous shape's table, under each algorithm.
          const prev = `t${n - 1}`;
          const prevRef = `r${n - 1}`;
          const on = rng.pick(['x.a = y.a', 'x.b = y.a', 'x.s = y.s AND x.a = y.a', 'x.a = y.b']);
          const where = predicate(rng).replace(/\b(a|b|s|v|c)\b/g, 'x.$1');
          const want = await sorted(
            db,
            `SELECT x.a, x.s, y.a, y.s FROM ${prevRef} x JOIN ${ref} y ON ${on} WHERE ${where}`,
          );
          for (const h of [
            '',
            'HASH_JOIN(y)',
            'INL_JOIN(y)',
            'INL_HASH_JOIN(y)',
            'MERGE_JOIN(y)',
            'INL_MERGE_JOIN(y)',
          ]) {
            const sql = `SELECT ${h ? `/*+ ${h} */ ` : ''}x.a, x.s, y.a, y.s FROM ${prev} x JOIN ${t} y ON ${on} WHERE ${where}`;
            assert.deepEqual(await sorted(db, sql), want, `${shape.ddl}\n${sql}`);
          }
          // Outer, semi and anti-semi joins, which the index join family runs in their own forms.
          const yWhere = predicate(rng).replace(/\b(a|b|s|v|c)\b/g, 'y.$1');
          const forms = [
            `SELECT x.a, x.s, y.a, y.b FROM {X} x LEFT JOIN {Y} y ON ${on} AND ${yWhere} WHERE ${where}`,
            `SELECT x.a, x.s FROM {X} x WHERE EXISTS (SELECT 1 FROM {Y} y WHERE ${on} AND ${yWhere})`,
            `SELECT x.a, x.s FROM {X} x WHERE NOT EXISTS (SELECT 1 FROM {Y} y WHERE ${on})`,
            `SELECT x.a, x.s FROM {X} x WHERE x.a IN (SELECT y.a FROM {Y} y WHERE ${yWhere})`,
            `SELECT x.a, x.s FROM {X} x WHERE x.b NOT IN (SELECT y.b FROM {Y} y WHERE ${yWhere})`,
          ];
          for (const form of forms) {
            const wantForm = await sorted(db, form.replace('{X}', prevRef).replace('{Y}', ref));
            for (const h of ['', 'HASH_JOIN(y)', 'INL_JOIN(y)', 'INL_HASH_JOIN(y)', 'MERGE_JOIN(y)']) {
              const sql = form
                .replace('{X}', prev)
                .replace('{Y}', t)
                .replace(/^SELECT /, h ? `SELECT /*+ ${h} */ ` : 'SELECT ');
              assert.deepEqual(await sorted(db, sql), wantForm, `${shape.ddl}\n${sql}`);
            }
          }
        }
      }
    } finally {
      await db.close();
    }
  });
});
