// Property: for random partitioned tables and random predicates, the pruned query returns the same
// rows as the same query on an unpartitioned copy of the data (in both prune modes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TiLite } from '../../../src/index.js';

const PARTITIONINGS = [
  'partition by range (a) (partition p0 values less than (-5), partition p1 values less than (3), partition p2 values less than (10), partition p3 values less than maxvalue)',
  'partition by range (a + 2) (partition p0 values less than (0), partition p1 values less than (8), partition p2 values less than maxvalue)',
  'partition by range columns (a, b) (partition p0 values less than (0, 0), partition p1 values less than (5, 10), partition p2 values less than (maxvalue, maxvalue))',
  'partition by list (a) (partition p0 values in (-10, -3, 0, null), partition p1 values in (1, 2, 3, 4, 5), partition p2 values in (6, 7, 8, 9, 10, -1, -2))',
  'partition by list columns (a) (partition p0 values in (0, 1, 2), partition p1 values in (3, 4, 5, null), partition pd default)',
  'partition by hash (a) partitions 5',
  'partition by hash (a * 3 - 1) partitions 3',
  'partition by key (a) partitions 4',
  'partition by key (a, b) partitions 3',
];

const value = fc.oneof(fc.integer({ min: -12, max: 12 }), fc.constant(null));
const cmpOp = fc.constantFrom('=', '<', '<=', '>', '>=', '!=', '<=>');
const col = fc.constantFrom('a', 'b');
const lit = (v: number | null) => (v === null ? 'NULL' : String(v));

const atom: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(col, cmpOp, value).map(([c, op, v]) => `${c} ${op} ${lit(v)}`),
  fc
    .tuple(col, fc.array(value, { minLength: 1, maxLength: 4 }))
    .map(([c, vs]) => `${c} in (${vs.map(lit).join(', ')})`),
  fc.tuple(col, fc.boolean()).map(([c, not]) => `${c} is ${not ? 'not ' : ''}null`),
  fc
    .tuple(col, fc.integer({ min: -12, max: 12 }), fc.integer({ min: 0, max: 6 }))
    .map(([c, lo, w]) => `${c} between ${lo} and ${lo + w}`),
);
const predicate: fc.Arbitrary<string> = fc.letrec((tie) => ({
  p: fc.oneof(
    { depthSize: 'small' },
    atom,
    fc.tuple(tie('p'), fc.constantFrom('and', 'or'), tie('p')).map(([l, op, r]) => `(${l} ${op} ${r})`),
  ),
})).p as fc.Arbitrary<string>;

test('pruned reads return the rows of an unpartitioned scan', async () => {
  const db = await TiLite.open();
  await db.query('create database d');
  await db.query('use d');
  const rows: [number, number | null][] = [];
  for (let a = -10; a <= 10; a++) rows.push([a, (a * 7) % 13 === 0 ? null : (a * 7) % 13]);
  await db.query('create table u (a int, b int)');
  await db.query(`insert into u values ${rows.map(([a, b]) => `(${a}, ${lit(b)})`).join(', ')}, (null, 1)`);
  for (let i = 0; i < PARTITIONINGS.length; i++) {
    await db.query(`create table t${i} (a int, b int) ${PARTITIONINGS[i]}`);
    // Rows no partition admits are skipped with a warning (INSERT IGNORE), also in the reference table.
    await db.query(`insert ignore into t${i} select * from u`);
  }
  const text = async (sql: string) => {
    const r = await db.query(sql, [], { rowMode: 'array' });
    return (r.rows as unknown[][]).map((x) => JSON.stringify(x)).sort();
  };
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: PARTITIONINGS.length - 1 }),
      predicate,
      fc.boolean(),
      async (i, p, st) => {
        await db.query(`set tidb_partition_prune_mode = '${st ? 'static' : 'dynamic'}'`);
        const got = await text(`select a, b from t${i} where ${p}`);
        const all = await text(`select a, b from t${i}`);
        const expected = (await text(`select a, b from u where ${p}`)).filter((r) => all.includes(r));
        assert.deepEqual(got, expected, `t${i}: ${p}`);
      },
    ),
    { numRuns: 150 },
  );
});
