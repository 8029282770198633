import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';

type Rows = unknown[][];
let db: TiLite;

async function rows(sql: string): Promise<Rows> {
  return (await db.query(sql, [], { rowMode: 'array' })).rows as unknown as Rows;
}
const sorted = (r: Rows) => r.map((x) => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))).sort();

before(async () => {
  db = await TiLite.open();
  await db.exec(`
    create table o (a int, b int, c varchar(10), key ob(b));
    create table i (a int, b int, c varchar(10), key ia(a), key iab(a, b));
    create table h (id bigint primary key, v varchar(10));
    create table u (k int, v int, unique key uk(k));
    create table tiny (a tinyint, key ta(a));
  `);
  const ov: string[] = [];
  for (let n = 0; n < 300; n++) ov.push(`(${n % 40}, ${n}, 'o${n % 7}')`);
  ov.push('(null, 1000, null)');
  await db.query(`insert into o values ${ov.join(',')}`);
  const iv: string[] = [];
  for (let n = 0; n < 60; n++) iv.push(`(${n % 30}, ${n}, 'i${n % 5}')`);
  iv.push('(null, 7, null)');
  await db.query(`insert into i values ${iv.join(',')}`);
  await db.query(`insert into h values (1,'a'),(2,'b'),(3,'c'),(39,'z')`);
  await db.query(`insert into u values (1,10),(2,20),(3,30)`);
  await db.query(`insert into tiny values (1),(2),(127),(-128)`);
  await db.query('insert into o values (300, 5000, null)');
});

after(async () => {
  await db.close();
});

describe('index joins give the hash join result', () => {
  const cases = [
    'select {H} o.b, i.b from o join i on o.a = i.a',
    'select {H} o.b, i.b from o left join i on o.a = i.a',
    'select {H} o.b, i.b from o left join i on o.a = i.a and i.b > 20',
    'select {H} o.b, i.b from o join i on o.a = i.a and o.b < i.b',
    'select {H} o.b, i.b from o join i on o.a = i.a and o.b = i.b',
    'select {H} o.b, i.b from o left join i on o.a = i.a and o.b % 2 = 0',
    "select {H} o.b, i.b from o join i on o.a = i.a where i.c = 'i1'",
    'select {H} o.b, i.b from i right join o on o.a = i.a',
  ];
  for (const hint of ['INL_JOIN(i)', 'INL_HASH_JOIN(i)', 'INL_MERGE_JOIN(i)']) {
    for (const c of cases) {
      it(`${hint}: ${c}`, async () => {
        const expected = await rows(c.replace('{H}', '/*+ HASH_JOIN(i) */'));
        const r = await db.query(c.replace('{H}', `/*+ ${hint} */`), [], { rowMode: 'array' });
        assert.deepEqual(r.warnings, []);
        assert.deepEqual(sorted(r.rows as unknown as Rows), sorted(expected));
      });
    }
  }

  it('handle lookups (int primary key), inner and outer', async () => {
    for (const j of ['join', 'left join']) {
      const sql = `select {H} o.b, h.v from o ${j} h on o.a = h.id`;
      const expected = await rows(sql.replace('{H}', '/*+ HASH_JOIN(h) */'));
      assert.deepEqual(sorted(await rows(sql.replace('{H}', '/*+ INL_JOIN(h) */'))), sorted(expected));
      assert.deepEqual(sorted(await rows(sql.replace('{H}', '/*+ INL_HASH_JOIN(h) */'))), sorted(expected));
    }
  });

  it('keys that change value on conversion (300 into TINYINT) find nothing', async () => {
    const r = await db.query('select /*+ INL_JOIN(tiny) */ o.b, tiny.a from o join tiny on o.a = tiny.a', [], {
      rowMode: 'array',
    });
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(
      sorted(r.rows as unknown as Rows),
      sorted(await rows('select /*+ HASH_JOIN(tiny) */ o.b, tiny.a from o join tiny on o.a = tiny.a')),
    );
    const l = await rows(
      'select /*+ INL_JOIN(tiny) */ o.b, tiny.a from o left join tiny on o.a = tiny.a where o.a = 300',
    );
    assert.deepEqual(l, [[5000, null]]);
  });
});

describe('IndexLookUpJoin keeps the outer order', () => {
  it('outer rows in scan order, small batches, concurrency 8', async () => {
    const s = await db.session();
    await s.query('set tidb_index_join_batch_size = 40');
    await s.query('set tidb_index_lookup_join_concurrency = 8');
    const outer = ((await s.query('select o.b from o', [], { rowMode: 'array' })).rows as unknown as Rows).map(
      (r) => r[0],
    );
    const joined = (
      (await s.query('select /*+ INL_JOIN(i) */ o.b from o left join i on o.a = i.a', [], { rowMode: 'array' }))
        .rows as unknown as Rows
    ).map((r) => r[0]);
    const dedup = joined.filter((v, n) => n === 0 || joined[n - 1] !== v);
    assert.deepEqual(dedup, outer);
    await s.close();
  });
});

describe('hints and EXPLAIN', () => {
  it('an inapplicable hint warns 1815 with TiDB text', async () => {
    const r = await db.query('select /*+ INL_JOIN(o) */ * from o join i on o.a = i.a');
    assert.deepEqual(
      r.warnings.map((w) => [w.code, w.message]),
      [[1815, 'Optimizer Hint /*+ INL_JOIN(o) */ or /*+ TIDB_INLJ(o) */ is inapplicable']],
    );
    const h = await db.query('select /*+ INL_HASH_JOIN(o) */ * from o join i on o.c = i.c');
    assert.deepEqual(
      h.warnings.map((w) => w.message),
      ['Optimizer Hint /*+ INL_HASH_JOIN(o) */ is inapplicable'],
    );
  });

  it('EXPLAIN shows IndexJoin with its inner reader', async () => {
    const r = await rows('explain select /*+ INL_JOIN(i) */ o.b from o join i on o.a = i.a');
    const text = r.map((x) => `${x[0]} | ${x[4]}`).join('\n');
    assert.match(
      text,
      /IndexJoin_\d+ \| inner join, inner:IndexLookUp_\d+, outer key:test\.o\.a, inner key:test\.i\.a, equal cond:eq\(test\.o\.a, test\.i\.a\)/,
    );
    // The nullable inner key's derived not(isnull(...)) filters the index entries (Build side).
    assert.match(text, /Selection_\d+\(Build\) \| not\(isnull\(test\.i\.a\)\)/);
    assert.match(text, /IndexRangeScan_\d+ \| range: decided by \[eq\(test\.i\.a, test\.o\.a\)\], keep order:false/);
    const h = await rows('explain select /*+ INL_HASH_JOIN(h) */ o.b from o join h on o.a = h.id');
    const ht = h.map((x) => `${x[0]} | ${x[4]}`).join('\n');
    assert.match(ht, /IndexHashJoin_\d+ \| inner join, inner:TableReader_\d+/);
    assert.match(ht, /TableRangeScan_\d+ \| range: decided by \[eq\(test\.h\.id, test\.o\.a\)\]/);
  });

  it('EXPLAIN ANALYZE reports inner:{...} with the task count', async () => {
    const s = await db.session();
    await s.query('set tidb_index_lookup_join_concurrency = 3');
    const r = (
      await s.query('explain analyze select /*+ INL_JOIN(i) */ o.b from o join i on o.a = i.a', [], {
        rowMode: 'array',
      })
    ).rows as unknown as Rows;
    const join = r.find((x) => String(x[0]).includes('IndexJoin'))!;
    // 302 outer rows in batches of 32, 64, 128, 78.
    assert.match(
      String(join[5]),
      /inner:\{total:[^,]+, concurrency:3, task:4, construct:[^,]+, fetch:[^,]+, build:[^}]+\}/,
    );
    assert.equal(join[2], String((await rows('select o.b from o join i on o.a = i.a')).length));
    // The outer worker reads its whole child, so the outer reader scans in full batches: one batch, then the end.
    const outer = r.find((x) => /TableReader_\d+\(Build\)/.test(String(x[0])))!;
    assert.match(String(outer[5]), /loops:2\b/);
    await s.close();
  });

  it('by cost: a small outer side uses the inner index', async () => {
    const r = await rows('explain select o.b from o join i on o.a = i.a where o.b = 5');
    assert.ok(
      r.some((x) => String(x[0]).includes('IndexJoin')),
      JSON.stringify(r),
    );
    const big = await rows('explain select o.b from o join i on o.a = i.a');
    assert.ok(big.some((x) => String(x[0]).includes('HashJoin')));
  });
});

describe('lookup keys are sorted and de-duplicated as the index orders them', () => {
  it('signed, unsigned and beyond-2^53 integer keys, with duplicates, match the hash join', async () => {
    await db.exec(`
      create table ko (s bigint, u bigint unsigned);
      create table ks (s bigint, v int, key ks_s(s));
      create table ku (u bigint unsigned, v int, key ku_u(u));
    `);
    const big = '18446744073709551615';
    const signed = [-9007199254740993n, -5n, -1n, 0n, 3n, 3n, 9007199254740993n, -5n];
    const unsigned = ['0', '7', '7', '9007199254740993', big, '2'];
    await db.query(
      `insert into ko values ${signed.map((s, i) => `(${s}, ${unsigned[i % unsigned.length]})`).join(',')}`,
    );
    await db.query(`insert into ks values ${signed.map((s, i) => `(${s}, ${i})`).join(',')}`);
    await db.query(`insert into ku values ${unsigned.map((u, i) => `(${u}, ${i})`).join(',')}`);
    for (const [q, inner] of [
      ['select {H} ko.s, ks.v from ko join ks on ko.s = ks.s', 'ks'],
      ['select {H} ko.u, ku.v from ko join ku on ko.u = ku.u', 'ku'],
      ['select {H} ko.s, ks.v from ko left join ks on ko.s = ks.s and ks.v > 2', 'ks'],
      // Only safe integers: the numeric sort path (the queries above mix in bigints: the encoded one).
      ['select {H} ko.s, ks.v from ko join ks on ko.s = ks.s where ko.s between -100 and 100', 'ks'],
      ['select {H} ko.u, ku.v from ko join ku on ko.u = ku.u where ko.u < 100', 'ku'],
    ] as const) {
      const expected = sorted(await rows(q.replace('{H}', `/*+ HASH_JOIN(${inner}) */`)));
      assert.ok(expected.length > 8, q);
      for (const hint of ['INL_JOIN', 'INL_HASH_JOIN', 'INL_MERGE_JOIN']) {
        const r = await db.query(q.replace('{H}', `/*+ ${hint}(${inner}) */`), [], { rowMode: 'array' });
        assert.deepEqual(r.warnings, [], `${hint}: ${q}`);
        assert.deepEqual(sorted(r.rows as unknown as Rows), expected, `${hint}: ${q}`);
      }
    }
  });
});
