// The inner side of an index join: for one batch of lookup keys, the inner table's rows whose index
// prefix (or handle) equals a key. Everything here is compiled once per executor and read-only while
// the inner workers run; each call allocates its own buffers.
import type { IndexInfo } from '../../catalog/model.js';
import type { EvalContext } from '../../expression/eval-context.js';
import type { Column } from '../../expression/expression.js';
import { comparatorFor, type ValueComparator } from '../../expression/value-compare.js';
import type { Bytes, KeyRange, KvPair, Snapshot } from '../../kv/kv.js';
import type { DataSource } from '../../planner/plans.js';
import { ByteReader } from '../../table/codec/bytes.js';
import { indexPrefix, prefixRange, recordPrefix } from '../../table/codec/key.js';
import { encodeKeyValues, readComparableInt } from '../../table/codec/memcomparable.js';
import { type PartitionRouter, partitionRouterOf } from '../../table/partition.js';
import { rowFromStored, timestampPositions, timestampTypePositions, valuesToStored } from '../../table/stored-time.js';
import { type Handle, type Table, tableOf } from '../../table/table.js';
import { convertForColumn } from '../../types/convert-column.js';
import type { TypeContext } from '../../types/context.js';
import { type FieldType, intRange, isIntegerType, isUnsigned, TypeCode } from '../../types/field-type.js';
import type { Row, Value } from '../../types/value.js';
import { allOf, compileConditions, type compileFilter, passesConditions } from '../executor.js';
import { FilteredRowDecoder, RowDecoding } from '../filtered-row-decoder.js';
import { readIds } from '../range-scan.js';

/** What a batch lookup read, for runtime stats. */
export interface LookupCounts {
  keys: number;
  rows: number;
}

/** A batch's lookup keys in index order, with their memcomparable encodings. */
export interface LookupKeys {
  values: Value[][];
  encoded: Bytes[];
}

/** Conversions of a lookup key to the inner column's type must not warn; this context records whether they did. */
class ProbeContext implements TypeContext {
  warned = false;
  readonly truncateAsWarning = true;
  readonly noZeroDate = false;
  readonly noZeroInDate = false;
  readonly allowInvalidDates = false;
  constructor(
    readonly timeZoneOffsetMinutes: number,
    readonly divPrecisionIncrement: number,
  ) {}
  appendWarning(): void {
    this.warned = true;
  }
}

export class InnerLookup {
  readonly table: Table;
  /** The lookup columns' types (index columns in order, or the handle's). */
  readonly keyTypes: FieldType[];
  private readonly keyNames: string[];
  private readonly comparators: ValueComparator[];
  /** Per lookup key: the integer column's range, when an integer in it needs no conversion (else null). */
  private readonly intBounds: (readonly [number, number] | null)[];
  /** Decodes a stored row straight into the data source's schema (in two steps around a selective filter). */
  private readonly decoding: RowDecoding;
  /** Row positions of TIMESTAMP columns, and lookup key positions of TIMESTAMP keys (stored in UTC). */
  private readonly tsPos: number[];
  private readonly tsKeyPos: number[];
  /** Each physical table's index prefix (record prefix for a clustered key), built before any worker runs. */
  private readonly indexPrefixes: ReadonlyMap<number, Bytes>;
  /** The lookup index is a clustered primary key: its "entries" are the rows, under the record prefix. */
  private readonly clustered: boolean;
  private readonly filter: ReturnType<typeof compileFilter>;
  /** The conditions one by one, for rows decoded in stages. */
  private readonly conditions: ReturnType<typeof compileConditions>;
  /** Physical tables the inner side may read: explicit PARTITION (...) and plan-time pruning respected. */
  private readonly physIds: number[];
  private readonly physIdSet: ReadonlySet<number>;
  private readonly router: PartitionRouter | null;
  /** For each column offset the router reads, which lookup key carries it; null when a key is missing. */
  private readonly routeKeyOf: number[] | null;

  constructor(
    readonly ds: DataSource,
    readonly index: IndexInfo | null,
    /** Table column offsets of the lookup keys, in index-column order. */
    keyOffsets: readonly number[],
    schema: readonly Column[],
    /** Dynamic prune mode: prune partitions per key. */
    prunePerBatch: boolean,
  ) {
    this.table = tableOf(ds.table);
    this.clustered = index?.primary === true && ds.table.isCommonHandle;
    this.keyTypes = keyOffsets.map((o) => ds.table.columns[o]!.type);
    this.keyNames = keyOffsets.map((o) => ds.table.columns[o]!.name);
    this.comparators = this.keyTypes.map(comparatorFor);
    this.intBounds = this.keyTypes.map((t) => {
      if (!isIntegerType(t.tp) || t.tp === TypeCode.Year) return null;
      const [lo, hi] = intRange(t.tp, isUnsigned(t));
      return [Number(lo), Number(hi)];
    });
    this.tsPos = timestampPositions(ds.table, ds.columnOffsets);
    this.decoding = new RowDecoding(this.table, ds, schema, ds.conditions, this.tsPos.length > 0);
    this.tsKeyPos = timestampTypePositions(this.keyTypes);
    this.conditions = compileConditions(ds.conditions, schema);
    this.filter = allOf(this.conditions);
    this.physIds = readIds(ds);
    this.physIdSet = new Set(this.physIds);
    const prefixOf = (pid: number) => (this.clustered ? recordPrefix(pid) : indexPrefix(pid, index!.id));
    this.indexPrefixes = new Map(index ? [...this.physIds, ds.table.id].map((pid) => [pid, prefixOf(pid)]) : []);
    this.router = ds.table.partition && prunePerBatch ? partitionRouterOf(ds.table) : null;
    this.routeKeyOf = null;
    if (this.router) {
      const map = this.router.offsets.map((o) => keyOffsets.indexOf(o));
      this.routeKeyOf = map.every((k) => k >= 0) ? map : null;
    }
  }

  /**
   * The key converted to the lookup columns' types, or null when a part is NULL or would change
   * value (such a key can match no row).
   */
  convertKey(values: readonly Value[], tz: number, divInc: number): Value[] | null {
    const out: Value[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === null) return null;
      // The common case, an integer key within an integer column's range, is its own conversion.
      const bounds = this.intBounds[i];
      if (bounds && typeof v === 'number' && Number.isSafeInteger(v) && v >= bounds[0] && v <= bounds[1]) {
        out[i] = v;
        continue;
      }
      const pc = new ProbeContext(tz, divInc);
      let c: Value;
      try {
        c = convertForColumn(v, this.keyTypes[i]!, pc, this.keyNames[i]!, 0);
      } catch {
        return null;
      }
      if (pc.warned || c === null || this.comparators[i]!(v, c) !== 0) return null;
      out[i] = c;
    }
    return out;
  }

  /** Sorted, de-duplicated keys: their memcomparable encodings order them as the index does. */
  sortKeys(keys: Value[][]): LookupKeys {
    if (this.intBounds.length === 1 && this.intBounds[0]) {
      const nums = new Float64Array(keys.length);
      let numeric = true;
      for (let i = 0; i < keys.length && numeric; i++) {
        const v = keys[i]![0];
        if (typeof v === 'number') nums[i] = v;
        else numeric = false;
      }
      if (numeric) return this.sortedIntKeys(nums);
    }
    const byEnc = new Map<Bytes, Value[]>();
    for (const k of keys) {
      const enc = encodeKeyValues(k, this.keyTypes);
      if (!byEnc.has(enc)) byEnc.set(enc, k);
    }
    const encoded = [...byEnc.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { values: encoded.map((e) => byEnc.get(e)!), encoded };
  }

  /** One integer column's keys: numeric order is their encodings' order, and a typed array sorts natively. */
  private sortedIntKeys(nums: Float64Array): LookupKeys {
    nums.sort();
    const values: Value[][] = [];
    const encoded: Bytes[] = [];
    for (let i = 0; i < nums.length; i++) {
      const v = nums[i]!;
      if (i > 0 && v === nums[i - 1]) continue;
      const key = [v];
      values.push(key);
      encoded.push(encodeKeyValues(key, this.keyTypes));
    }
    return { values, encoded };
  }

  /** Physical tables that can hold rows for a key (one when the key determines the partition). */
  private partitionsOf(key: readonly Value[], ctx: EvalContext): number[] {
    if (!this.router || !this.routeKeyOf) return this.physIds;
    const row: Value[] = new Array(this.ds.table.columns.length).fill(null);
    this.router.offsets.forEach((o, i) => {
      row[o] = key[this.routeKeyOf![i]!]!;
    });
    const idx = this.router.locateIndex(row, ctx);
    if (idx < 0) return [];
    const pid = this.router.ids[idx]!;
    return this.physIds.includes(pid) ? [pid] : [];
  }

  /** The inner rows (data source schema) matching any of the sorted keys, filtered by the residual conditions. */
  async read(reader: Snapshot, sorted: LookupKeys, ctx: EvalContext, counts: LookupCounts): Promise<Row[]> {
    const keys = sorted.values;
    counts.keys += keys.length;
    const pids: number[] = [];
    const handles: Handle[] = [];
    if (this.index?.global) {
      // A global index: one range per key under the table's id; each entry names its row's partition.
      const ranges: KeyRange[] = [];
      for (let k = 0; k < keys.length; k++) {
        ranges.push(
          prefixRange(this.indexPrefixOf(this.ds.table.id), this.storedEncoding(sorted, k, ctx.timeZoneOffsetMinutes)),
        );
      }
      const lists = ranges.length ? await reader.scanRanges(ranges) : [];
      for (const list of lists) {
        for (const p of list) {
          const pid = this.table.partitionOfEntry(p.value);
          if (!this.physIdSet.has(pid)) continue;
          pids.push(pid);
          handles.push(this.handleOfEntry(p.key, p.value));
        }
      }
    } else if (this.index) {
      // One batched read of every key's index range, then one batched read of the rows.
      const ranges: KeyRange[] = [];
      const rangePid: number[] = [];
      for (let k = 0; k < keys.length; k++) {
        for (const pid of this.partitionsOf(keys[k]!, ctx)) {
          ranges.push(prefixRange(this.indexPrefixOf(pid), this.storedEncoding(sorted, k, ctx.timeZoneOffsetMinutes)));
          rangePid.push(pid);
        }
      }
      const lists = ranges.length ? await reader.scanRanges(ranges) : [];
      // A clustered primary key's ranges hold the rows themselves: one read, no lookups.
      if (this.clustered) return this.rowsOf(lists, ctx, counts);
      for (let i = 0; i < lists.length; i++) {
        for (const p of lists[i]!) {
          pids.push(rangePid[i]!);
          handles.push(this.handleOfEntry(p.key, p.value));
        }
      }
    } else {
      for (const key of keys) {
        for (const pid of this.partitionsOf(key, ctx)) {
          pids.push(pid);
          handles.push(key[0] as number | bigint);
        }
      }
    }
    const rowKeys = handles.map((h, i) => this.table.rowKey(h, pids[i]));
    const values = rowKeys.length ? await reader.batchGet(rowKeys) : [];
    const decoder = this.decoder(ctx);
    const out: Row[] = [];
    for (let i = 0; i < rowKeys.length; i++) {
      const v = values[i];
      const row = v === undefined ? null : decoder.row(v, handles[i]!);
      if (row) out.push(row);
    }
    counts.rows += out.length;
    return out;
  }

  /** The rows of record ranges (a clustered primary key's lookups). */
  private rowsOf(lists: readonly KvPair[][], ctx: EvalContext, counts: LookupCounts): Row[] {
    const decoder = this.decoder(ctx);
    const out: Row[] = [];
    for (const list of lists) {
      for (const p of list) {
        const row = decoder.row(p.value, this.table.handleFromKey(p.key));
        if (row) out.push(row);
      }
    }
    counts.rows += out.length;
    return out;
  }

  /** A decoder of one read's rows (the caller's own): TIMESTAMP values to the session zone, then the conditions. */
  private decoder(ctx: EvalContext): FilteredRowDecoder {
    return new FilteredRowDecoder(this.decoding, {
      accept: (row) => {
        if (this.tsPos.length) rowFromStored(row, this.tsPos, ctx.timeZoneOffsetMinutes);
        return !this.filter || this.filter(row, ctx);
      },
      acceptPart: (row, from, to) => passesConditions(this.conditions, row, ctx, from, to),
    });
  }

  /** A sorted key's encoding as stored: TIMESTAMP parts moved from the session zone to UTC. */
  private storedEncoding(sorted: LookupKeys, k: number, tz: number): Bytes {
    if (tz === 0 || this.tsKeyPos.length === 0) return sorted.encoded[k]!;
    return encodeKeyValues(valuesToStored(sorted.values[k]!, this.tsKeyPos, tz), this.keyTypes);
  }

  private indexPrefixOf(pid: number): Bytes {
    return this.indexPrefixes.get(pid)!;
  }

  /** The handle an index entry points at; an int handle is the key's last 8 bytes in the non-unique form. */
  private handleOfEntry(key: Bytes, value: Bytes): Handle {
    if (value.length > 1 || this.table.info.isCommonHandle)
      return this.table.handleFromIndexEntry(this.index!, key, value);
    return readComparableInt(new ByteReader(key, key.length - 8));
  }
}
