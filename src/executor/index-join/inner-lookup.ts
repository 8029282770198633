// The inner side of an index join: for one batch of lookup keys, the inner table's rows whose index
// prefix (or handle) equals a key. Everything here is compiled once per executor and read-only while
// the inner workers run; each call allocates its own buffers.
import type { IndexInfo } from '../../catalog/model.js';
import type { EvalContext } from '../../expression/eval-context.js';
import type { Column } from '../../expression/expression.js';
import { comparatorFor, type ValueComparator } from '../../expression/value-compare.js';
import type { Snapshot } from '../../kv/kv.js';
import type { DataSource } from '../../planner/plans.js';
import { prefixNext } from '../../table/codec/key.js';
import { encodeKeyValues } from '../../table/codec/memcomparable.js';
import { type PartitionRouter, partitionRouterOf } from '../../table/partition.js';
import { type Handle, type Table, tableOf } from '../../table/table.js';
import { convertForColumn } from '../../types/convert-column.js';
import type { TypeContext } from '../../types/context.js';
import type { FieldType } from '../../types/field-type.js';
import type { Row, Value } from '../../types/value.js';
import { compileFilter } from '../executor.js';
import { readIds, rowProjector } from '../table-reader.js';

/** What a batch lookup read, for runtime stats. */
export interface LookupCounts {
  keys: number;
  rows: number;
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
  private readonly project: ReturnType<typeof rowProjector>;
  private readonly filter: ReturnType<typeof compileFilter>;
  /** Physical tables the inner side may read: explicit PARTITION (...) and plan-time pruning respected. */
  private readonly physIds: number[];
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
    this.keyTypes = keyOffsets.map((o) => ds.table.columns[o]!.type);
    this.keyNames = keyOffsets.map((o) => ds.table.columns[o]!.name);
    this.comparators = this.keyTypes.map(comparatorFor);
    this.project = rowProjector(ds);
    this.filter = compileFilter(ds.conditions, schema);
    this.physIds = readIds(ds);
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
  sortKeys(keys: Value[][]): Value[][] {
    const byEnc = new Map<string, Value[]>();
    for (const k of keys) {
      const enc = encodeKeyValues(k, this.keyTypes);
      if (!byEnc.has(enc)) byEnc.set(enc, k);
    }
    return [...byEnc.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
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
  async read(reader: Snapshot, keys: readonly Value[][], ctx: EvalContext, counts: LookupCounts): Promise<Row[]> {
    const targets: { pid: number; key: readonly Value[] }[] = [];
    for (const key of keys) for (const pid of this.partitionsOf(key, ctx)) targets.push({ pid, key });
    counts.keys += keys.length;
    const located: { pid: number; handle: Handle }[][] = this.index
      ? await Promise.all(targets.map((t) => this.scanIndex(reader, t.pid, t.key)))
      : targets.map((t) => [{ pid: t.pid, handle: t.key[0] as number | bigint }]);
    const flat = located.flat();
    const rowKeys = flat.map((h) => this.table.rowKey(h.handle, h.pid));
    const values = rowKeys.length ? await reader.batchGet(rowKeys) : new Map<string, string>();
    const out: Row[] = [];
    flat.forEach((h, i) => {
      const v = values.get(rowKeys[i]!);
      if (v === undefined) return;
      const row = this.project(this.table.decodeRowValue(v), h.handle as Value);
      if (!this.filter || this.filter(row, ctx)) out.push(row);
    });
    counts.rows += out.length;
    return out;
  }

  private async scanIndex(
    reader: Snapshot,
    pid: number,
    key: readonly Value[],
  ): Promise<{ pid: number; handle: Handle }[]> {
    const index = this.index!;
    const start = this.table.encodeIndexSeekKey(pid, index, key);
    const out: { pid: number; handle: Handle }[] = [];
    for await (const batch of reader.scan(start, prefixNext(start))) {
      for (const p of batch) out.push({ pid, handle: this.table.handleFromIndexEntry(index, p.key, p.value) });
    }
    return out;
  }
}
