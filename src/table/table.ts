// The runtime table (TiDB's table/tables): writes a row and its index entries, checks unique keys,
// reads and decodes rows. One Table per published TableInfo object (cached), so column types, index
// layouts and origin defaults are computed once per schema version.
//
// Key layout (all under the physical table id: the table's id or a partition's id):
//   row            t{pid}_r{handle}                       → encodeRow(all columns by id)
//   unique index   t{pid}_i{idx}{values}                  → handle bytes (when no value is NULL)
//   other index    t{pid}_i{idx}{values}{handle bytes}    → '0'   (also unique indexes holding a NULL)
// Handle bytes: an int handle as a comparable int64 (8 bytes); a common handle as its encoded PK values.
// A global index of a partitioned table keeps one set of entries under the table's own id (not the
// partition's); each entry's value starts with the row's partition id as a comparable int64:
//   global unique  t{tid}_i{idx}{values}                  → pid bytes + handle bytes
//   global other   t{tid}_i{idx}{values}{handle bytes}    → pid bytes
// An index with restore data (IndexInfo.restoreData) whose columns include strings the key cannot give
// back appends to each value: per such non-NULL column, its trailing space count (`n;`, PAD SPACE binary
// collations) or its UTF-8 bytes (`len:bytes`, other collations), then that part's length in two bytes.
import type { ColumnInfo, IndexInfo, TableInfo } from '../catalog/model.js';
import { ER, internalError, sqlError } from '../errors/index.js';
import type { Bytes, Snapshot, Transaction } from '../kv/kv.js';
import { toStringValue } from '../types/convert.js';
import { getCollation } from '../types/collation.js';
import { CHARSET_BIN, type FieldType, Flag, TypeCode } from '../types/field-type.js';
import type { Value } from '../types/value.js';
import { ByteReader, bytesToUtf8, utf8ToBytes } from './codec/bytes.js';
import {
  decodeRowKeyHandle,
  encodeCommonHandleKey,
  encodeIndexKey,
  encodeRowKey,
  INDEX_PREFIX_LEN,
  indexPrefix,
  prefixNext,
  comparableInt,
  recordPrefix,
} from './codec/key.js';
import {
  decodeKeyValues,
  encodeKeyValues,
  isCollatedStringKey,
  isKeyDecodable,
  readComparableInt,
} from './codec/memcomparable.js';
import { decodeRow, encodeRow, type RowDecodePlan, rowDecodePlan } from './codec/row.js';
import { originDefaultValue } from './defaults.js';

/** A row handle: an integer (int PK or _tidb_rowid), or the encoded primary key of a clustered common-handle table. */
export type Handle = number | bigint | Bytes;

/** Hands out row ids for tables without an integer primary key handle (see auto-id.ts). */
export interface RowIdSource {
  alloc(count: number): Promise<number>;
}

export interface AddRecordOptions {
  /** The partition to write to; the table's own id when absent. */
  physicalId?: number;
  /** 'error' (default) checks the primary key and unique indexes; 'none' writes blindly (the caller checked). */
  dupCheck?: 'error' | 'none';
  /** An explicit handle (e.g. keeping the handle on UPDATE of a non-handle column set). */
  handle?: Handle;
  /** Where a _tidb_rowid comes from when the table has no integer/common handle and no handle is given. */
  rowIds?: RowIdSource;
}

/** What an entry's value keeps of a string column its key cannot give back (see the key layout above). */
type Restore = 'spaces' | 'value' | null;

/** An index as laid out in keys: the columns' offsets, types and prefix lengths. */
export interface IndexLayout {
  readonly info: IndexInfo;
  readonly offsets: readonly number[];
  readonly types: readonly FieldType[];
  /** Per column: prefix length (characters, bytes for binary strings), or -1. */
  readonly prefixLens: readonly number[];
  /** Whether every column's value can be read back from the entry (covering index reads). */
  readonly decodable: boolean;
  /** Per column, what values restore; null when no column needs it. */
  readonly restore: readonly Restore[] | null;
}

/** A key a new row must not find; `layout` is its unique index (none for the row key). */
interface UniqueCheck {
  key: Bytes;
  layout?: IndexLayout;
}

/** Length of the partition id that starts a global index entry's value. */
const PID_BYTES = 8;

/** A conflicting key found by findDuplicate. */
export interface Duplicate {
  /** The unique index; undefined for the row key (primary key handle). */
  index?: IndexInfo;
  handle: Handle;
  /** The physical table (partition) of the conflicting row: another partition's for a global index. */
  physicalId: number;
  /** `Duplicate entry '<text>' for key '<keyName>'` parts. */
  text: string;
  keyName: string;
}

const cache = new WeakMap<TableInfo, Table>();

/** The runtime table of a published TableInfo (cached per TableInfo object). */
export function tableOf(info: TableInfo): Table {
  let t = cache.get(info);
  if (!t) {
    t = new Table(info);
    cache.set(info, t);
  }
  return t;
}

export class Table {
  readonly info: TableInfo;
  readonly colIds: readonly number[];
  readonly types: readonly FieldType[];
  /** Values rows written before a column existed read (per offset). */
  readonly originDefaults: readonly Value[];
  /** Indexes that have their own key entries (every index but a clustered primary key), not yet dropped. */
  readonly indexes: readonly IndexLayout[];
  /** The clustered primary key when isCommonHandle. */
  readonly commonHandle?: IndexLayout;
  /** The column of the integer handle when pkIsHandle. */
  readonly handleColumn?: ColumnInfo;
  private readonly layouts = new Map<number, IndexLayout>();
  private readonly fullDecode: RowDecodePlan;

  constructor(info: TableInfo) {
    this.info = info;
    this.colIds = info.columns.map((c) => c.id);
    this.types = info.columns.map((c) => c.type);
    this.originDefaults = info.columns.map((c) => originDefaultValue(c));
    this.fullDecode = rowDecodePlan(this.colIds, this.types);
    const indexes: IndexLayout[] = [];
    for (const idx of info.indices) {
      const layout = this.buildLayout(idx);
      this.layouts.set(idx.id, layout);
      if (idx.primary && info.isCommonHandle) this.commonHandle = layout;
      else if (!(idx.primary && info.pkIsHandle) && idx.state !== 'none') indexes.push(layout);
    }
    this.indexes = indexes;
    if (info.pkIsHandle) {
      const pk = info.indices.find((i) => i.primary);
      this.handleColumn = pk
        ? info.columns[pk.columns[0]!.offset]
        : info.columns.find((c) => (c.type.flag & Flag.PriKey) !== 0);
    }
  }

  private buildLayout(idx: IndexInfo): IndexLayout {
    const types = idx.columns.map((c) => this.info.columns[c.offset]!.type);
    const prefixLens = idx.columns.map((c) => c.length);
    const restoreOf = (ft: FieldType, i: number): Restore => {
      if (!idx.restoreData || prefixLens[i]! >= 0 || isKeyDecodable(ft) || !isCollatedStringKey(ft)) return null;
      return getCollation(ft.collate)?.keyKeeps === 'trimmed' ? 'spaces' : 'value';
    };
    const kinds = types.map(restoreOf);
    const restore = kinds.some((k) => k !== null) ? kinds : null;
    const decodable = prefixLens.every((l) => l < 0) && types.every((t, i) => isKeyDecodable(t) || kinds[i] !== null);
    return { info: idx, offsets: idx.columns.map((c) => c.offset), types, prefixLens, decodable, restore };
  }

  /** The layout of an index of this table (by IndexInfo or id). */
  layout(index: IndexInfo | number): IndexLayout {
    const l = this.layouts.get(typeof index === 'number' ? index : index.id);
    if (!l)
      throw internalError(`index ${typeof index === 'number' ? index : index.name} not in table ${this.info.name}`);
    return l;
  }

  // ------------------------------------------------------------------ keys

  /** [start, end) of the table's (or partition's) rows. */
  recordRange(physicalId = this.info.id): [Bytes, Bytes] {
    const p = recordPrefix(physicalId);
    return [p, prefixNext(p)];
  }

  /** [start, end) of every entry of an index (of one partition, unless the index is global). */
  indexRange(index: IndexInfo, physicalId = this.info.id): [Bytes, Bytes] {
    const p = indexPrefix(this.indexTableId(index, physicalId), index.id);
    return [p, prefixNext(p)];
  }

  /** The id an index's entries are keyed under for rows of `physicalId`: the table's own for a global index. */
  indexTableId(index: IndexInfo, physicalId: number): number {
    return index.global ? this.info.id : physicalId;
  }

  rowKey(handle: Handle, physicalId = this.info.id): Bytes {
    return typeof handle === 'string' ? encodeCommonHandleKey(physicalId, handle) : encodeRowKey(physicalId, handle);
  }

  handleFromKey(key: Bytes): Handle {
    return decodeRowKeyHandle(key);
  }

  /** The handle of a row: its int PK, its encoded clustered PK, or undefined when it needs a _tidb_rowid. */
  handleOf(row: readonly Value[]): Handle | undefined {
    if (this.handleColumn) {
      const v = row[this.handleColumn.offset];
      if (v === null || v === undefined) throw internalError('NULL handle');
      return v as number | bigint;
    }
    if (this.commonHandle) return encodeKeyValues(indexValues(this.commonHandle, row), this.commonHandle.types);
    return undefined;
  }

  /** The seek key of an index at a tuple of leading column values (a range bound). */
  encodeIndexSeekKey(physicalId: number, index: IndexInfo, values: readonly Value[]): Bytes {
    const l = this.layout(index);
    return encodeIndexKey(physicalId, index.id, encodeKeyValues(values, l.types.slice(0, values.length)));
  }

  /** The handle an index entry points at. */
  handleFromIndexEntry(index: IndexInfo, key: Bytes, value: Bytes): Handle {
    if (index.restoreData) value = this.entryBase(this.layout(index), value);
    if (index.global) {
      if (value.length > PID_BYTES) return this.decodeHandleBytes(value.slice(PID_BYTES));
    } else if (value.length > 1) return this.decodeHandleBytes(value);
    // The non-unique form ends with the handle: an int handle is the key's last 8 bytes.
    if (!this.info.isCommonHandle) return readComparableInt(new ByteReader(key, key.length - 8));
    const l = this.layout(index);
    const pos = decodeKeyValues(key, l.types, INDEX_PREFIX_LEN).pos;
    return this.decodeHandleBytes(key.slice(pos));
  }

  /**
   * The index columns' values read back from an entry (covering reads): from its key, strings under a
   * text collation with its restore data; undefined for a column the entry cannot give (prefixes, JSON,
   * text strings of an index without restore data).
   */
  indexValuesFromEntry(index: IndexInfo, key: Bytes, value: Bytes): (Value | undefined)[] {
    const l = this.layout(index);
    const restore = l.restore;
    const { values } = decodeKeyValues(key, l.types, INDEX_PREFIX_LEN, restore !== null);
    for (let i = 0; i < values.length; i++) if (l.prefixLens[i]! >= 0) values[i] = undefined;
    if (restore) {
      const body = restoreBody(value);
      let pos = 0;
      for (let i = 0; i < restore.length; i++) {
        if (restore[i] === null || values[i] === null) continue;
        const sep = body.indexOf(restore[i] === 'spaces' ? ';' : ':', pos);
        const n = Number(body.slice(pos, sep));
        if (restore[i] === 'spaces') {
          values[i] = (values[i] as string) + ' '.repeat(n);
          pos = sep + 1;
        } else {
          values[i] = bytesToUtf8(body.slice(sep + 1, sep + 1 + n));
          pos = sep + 1 + n;
        }
      }
    }
    return values;
  }

  /** An entry's value without its restore data. */
  entryBase(l: IndexLayout, value: Bytes): Bytes {
    return l.restore ? value.slice(0, value.length - 2 - restoreLength(value)) : value;
  }

  /** The partition a global index entry's row is in. */
  partitionOfEntry(value: Bytes): number {
    return Number(readComparableInt(new ByteReader(value, 0)));
  }

  private handleBytes(handle: Handle): Bytes {
    return typeof handle === 'string' ? handle : comparableInt(handle);
  }

  private decodeHandleBytes(b: Bytes): Handle {
    if (this.info.isCommonHandle) return b;
    return readComparableInt(new ByteReader(b, 0));
  }

  /**
   * The key and value of a row's entry in an index, and whether a pessimistic statement that writes it
   * must lock it: a unique-form key (without the handle) can be met by writers of other rows, and so can
   * a global index's (rows of other partitions may share the handle); any other key changes only with its row.
   */
  indexEntry(
    l: IndexLayout,
    row: readonly Value[],
    handle: Handle,
    physicalId = this.info.id,
  ): [key: Bytes, value: Bytes, lock: boolean] {
    const values = indexValues(l, row);
    const encoded = encodeKeyValues(values, l.types);
    const tid = this.indexTableId(l.info, physicalId);
    const pid = l.info.global ? comparableInt(physicalId) : '';
    const restore = l.restore ? restoreSuffix(l.restore, values) : '';
    if (l.info.unique && !values.includes(null)) {
      return [encodeIndexKey(tid, l.info.id, encoded), pid + this.handleBytes(handle) + restore, true];
    }
    return [
      encodeIndexKey(tid, l.info.id, encoded + this.handleBytes(handle)),
      (l.info.global ? pid : '0') + restore,
      l.info.global === true,
    ];
  }

  /** Whether the entry is the unique form (its key alone identifies the value tuple). */
  isUniqueEntry(l: IndexLayout, row: readonly Value[]): boolean {
    return l.info.unique && !indexValues(l, row).includes(null);
  }

  // ------------------------------------------------------------------ rows

  encodeRowValue(row: readonly Value[]): Bytes {
    const values = this.colIds.map((_, i) => row[i] ?? null);
    return encodeRow(this.colIds, values, this.types);
  }

  /** Decodes a row key and value (table scans). */
  decodeRecord(key: Bytes, value: Bytes): { handle: Handle; row: Value[] } {
    return { handle: decodeRowKeyHandle(key), row: this.decodeRowValue(value) };
  }

  decodeRowValue(value: Bytes): Value[] {
    const raw = decodeRow(value, this.fullDecode);
    const row = raw as Value[];
    for (let i = 0; i < raw.length; i++) if (raw[i] === undefined) row[i] = this.originDefaults[i]!;
    return row;
  }

  async getRow(snap: Snapshot, handle: Handle, physicalId = this.info.id): Promise<Value[] | undefined> {
    const v = await snap.get(this.rowKey(handle, physicalId));
    return v === undefined ? undefined : this.decodeRowValue(v);
  }

  /**
   * The first existing row the given row would duplicate (row key, then unique indexes in order),
   * read through `reader`; NULLs never conflict.
   */
  async findDuplicate(
    reader: Snapshot,
    row: readonly Value[],
    handle: Handle | undefined,
    physicalId = this.info.id,
  ): Promise<Duplicate | undefined> {
    return this.firstDuplicate(reader, this.uniqueChecks(row, handle, physicalId), row, handle, physicalId);
  }

  private async firstDuplicate(
    reader: Snapshot,
    checks: UniqueCheck[],
    row: readonly Value[],
    handle: Handle | undefined,
    physicalId: number,
  ): Promise<Duplicate | undefined> {
    if (checks.length === 0) return undefined;
    const found = await reader.batchGet(checks.map((c) => c.key));
    for (let i = 0; i < checks.length; i++) {
      const c = checks[i]!;
      const v = found[i];
      if (v === undefined) continue;
      const global = c.layout?.info.global === true;
      const base = c.layout ? this.entryBase(c.layout, v) : v;
      const dupHandle = c.layout ? this.decodeHandleBytes(global ? base.slice(PID_BYTES) : base) : (handle as Handle);
      const text = c.layout
        ? entryText(c.layout, row)
        : this.commonHandle && !this.handleColumn
          ? entryText(this.commonHandle, row)
          : String(handle);
      const keyName = `${this.info.name}.${c.layout ? c.layout.info.name : 'PRIMARY'}`;
      const dupPid = global ? this.partitionOfEntry(v) : physicalId;
      return { index: c.layout?.info, handle: dupHandle, physicalId: dupPid, text, keyName };
    }
    return undefined;
  }

  /** The keys a new row must not find: its row key (when the handle is the user's) and its unique index keys. */
  private uniqueChecks(row: readonly Value[], handle: Handle | undefined, physicalId: number): UniqueCheck[] {
    const out: UniqueCheck[] = [];
    if (handle !== undefined) out.push({ key: this.rowKey(handle, physicalId) });
    for (const l of this.indexes) {
      if (!l.info.unique || l.info.state === 'deleteOnly') continue;
      const values = indexValues(l, row);
      if (values.includes(null)) continue;
      const tid = this.indexTableId(l.info, physicalId);
      out.push({ key: encodeIndexKey(tid, l.info.id, encodeKeyValues(values, l.types)), layout: l });
    }
    return out;
  }

  /** Reads for unique checks: pessimistic transactions lock the keys and read the newest data. */
  private async checkUnique(
    txn: Transaction,
    row: readonly Value[],
    handle: Handle | undefined,
    physicalId: number,
  ): Promise<void> {
    const checks = this.uniqueChecks(row, handle, physicalId);
    if (checks.length === 0) return;
    let reader: Snapshot = txn;
    if (txn.pessimistic) {
      await txn.lockKeys(checks.map((c) => c.key));
      reader = txn.currentRead();
    }
    const dup = await this.firstDuplicate(reader, checks, row, handle, physicalId);
    if (dup) throw sqlError(ER.DUP_ENTRY, dup.text, dup.keyName);
  }

  /** Writes a row and its index entries; returns its handle. Rows are aligned with info.columns. */
  async addRecord(txn: Transaction, row: readonly Value[], opts: AddRecordOptions = {}): Promise<Handle> {
    const pid = opts.physicalId ?? this.info.id;
    let handle = opts.handle ?? this.handleOf(row);
    const userHandle = handle !== undefined;
    if (handle === undefined) {
      if (!opts.rowIds) throw internalError(`table ${this.info.name} needs a row id source to add a record`);
      handle = await opts.rowIds.alloc(1);
    }
    if (opts.dupCheck !== 'none') await this.checkUnique(txn, row, userHandle ? handle : undefined, pid);
    // A row id just allocated is this row's alone: no other transaction can write its key, so a
    // pessimistic transaction need not lock it (a user's handle is locked: another may insert it too).
    txn.set(this.rowKey(handle, pid), this.encodeRowValue(row), userHandle);
    for (const l of this.indexes) {
      if (l.info.state === 'deleteOnly') continue;
      const [k, v, lock] = this.indexEntry(l, row, handle, pid);
      txn.set(k, v, lock);
    }
    return handle;
  }

  /** Deletes a row and its index entries. */
  async removeRecord(
    txn: Transaction,
    handle: Handle,
    row: readonly Value[],
    physicalId = this.info.id,
  ): Promise<void> {
    txn.delete(this.rowKey(handle, physicalId));
    for (const l of this.indexes) {
      const [k, , lock] = this.indexEntry(l, row, handle, physicalId);
      txn.delete(k, lock);
    }
  }

  /**
   * Replaces a row. Index entries whose key is unchanged stay; changed unique keys are checked.
   * A changed handle (int PK or clustered PK) is a remove plus an add. Returns the new handle.
   */
  async updateRecord(
    txn: Transaction,
    oldHandle: Handle,
    oldRow: readonly Value[],
    newRow: readonly Value[],
    physicalId = this.info.id,
  ): Promise<Handle> {
    const newHandle = this.handleOf(newRow) ?? oldHandle;
    if (!sameHandle(newHandle, oldHandle)) {
      await this.removeRecord(txn, oldHandle, oldRow, physicalId);
      return this.addRecord(txn, newRow, { physicalId, handle: newHandle });
    }
    const changes: {
      l: IndexLayout;
      oldKey: Bytes;
      oldLock: boolean;
      newKey: Bytes;
      value: Bytes;
      newLock: boolean;
    }[] = [];
    for (const l of this.indexes) {
      const [oldKey, oldValue, oldLock] = this.indexEntry(l, oldRow, oldHandle, physicalId);
      const [newKey, value, newLock] = this.indexEntry(l, newRow, newHandle, physicalId);
      // Same key, other restore data ('a' to 'a ' under PAD SPACE, 'a' to 'A' case-insensitively): rewrite the value.
      if (oldKey !== newKey || oldValue !== value) changes.push({ l, oldKey, oldLock, newKey, value, newLock });
    }
    for (const c of changes) if (c.oldKey !== c.newKey) txn.delete(c.oldKey, c.oldLock);
    const uniqueKeys = changes.filter(
      (c) => c.oldKey !== c.newKey && c.l.info.state !== 'deleteOnly' && this.isUniqueEntry(c.l, newRow),
    );
    if (uniqueKeys.length > 0) {
      let reader: Snapshot = txn;
      if (txn.pessimistic) {
        await txn.lockKeys(uniqueKeys.map((c) => c.newKey));
        reader = txn.currentRead();
      }
      const found = await reader.batchGet(uniqueKeys.map((c) => c.newKey));
      for (let i = 0; i < uniqueKeys.length; i++) {
        const c = uniqueKeys[i]!;
        if (found[i] !== undefined)
          throw sqlError(ER.DUP_ENTRY, entryText(c.l, newRow), `${this.info.name}.${c.l.info.name}`);
      }
    }
    for (const c of changes) if (c.l.info.state !== 'deleteOnly') txn.set(c.newKey, c.value, c.newLock);
    txn.set(this.rowKey(newHandle, physicalId), this.encodeRowValue(newRow));
    return newHandle;
  }
}

function sameHandle(a: Handle, b: Handle): boolean {
  return a === b || (typeof a !== 'string' && typeof b !== 'string' && BigInt(a) === BigInt(b));
}

/** The values a row puts in an index, cut to prefix lengths. */
function indexValues(l: IndexLayout, row: readonly Value[]): Value[] {
  const out: Value[] = new Array(l.offsets.length);
  for (let i = 0; i < l.offsets.length; i++) {
    const v = row[l.offsets[i]!] ?? null;
    const len = l.prefixLens[i]!;
    out[i] = len >= 0 && typeof v === 'string' ? cutPrefix(v, len, l.types[i]!) : v;
  }
  return out;
}

function cutPrefix(s: string, len: number, ft: FieldType): string {
  if (ft.charset === CHARSET_BIN) return s.length > len ? s.slice(0, len) : s;
  if (s.length <= len) return s;
  // Characters, not UTF-16 units.
  let i = 0;
  let n = 0;
  while (i < s.length && n < len) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    n++;
  }
  return s.slice(0, i);
}

/** The restore data of an entry (see the key layout above) for the index values `values`. */
function restoreSuffix(restore: readonly Restore[], values: readonly Value[]): string {
  let body = '';
  for (let i = 0; i < restore.length; i++) {
    const v = values[i];
    if (restore[i] === null || v === null || v === undefined) continue;
    const s = v as string;
    if (restore[i] === 'spaces') {
      let n = 0;
      while (n < s.length && s.charCodeAt(s.length - 1 - n) === 0x20) n++;
      body += `${n};`;
    } else {
      const bytes = utf8ToBytes(s);
      body += `${bytes.length}:${bytes}`;
    }
  }
  return body + String.fromCharCode(body.length >> 8, body.length & 0xff);
}

function restoreLength(value: Bytes): number {
  return (value.charCodeAt(value.length - 2) << 8) | value.charCodeAt(value.length - 1);
}

function restoreBody(value: Bytes): string {
  const n = restoreLength(value);
  return value.slice(value.length - 2 - n, value.length - 2);
}

/** The `Duplicate entry` text of a row in an index: the (prefix-cut) values joined by '-'. */
export function entryText(l: IndexLayout, row: readonly Value[]): string {
  return indexValues(l, row)
    .map((v, i) => toStringValue(v, l.types[i]!.tp === TypeCode.Float || l.types[i]!.tp === TypeCode.Double))
    .join('-');
}
