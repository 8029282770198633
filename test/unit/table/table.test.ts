import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ColumnInfo, IndexInfo, TableInfo } from '../../../src/catalog/model.js';
import type { Storage } from '../../../src/kv/kv.js';
import { openStorage } from '../../../src/store/open-storage.js';
import { allocatorFor, nextAutoIncrement, persistedAutoIdBase } from '../../../src/table/auto-id.js';
import { columnDefault, NO_DEFAULT } from '../../../src/table/defaults.js';
import { tableOf } from '../../../src/table/table.js';
import { LENIENT_CONTEXT } from '../../../src/types/context.js';
import { type FieldType, Flag, newFieldType, TypeCode } from '../../../src/types/field-type.js';
import type { Value } from '../../../src/types/value.js';

const INT = (flag = 0): FieldType => newFieldType(TypeCode.Long, { flen: 11, decimal: 0, flag });
const VARCHAR = (collate = 'utf8mb4_bin'): FieldType =>
  newFieldType(TypeCode.Varchar, { flen: 20, decimal: 0, charset: 'utf8mb4', collate });

function col(id: number, name: string, type: FieldType, extra: Partial<ColumnInfo> = {}): ColumnInfo {
  return {
    id,
    name,
    offset: id - 1,
    type,
    autoIncrement: false,
    onUpdateNow: false,
    comment: '',
    state: 'public',
    ...extra,
  };
}

function idx(
  id: number,
  name: string,
  offsets: number[],
  cols: ColumnInfo[],
  extra: Partial<IndexInfo> = {},
): IndexInfo {
  return {
    id,
    name,
    columns: offsets.map((o) => ({ name: cols[o]!.name, offset: o, length: -1 })),
    unique: false,
    primary: false,
    comment: '',
    visible: true,
    indexType: 'BTREE',
    state: 'public',
    ...extra,
  };
}

function table(id: number, columns: ColumnInfo[], indices: IndexInfo[], extra: Partial<TableInfo> = {}): TableInfo {
  return {
    id,
    name: 't',
    charset: 'utf8mb4',
    collate: 'utf8mb4_bin',
    comment: '',
    columns,
    indices,
    pkIsHandle: false,
    isCommonHandle: false,
    maxColumnId: columns.length,
    maxIndexId: indices.length,
    createTime: 0,
    updateTime: 0,
    ...extra,
  };
}

async function rejects1062(p: Promise<unknown>, message: string): Promise<void> {
  await assert.rejects(p, (e: Error & { code?: number }) => {
    assert.equal(e.code, 1062);
    assert.equal(e.message, message);
    return true;
  });
}

async function scanAll(storage: Storage, start: string, end: string) {
  const out: { key: string; value: string }[] = [];
  for await (const b of storage.snapshot().scan(start, end)) out.push(...b);
  return out;
}

describe('table: int handle', () => {
  const cols = [
    col(1, 'id', INT(Flag.PriKey | Flag.NotNull)),
    col(2, 'b', VARCHAR('utf8mb4_general_ci')),
    col(3, 'c', INT()),
  ];
  const info = table(
    10,
    cols,
    [
      idx(1, 'PRIMARY', [0], cols, { primary: true, unique: true }),
      idx(2, 'ub', [1], cols, { unique: true }),
      idx(3, 'kc', [2], cols),
    ],
    { pkIsHandle: true },
  );

  it('adds, reads, detects duplicates, updates and removes', async () => {
    const storage = await openStorage({});
    const t = tableOf(info);
    assert.equal(tableOf(info), t);
    let txn = storage.begin();
    assert.equal(await t.addRecord(txn, [1, 'a', 5]), 1);
    await t.addRecord(txn, [2, null, 5]);
    await t.addRecord(txn, [3, null, 6]);
    await rejects1062(t.addRecord(txn, [1, 'z', 0]), "Duplicate entry '1' for key 't.PRIMARY'");
    await rejects1062(t.addRecord(txn, [4, 'A', 0]), "Duplicate entry 'A' for key 't.ub'");
    await txn.commit();

    const snap = storage.snapshot();
    assert.deepEqual(await t.getRow(snap, 2), [2, null, 5]);
    assert.equal(await t.getRow(snap, 9), undefined);
    const [s, e] = t.recordRange();
    const rows = (await scanAll(storage, s, e)).map((p) => t.decodeRecord(p.key, p.value));
    assert.deepEqual(
      rows.map((r) => r.handle),
      [1, 2, 3],
    );
    // Non-unique index kc: entries ordered by value then handle.
    const kc = info.indices[2]!;
    const [is, ie] = t.indexRange(kc);
    const entries = await scanAll(storage, is, ie);
    assert.deepEqual(
      entries.map((p) => t.handleFromIndexEntry(kc, p.key, p.value)),
      [1, 2, 3],
    );
    assert.deepEqual(
      entries.map((p) => t.indexValuesFromEntry(kc, p.key, p.value)),
      [[5], [5], [6]],
    );
    const seek = t.encodeIndexSeekKey(10, kc, [6]);
    assert.ok(entries[2]!.key.startsWith(seek));

    txn = storage.begin();
    await t.updateRecord(txn, 1, [1, 'a', 5], [1, 'b', 7]);
    await rejects1062(t.updateRecord(txn, 2, [2, null, 5], [2, 'B', 5]), "Duplicate entry 'B' for key 't.ub'");
    await t.updateRecord(txn, 3, [3, null, 6], [30, 'x', 6]);
    await t.removeRecord(txn, 2, [2, null, 5]);
    await txn.commit();
    const after = (await scanAll(storage, s, e)).map((p) => t.decodeRecord(p.key, p.value).row);
    assert.deepEqual(after, [
      [1, 'b', 7],
      [30, 'x', 6],
    ]);
    // Index entries exactly match the rows: 2 per index.
    const all = await scanAll(storage, t.indexRange(info.indices[1]!)[0], t.indexRange(kc)[1]);
    assert.equal(all.length, 4);
    const ub = info.indices[1]!;
    const ubEntries = await scanAll(storage, ...t.indexRange(ub));
    assert.deepEqual(ubEntries.map((p) => t.handleFromIndexEntry(ub, p.key, p.value)).sort(), [1, 30]);
  });

  it('pessimistic transactions check against rows committed after they began', async () => {
    const storage = await openStorage({});
    const t = tableOf(info);
    const a = storage.begin({ pessimistic: true });
    const b = storage.begin();
    await t.addRecord(b, [7, 'q', 1]);
    await b.commit();
    // The lock meets a newer commit: 9007 asks the session to retry at a fresh forUpdateTs.
    await assert.rejects(t.addRecord(a, [7, 'r', 1]), (e: Error & { code?: number }) => e.code === 9007);
    a.refreshForUpdateTs();
    await rejects1062(t.addRecord(a, [7, 'r', 1]), "Duplicate entry '7' for key 't.PRIMARY'");
    a.rollback();
  });
});

describe('table: row ids, composite and common handles', () => {
  it('allocates _tidb_rowid and checks composite unique keys (NULLs never conflict)', async () => {
    const storage = await openStorage({});
    const cols = [col(1, 'a', INT()), col(2, 'b', INT())];
    const info = table(20, cols, [idx(1, 'ab', [0, 1], cols, { unique: true })]);
    const t = tableOf(info);
    const rowIds = allocatorFor(storage, 20);
    const txn = storage.begin();
    assert.equal(await t.addRecord(txn, [1, 2], { rowIds }), 1);
    assert.equal(await t.addRecord(txn, [1, null], { rowIds }), 2);
    assert.equal(await t.addRecord(txn, [1, null], { rowIds }), 3);
    await rejects1062(t.addRecord(txn, [1, 2], { rowIds }), "Duplicate entry '1-2' for key 't.ab'");
    await txn.commit();
  });

  it('clustered composite primary key is the handle', async () => {
    const storage = await openStorage({});
    const cols = [col(1, 'a', VARCHAR()), col(2, 'b', INT()), col(3, 'c', INT())];
    const info = table(
      30,
      cols,
      [idx(1, 'PRIMARY', [0, 1], cols, { primary: true, unique: true }), idx(2, 'kc', [2], cols)],
      { isCommonHandle: true },
    );
    const t = tableOf(info);
    const txn = storage.begin();
    const h = await t.addRecord(txn, ['x', 1, 9]);
    assert.equal(typeof h, 'string');
    await rejects1062(t.addRecord(txn, ['x', 1, 0]), "Duplicate entry 'x-1' for key 't.PRIMARY'");
    await txn.commit();
    const kc = info.indices[1]!;
    const [entry] = await scanAll(storage, ...t.indexRange(kc));
    const handle = t.handleFromIndexEntry(kc, entry!.key, entry!.value);
    assert.equal(handle, h);
    assert.deepEqual(await t.getRow(storage.snapshot(), handle), ['x', 1, 9]);
  });

  it('rows written before ADD COLUMN read the origin default', async () => {
    const storage = await openStorage({});
    const cols = [col(1, 'a', INT())];
    const t1 = tableOf(table(40, cols, []));
    const txn = storage.begin();
    const h = await t1.addRecord(txn, [5], { rowIds: allocatorFor(storage, 40) });
    await txn.commit();
    const cols2 = [...cols, col(2, 'b', INT(), { originDefault: { kind: 'literal', text: '42' } })];
    const t2 = tableOf(table(40, cols2, []));
    assert.deepEqual(await t2.getRow(storage.snapshot(), h), [5, 42]);
  });
});

describe('auto ids', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('allocates with increment/offset, rebases, and never repeats after restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tilite-autoid-'));
    dirs.push(dir);
    let storage = await openStorage({ dir });
    const t = tableOf(table(50, [col(1, 'a', INT())], []));
    assert.deepEqual(await nextAutoIncrement(storage, t, 3), [1, 2, 3]);
    assert.deepEqual(await nextAutoIncrement(storage, t, 2, { increment: 5, offset: 2 }), [7, 12]);
    await allocatorFor(storage, 50).rebase(100);
    assert.deepEqual(await nextAutoIncrement(storage, t, 1), [101]);
    await allocatorFor(storage, 50).rebase(50);
    assert.deepEqual(await nextAutoIncrement(storage, t, 1), [102]);
    assert.ok((await persistedAutoIdBase(storage, 50)) >= 102);
    await storage.close();
    storage = await openStorage({ dir });
    const [v] = await nextAutoIncrement(storage, t, 1);
    assert.ok(v! > 102);
    await storage.close();
  });

  it('concurrent allocations hand out distinct values', async () => {
    const storage = await openStorage({});
    const a = allocatorFor(storage, 60);
    const got = await Promise.all(Array.from({ length: 50 }, () => a.alloc()));
    assert.equal(new Set(got).size, 50);
  });
});

describe('defaults', () => {
  const ctx = { typeContext: LENIENT_CONTEXT, nowMicros: Date.UTC(2024, 0, 2, 3, 4, 5) * 1000 };
  it('evaluates literal, NULL, CURRENT_TIMESTAMP and missing defaults', () => {
    const d = columnDefault(col(1, 'a', INT(), { default: { kind: 'literal', text: '7' } }), ctx);
    assert.equal(d, 7);
    assert.equal(columnDefault(col(1, 'a', INT()), ctx), null);
    assert.equal(columnDefault(col(1, 'a', INT(Flag.NotNull)), ctx), NO_DEFAULT);
    const ts = newFieldType(TypeCode.Datetime, { flen: 19, decimal: 0 });
    const v = columnDefault(col(1, 'a', ts, { default: { kind: 'expr', expr: 'CURRENT_TIMESTAMP' } }), ctx) as Value;
    assert.equal(String(v), '2024-01-02 03:04:05');
  });
});
