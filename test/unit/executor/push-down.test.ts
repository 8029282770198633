// Pushed-down operators give the answers of the unpushed plans: aggregations split into partial and
// final steps (over one reader, and per partition in static prune mode) against the same aggregates
// computed whole inside a transaction that has written the tables (nothing goes below a UnionScan),
// and per-partition Limit/TopN against a whole sort.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';

let db: TiLite;

const COLS = '(id int primary key, g int, v int, d decimal(20,4), r double)';

before(async () => {
  db = await TiLite.open();
  await db.exec("set tidb_partition_prune_mode = 'static'");
  await db.exec(`create table t ${COLS}`);
  await db.exec(`create table tp ${COLS} partition by range (id) (partition p0 values less than (100),
    partition p1 values less than (200), partition p2 values less than (300), partition p3 values less than (1000))`);
  const rows: string[] = [];
  for (let i = 1; i <= 250; i++) {
    const g = (i * 37) % 7;
    const v = i % 13 === 0 ? 'null' : String((i * 7919) % 53);
    const d = i % 11 === 0 ? 'null' : String(((i * 131) % 1000) / 8 - 50);
    rows.push(`(${i}, ${g === 6 ? 'null' : g}, ${v}, ${d}, ${i % 17 === 0 ? 'null' : (i % 9) / 4})`);
  }
  await db.exec(`insert into t values ${rows.join(',')}`);
  await db.exec(`insert into tp values ${rows.join(',')}`);
});

after(async () => {
  await db.close();
});

async function rows(sql: string): Promise<unknown[][]> {
  return (await db.query(sql, [], { rowMode: 'text' })).rows as unknown[][];
}

async function explain(sql: string): Promise<string> {
  return (await rows(`explain format='brief' ${sql}`)).map((r) => r.join('\t')).join('\n');
}

/** The rows of `sql` as pushed, then the same rows computed with the table under a UnionScan. */
async function pushedAndWhole(sql: string, table: string): Promise<[unknown[][], unknown[][]]> {
  const pushed = await rows(sql);
  await db.exec('begin');
  await db.exec(`insert into ${table} values (-1, 0, 0, 0, 0)`);
  await db.exec(`delete from ${table} where id = -1`);
  assert.match(await explain(sql), /UnionScan/);
  const whole = await rows(sql);
  await db.exec('rollback');
  return [pushed, whole];
}

const AGGS =
  'count(*), count(v), sum(v), avg(v), sum(d), avg(d), min(d), max(v), avg(r), bit_and(v), bit_or(v), bit_xor(v)';

describe('split aggregation', () => {
  for (const table of ['t', 'tp']) {
    it(`${table}: scalar aggregates equal the unsplit ones`, async () => {
      assert.match(await explain(`select ${AGGS} from ${table}`), /cop\[tikv\]\s+funcs:count\(1\)/);
      const [pushed, whole] = await pushedAndWhole(`select ${AGGS} from ${table}`, table);
      assert.deepEqual(pushed, whole);
    });

    it(`${table}: grouped aggregates with HAVING equal the unsplit ones`, async () => {
      const sql = `select g, ${AGGS} from ${table} group by g having count(*) > 1 order by g`;
      const [pushed, whole] = await pushedAndWhole(sql, table);
      assert.ok(pushed.length > 3);
      assert.deepEqual(pushed, whole);
    });

    it(`${table}: no rows at all: COUNT 0, SUM and AVG NULL`, async () => {
      const [pushed, whole] = await pushedAndWhole(`select ${AGGS} from ${table} where v > 1000`, table);
      assert.deepEqual(pushed, whole);
      assert.equal(pushed[0]![0], '0');
      assert.equal(pushed[0]![2], null);
      assert.equal(pushed[0]![3], null);
    });

    it(`${table}: Limit and TopN with offsets`, async () => {
      const all = await rows(`select id from ${table} order by v desc, id`);
      const top = await rows(`select id from ${table} order by v desc, id limit 7, 5`);
      assert.deepEqual(top, all.slice(7, 12));
      assert.equal((await rows(`select id from ${table} limit 3, 40`)).length, 40);
    });
  }

  it('static mode pushes a partial aggregation into each partition', async () => {
    const plan = await explain('select avg(d) from tp');
    assert.equal(plan.match(/HashAgg\S*\s+\S+\s+cop\[tikv\]\s+funcs:count\(test\.tp\.d\)/g)?.length, 4);
    assert.match(plan.split('\n')[0]!, /^HashAgg\S*\s+1\.00\s+root\s+funcs:avg\(Column#\d+, Column#\d+\)/);
  });

  it('DISTINCT aggregates stay whole', async () => {
    assert.doesNotMatch(await explain('select count(distinct g) from t'), /cop\[tikv\]\s+funcs/);
    assert.deepEqual(await rows('select count(distinct g), sum(distinct v) from tp'), [['6', '1378']]);
  });
});
