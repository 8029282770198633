import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';
import { diffResults, normaliseRows } from '../../../src/tools/tpch/compare.js';
import { generateTpch, insertStatements, type TpchTable, tpchBaseCounts } from '../../../src/tools/tpch/generator.js';
import { tpchQueries, tpchSchema, translate } from '../../../src/tools/tpch/queries.js';

function digest(tables: TpchTable[]): string {
  const h = createHash('sha256');
  for (const t of tables) for (const r of t.rows) h.update(`${t.name}|${r.join('|')}\n`);
  return h.digest('hex');
}

const SF = 0.01;
const tables = generateTpch(SF, 1);
const byName = new Map(tables.map((t) => [t.name, t]));
const rows = (name: string) => byName.get(name)?.rows ?? [];

describe('TPC-H generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    assert.equal(digest(generateTpch(SF, 1)), digest(tables));
    assert.notEqual(digest(generateTpch(SF, 2)), digest(tables));
  });

  it('has the specified row counts at SF 0.01', () => {
    assert.deepEqual(tpchBaseCounts(SF), {
      region: 5,
      nation: 25,
      part: 2000,
      supplier: 100,
      partsupp: 8000,
      customer: 1500,
      orders: 15000,
    });
    for (const [name, n] of Object.entries(tpchBaseCounts(SF))) assert.equal(rows(name).length, n, name);
    const lines = rows('lineitem').length;
    // 1 to 7 lines per order, 4 on average.
    assert.ok(lines > 15000 * 3.8 && lines < 15000 * 4.2, `lineitem rows ${lines}`);
  });

  it('follows the specification distributions', () => {
    const orders = rows('orders');
    for (const o of orders) {
      const key = o[0] as number;
      assert.ok((key - 1) % 32 < 8, `sparse order key ${key}`);
      assert.notEqual((o[1] as number) % 3, 0, 'every third customer has no orders');
    }
    const suppliersOf = new Map<number, Set<number>>();
    for (const ps of rows('partsupp')) {
      const set = suppliersOf.get(ps[0] as number) ?? new Set();
      set.add(ps[1] as number);
      suppliersOf.set(ps[0] as number, set);
    }
    assert.ok(
      [...suppliersOf.values()].every((s) => s.size === 4),
      'four distinct suppliers per part',
    );
    const orderDate = new Map(orders.map((o) => [o[0] as number, o[4] as string]));
    for (const l of rows('lineitem')) {
      assert.ok(suppliersOf.get(l[1] as number)?.has(l[2] as number), 'lineitem supplier supplies the part');
      const day = (s: unknown) => Date.parse(String(s)) / 86_400_000;
      const od = day(orderDate.get(l[0] as number));
      const ship = day(l[10]);
      assert.ok(ship - od >= 1 && ship - od <= 121);
      assert.ok(day(l[12]) - ship >= 1 && day(l[12]) - ship <= 30);
      assert.equal(l[9], ship > day('1995-06-17') ? 'O' : 'F');
    }
    assert.ok(rows('supplier').some((s) => /Customer.*Complaints/.test(String(s[6]))));
  });

  it('writes multi-row INSERT statements', () => {
    const [first] = insertStatements(byName.get('region') as TpchTable, 2);
    assert.match(first, /^INSERT INTO region VALUES \(0,'AFRICA','[^']*'\),\(1,'AMERICA','[^']*'\)$/);
  });
});

describe('TPC-H query translation', () => {
  it('rewrites interval arithmetic, EXTRACT and SUBSTRING for SQLite', () => {
    assert.equal(translate("date_add('1994-01-01', interval '1' year)", 'sqlite'), "date('1994-01-01', '+1 year')");
    assert.equal(translate("date_sub('1998-12-01', interval 108 day)", 'sqlite'), "date('1998-12-01', '-108 day')");
    assert.equal(translate('extract(year from o_orderdate)', 'sqlite'), "cast(strftime('%Y', o_orderdate) as integer)");
    assert.equal(translate('substring(c_phone from 1 for 2)', 'sqlite'), 'substr(c_phone, 1, 2)');
    assert.equal(translate('between 0.06 - 0.01 and 0.06 + 0.01', 'sqlite'), 'between 0.05 and 0.07');
    assert.equal(
      translate("date_add('1993-08-01', interval '3' month)", 'duckdb'),
      "cast(date '1993-08-01' + interval '3' month as date)",
    );
  });

  it('finds the 22 queries', () => {
    assert.equal(tpchQueries().length, 22);
    assert.equal(tpchSchema().length, 8);
  });
});

type SqliteDb = { exec(sql: string): void; prepare(sql: string): { raw(on: boolean): { all(): unknown[][] } } };
let openSqlite: (() => SqliteDb) | string;
try {
  const mod = (await import('better-sqlite3' as string)) as { default: new (f: string) => SqliteDb };
  new mod.default(':memory:');
  openSqlite = () => new mod.default(':memory:');
} catch (err) {
  openSqlite = `better-sqlite3 does not load here: ${(err as Error).message.split('\n')[0]}`;
}

describe('TPC-H results: TiLite equals better-sqlite3 at SF 0.01', {
  skip: typeof openSqlite === 'string' ? openSqlite : false,
}, () => {
  let db: TiLite;
  let lite: SqliteDb;
  before(async () => {
    db = await TiLite.open();
    lite = (openSqlite as () => SqliteDb)();
    for (const s of tpchSchema()) {
      await db.query(s);
      lite.exec(s);
    }
    for (const t of tables) {
      lite.exec('BEGIN');
      for (const stmt of insertStatements(t)) {
        await db.query(stmt);
        lite.exec(stmt);
      }
      lite.exec('COMMIT');
    }
  });
  after(() => db?.close());

  // All 22 queries; Q18 and Q21 return no rows at SF 0.01, so an empty result must equal an empty one.
  for (const q of tpchQueries()) {
    it(`Q${q.n}`, async () => {
      let mine: unknown[][] = [];
      let theirs: unknown[][] = [];
      for (const s of q.statements) {
        const isSelect = /^\s*select/i.test(s);
        const r = await db.query<unknown[]>(s, [], { rowMode: 'array' });
        if (isSelect) mine = r.rows;
        const t = translate(s, 'sqlite');
        if (isSelect) theirs = lite.prepare(t).raw(true).all();
        else lite.exec(t);
      }
      assert.equal(diffResults(normaliseRows(theirs), normaliseRows(mine)), null);
    });
  }
});
