// Readers decode a row in stages around their conditions (executor/filtered-row-decoder.ts): the first
// condition's columns, then the columns each later condition adds, then the columns no condition reads.
// Whatever the stages, a query must keep exactly the rows its conditions keep and return every column of
// them whole: checked against a model of the same seeded data, through a table scan, an index lookup and
// the inner side of an index join, with NULLs, ORs, conditions that read no new column, more conditions
// than stages, stages merged after the trial rows (a scan reads 5000 rows: the rows after its first 1024
// use the merged stages), and a TIMESTAMP column (read in the session zone, so decoded in one step).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';
import { Rng } from '../../../src/tools/tpch/random.js';

interface ModelRow {
  id: number;
  a: number | null;
  b: string | null;
  d: number | null;
  s: string | null;
  k: number;
  day: string;
}

const ROWS = 5000;
const model: ModelRow[] = [];
let db: TiLite;

before(async () => {
  db = await TiLite.open();
  await db.query(
    'create table t (id int primary key, a int, b decimal(8,2), d date, s varchar(10), k int not null, ts timestamp, key k (k))',
  );
  await db.query('create table o (id int primary key, k int)');
  const rng = new Rng(29);
  const values: string[] = [];
  for (let id = 1; id <= ROWS; id++) {
    const a = rng.int(0, 9) === 0 ? null : rng.int(-50, 50);
    const cents = rng.int(0, 9) === 0 ? null : rng.int(-10000, 10000);
    const b = cents === null ? null : (cents / 100).toFixed(2);
    const d = rng.int(0, 9) === 0 ? null : rng.int(0, 364);
    const s = rng.int(0, 9) === 0 ? null : `s${rng.int(0, 30)}`;
    const k = rng.int(1, 300);
    const day = new Date(Date.UTC(2024, 0, 1 + (id % 90))).toISOString().slice(0, 10);
    model.push({ id, a, b, d, s, k, day });
    const date = d === null ? 'null' : `'2024-01-01' + interval ${d} day`;
    values.push(
      `(${id}, ${a ?? 'null'}, ${b ?? 'null'}, ${date}, ${s === null ? 'null' : `'${s}'`}, ${k}, '${day} 12:00:00')`,
    );
  }
  await db.query(`insert into t values ${values.join(',')}`);
  await db.query(`insert into o values ${Array.from({ length: 120 }, (_, i) => `(${i + 1}, ${(i * 7) % 300})`)}`);
  await db.query('analyze table t, o');
});

after(async () => {
  await db.close();
});

/** Days since 2024-01-01 of a DATE string. */
const dayOf = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(2024, 0, 1)) / 86_400_000);

/** A condition as SQL and as the model's test (a NULL comparison keeps nothing, as in SQL). */
interface Cond {
  sql: string;
  test: (r: ModelRow) => boolean;
}

function conditions(rng: Rng): Cond[] {
  const x = rng.int(-40, 40);
  const y = rng.int(-8000, 8000) / 100;
  const day = rng.int(0, 364);
  const n = rng.int(0, 30);
  return [
    { sql: `a < ${x}`, test: (r) => r.a !== null && r.a < x },
    { sql: `a >= ${x}`, test: (r) => r.a !== null && r.a >= x },
    { sql: `b > ${y}`, test: (r) => r.b !== null && Number(r.b) > y },
    { sql: `b between ${y} and ${y + 40}`, test: (r) => r.b !== null && Number(r.b) >= y && Number(r.b) <= y + 40 },
    { sql: `d < '2024-01-01' + interval ${day} day`, test: (r) => r.d !== null && r.d < day },
    { sql: `s <> 's${n}'`, test: (r) => r.s !== null && r.s !== `s${n}` },
    { sql: `s in ('s${n}', 's${(n + 7) % 31}')`, test: (r) => r.s === `s${n}` || r.s === `s${(n + 7) % 31}` },
    { sql: 'a is null', test: (r) => r.a === null },
    { sql: 'b is not null', test: (r) => r.b !== null },
    {
      sql: `(a > ${x} or s = 's${n}')`,
      test: (r) => (r.a !== null && r.a > x) || r.s === `s${n}`,
    },
    { sql: `(a + 0 < ${x} and a > -50)`, test: (r) => r.a !== null && r.a < x && r.a > -50 },
  ];
}

/** `count` random conditions (distinct, in random order) joined with AND. */
function pick(rng: Rng, count: number): Cond[] {
  const all = conditions(rng);
  const out: Cond[] = [];
  while (out.length < count) {
    const c = all.splice(rng.int(0, all.length - 1), 1)[0]!;
    out.push(c);
  }
  return out;
}

function cell(r: ModelRow): unknown[] {
  const d = r.d === null ? null : new Date(Date.UTC(2024, 0, 1 + r.d)).toISOString().slice(0, 10);
  return [r.id, r.a, r.b, d, r.s, r.k];
}

async function rows(sql: string): Promise<unknown[][]> {
  const r = await db.query(sql, [], { rowMode: 'array' });
  return (r.rows as unknown[][]).map((row) =>
    row.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? null : String(v))),
  );
}

const expected = (keep: (r: ModelRow) => boolean) =>
  model.filter(keep).map((r) => cell(r).map((v) => (v === null ? null : String(v))));

const SELECT = "select id, a, b, date_format(d, '%Y-%m-%d'), s, k from t";
/** The same columns and the TIMESTAMP one: a reader of it decodes whole rows (see the test of it). */
const SELECT_TS = `${SELECT.replace(' from t', '')}, date_format(ts, '%Y-%m-%d %H:%i:%s') from t`;

describe('staged row decoding', () => {
  it('keeps exactly the rows the conditions keep, with every column whole (table scan)', async () => {
    const rng = new Rng(101);
    for (let q = 0; q < 60; q++) {
      const conds = pick(rng, 1 + (q % 5));
      const where = conds.map((c) => c.sql).join(' and ');
      const got = await rows(`${SELECT} where ${where} order by id`);
      assert.deepEqual(
        got,
        expected((r) => conds.every((c) => c.test(r))),
        where,
      );
    }
  });

  it('the same under an index lookup, whose residual conditions apply to the rows it fetches', async () => {
    const rng = new Rng(202);
    for (let q = 0; q < 30; q++) {
      const conds = pick(rng, 1 + (q % 4));
      const lo = rng.int(1, 250);
      const where = `k between ${lo} and ${lo + 40} and ${conds.map((c) => c.sql).join(' and ')}`;
      const got = await rows(`${SELECT} use index (k) where ${where} order by id`);
      const want = expected((r) => r.k >= lo && r.k <= lo + 40 && conds.every((c) => c.test(r)));
      assert.deepEqual(got, want, where);
    }
  });

  it('the same on the inner side of an index join', async () => {
    const rng = new Rng(303);
    const outerKeys = new Set(Array.from({ length: 120 }, (_, i) => (i * 7) % 300));
    for (let q = 0; q < 20; q++) {
      const conds = pick(rng, 2 + (q % 3));
      const where = conds.map((c) => c.sql.replace(/\b(a|b|d|s)\b/g, 't.$1')).join(' and ');
      const got = await rows(
        `select /*+ INL_JOIN(t) */ t.id, t.a, t.b, date_format(t.d, '%Y-%m-%d'), t.s, t.k from o join t on t.k = o.k where ${where} order by t.id`,
      );
      const want = expected((r) => outerKeys.has(r.k) && conds.every((c) => c.test(r)));
      assert.deepEqual(got, want, where);
    }
  });

  it('a condition on a TIMESTAMP column reads the row in the session zone', async () => {
    await db.query("set time_zone = '+08:00'");
    try {
      const got = await rows(`${SELECT_TS} where a > 0 and ts >= '2024-02-01 20:00:00' and b < 0 order by id`);
      // 12:00 UTC is 20:00 at +08:00, so the day boundary is the stored day's.
      const want = model
        .filter((r) => r.a !== null && r.a > 0 && dayOf(r.day) >= 31 && r.b !== null && Number(r.b) < 0)
        .map((r) => {
          const c = cell(r);
          c.push(`${r.day} 20:00:00`);
          return c.map((v) => (v === null ? null : String(v)));
        });
      assert.deepEqual(got, want);
    } finally {
      await db.query("set time_zone = '+00:00'");
    }
  });
});
