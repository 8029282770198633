// Property: the filters the planner derives (constant propagation over inner joins, not(isnull) on join
// keys, HAVING on GROUP BY columns below the aggregation, equalities pinned apart, integer comparisons
// with refined constants) never change a result. Random tables with NULLs and random conditions mixing
// integer, decimal and string constants; the expected rows come from evaluating the same conditions here,
// with MySQL's semantics (numbers compare as numbers, NULL satisfies no comparison).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TiLite } from '../../../src/index.js';

type Row = { a: number | null; b: number | null; c: number };

const cell = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const rows = fc.array(fc.record({ a: cell, b: cell }), { maxLength: 8 });

/** A constant as SQL text and as the number the comparison reads it as. */
const constant = fc.oneof(
  fc.integer({ min: -4, max: 4 }).map((n) => ({ sql: String(n), value: n })),
  fc.integer({ min: -8, max: 8 }).map((n) => ({ sql: (n / 2).toFixed(1), value: n / 2 })),
  fc.integer({ min: -4, max: 4 }).map((n) => ({ sql: `'${n}'`, value: n })),
);
const op = fc.constantFrom('=', '<', '<=', '>', '>=', '!=');
const column = fc.constantFrom('x.a', 'x.b', 'y.a', 'y.b');

interface Atom {
  sql: string;
  holds: (x: Row, y: Row) => boolean;
}

function compare(v: number | null, o: string, k: number): boolean {
  if (v === null) return false;
  switch (o) {
    case '=':
      return v === k;
    case '<':
      return v < k;
    case '<=':
      return v <= k;
    case '>':
      return v > k;
    case '>=':
      return v >= k;
    default:
      return v !== k;
  }
}

const read = (name: string, x: Row, y: Row) => {
  const [t, c] = name.split('.') as ['x' | 'y', 'a' | 'b'];
  return (t === 'x' ? x : y)[c];
};

const atom: fc.Arbitrary<Atom> = fc.oneof(
  fc.tuple(column, op, constant).map(([c, o, k]) => ({
    sql: `${c} ${o} ${k.sql}`,
    holds: (x: Row, y: Row) => compare(read(c, x, y), o, k.value),
  })),
  fc.tuple(column, fc.array(constant, { minLength: 1, maxLength: 3 })).map(([c, ks]) => ({
    sql: `${c} IN (${ks.map((k) => k.sql).join(', ')})`,
    holds: (x: Row, y: Row) => ks.some((k) => compare(read(c, x, y), '=', k.value)),
  })),
);

const sorted = (r: unknown[][]) => r.map((x) => JSON.stringify(x)).sort();

test('derived filters keep every result', async () => {
  const db = await TiLite.open();
  try {
    await fc.assert(
      fc.asyncProperty(
        rows,
        rows,
        fc.array(atom, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('a', 'b'),
        async (xs, ys, atoms, key) => {
          await db.query('DROP TABLE IF EXISTS x, y');
          await db.query('CREATE TABLE x (a INT, b INT, c INT, KEY ia (a))');
          await db.query('CREATE TABLE y (a INT, b INT NOT NULL DEFAULT 0, c INT, KEY ib (b))');
          const x: Row[] = xs.map((r, i) => ({ ...r, c: i }));
          // y.b is NOT NULL: its NULLs are stored as 0.
          const y: Row[] = ys.map((r, i) => ({ ...r, b: r.b ?? 0, c: 100 + i }));
          for (const [t, data] of [
            ['x', x],
            ['y', y],
          ] as const) {
            if (data.length === 0) continue;
            const values = data.map((r) => `(${r.a ?? 'NULL'}, ${r.b ?? 'NULL'}, ${r.c})`).join(', ');
            await db.query(`INSERT INTO ${t} VALUES ${values}`);
          }
          const where = atoms.map((a) => a.sql).join(' AND ');
          const join = `SELECT x.c, y.c FROM x JOIN y ON x.${key} = y.${key} WHERE ${where}`;
          const expected: unknown[][] = [];
          for (const r of x) {
            for (const s of y) {
              if (r[key] === null || s[key] === null || r[key] !== s[key]) continue;
              if (atoms.every((a) => a.holds(r, s))) expected.push([r.c, s.c]);
            }
          }
          const got = (await db.query(join, [], { rowMode: 'array' })).rows as unknown[][];
          assert.deepEqual(sorted(got), sorted(expected), join);

          // HAVING on the group key (conditions on x alone, the key read as the group's).
          const onX = atoms.filter((a) => a.sql.startsWith(`x.${key} `));
          if (onX.length > 0) {
            const having = `SELECT x.${key}, count(*) FROM x GROUP BY x.${key} HAVING ${onX.map((a) => a.sql).join(' AND ')}`;
            const groups = new Map<number | null, number>();
            for (const r of x) groups.set(r[key], (groups.get(r[key]) ?? 0) + 1);
            const want = [...groups]
              .filter(([k]) => onX.every((a) => a.holds({ a: k, b: k, c: 0 }, { a: null, b: null, c: 0 })))
              .map(([k, n]) => [k, n]);
            const have = (await db.query(having, [], { rowMode: 'array' })).rows as unknown[][];
            assert.deepEqual(sorted(have), sorted(want), having);
          }
        },
      ),
      { numRuns: 150 },
    );
  } finally {
    await db.close();
  }
});
