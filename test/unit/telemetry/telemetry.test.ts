import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';
import { KEPT_WINDOWS, SUB_WINDOW_MS, TelemetryCollector, WINDOW_MS } from '../../../src/telemetry/collector.js';

const usage = (o: Record<string, number>) => new Map(Object.entries(o));

describe('telemetry collector windows', () => {
  it('rolls 10 s sub-windows into hourly windows and keeps six hours', () => {
    let now = 5 * WINDOW_MS;
    const c = new TelemetryCollector(() => now, 'id');
    c.mergeUsage(usage({ EQInt: 1 }));
    now += SUB_WINDOW_MS / 2;
    c.mergeUsage(usage({ EQInt: 2, PlusInt: 1 }));
    now += SUB_WINDOW_MS;
    c.mergeUsage(usage({ EQInt: 4 }));
    assert.deepEqual(Object.fromEntries(c.builtinFunctionsUsage()), { EQInt: 7, PlusInt: 1 });
    assert.equal(c.windows().length, 1);
    for (let h = 1; h <= KEPT_WINDOWS; h++) {
      now += WINDOW_MS;
      c.mergeUsage(usage({ LTInt: h }));
    }
    const w = c.windows();
    assert.equal(w.length, KEPT_WINDOWS);
    assert.deepEqual(Object.fromEntries(c.builtinFunctionsUsage()), { LTInt: 21 });
    assert.ok(w.every((x) => x.beginAt % WINDOW_MS === 0));
  });
});

describe('builtin usage counting', () => {
  it('counts once per function of the user statement; partition expressions never count; merged at close when enabled', async () => {
    const db = await TiLite.open();
    await db.query('set global tidb_enable_telemetry = ON');
    await db.query('create table p (a int, b int) partition by hash(a + 1) partitions 4');
    const s = await db.session();
    await s.query('insert into p values (1, 2), (3, 4), (5, 6)');
    await s.query('select a + b from p where a > 1');
    assert.deepEqual(Object.fromEntries(s.session.usage), { PlusInt: 1, GTInt: 1 });
    await s.close();
    assert.deepEqual(Object.fromEntries(db.domain.telemetry.builtinFunctionsUsage()), { PlusInt: 1, GTInt: 1 });
    const r = await db.query<Record<string, string>>('admin show telemetry');
    assert.deepEqual(Object.keys(r.rows[0]!), ['TRACKING_ID', 'LAST_STATUS', 'DATA_PREVIEW']);
    assert.deepEqual(JSON.parse(r.rows[0]!.DATA_PREVIEW!).builtinFunctionsUsage, { GTInt: 1, PlusInt: 1 });
    await db.query('set global tidb_enable_telemetry = OFF');
    const off = await db.session();
    await off.query('select 1 + 1');
    await off.close();
    assert.deepEqual(Object.fromEntries(db.domain.telemetry.builtinFunctionsUsage()), { PlusInt: 1, GTInt: 1 });
    await db.close();
  });
});

describe('index join over partitioned tables by prune mode', () => {
  it('static mode: not chosen, the hint warns; dynamic: chosen', async () => {
    const db = await TiLite.open();
    await db.exec(`
      create table o (a int);
      create table p (a int, key ia(a)) partition by hash(a) partitions 4;
      insert into o values (1), (2), (3);
      insert into p values (1), (2), (2), (7);
      analyze table p;
    `);
    await db.query("set tidb_partition_prune_mode = 'static'");
    const st = await db.query('select /*+ INL_JOIN(p) */ o.a from o join p on o.a = p.a', [], { rowMode: 'array' });
    assert.deepEqual(
      st.warnings.map((w) => w.message),
      ['Optimizer Hint /*+ INL_JOIN(p) */ or /*+ TIDB_INLJ(p) */ is inapplicable'],
    );
    await db.query("set tidb_partition_prune_mode = 'dynamic'");
    const dy = await db.query('select /*+ INL_JOIN(p) */ o.a from o join p on o.a = p.a', [], { rowMode: 'array' });
    assert.deepEqual(dy.warnings, []);
    assert.deepEqual(dy.rows, [[1], [2], [2]]);
    const ex = await db.query('explain select /*+ INL_JOIN(p) */ o.a from o join p on o.a = p.a', [], {
      rowMode: 'array',
    });
    assert.match(JSON.stringify(ex.rows), /IndexJoin_\d+/);
    assert.match(JSON.stringify(ex.rows), /table:p(, partition:all)?, index:ia\(a\)/);
    await db.close();
  });
});
