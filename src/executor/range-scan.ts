// The scan loop the table and index readers share: key ranges of each physical table (partition) in
// turn, one kv batch at a time, yielding to the event loop and honouring KILL between batches.
import { physicalIds } from '../catalog/model.js';
import type { Column } from '../expression/expression.js';
import type { Bytes, KvPair } from '../kv/kv.js';
import type { DataSource } from '../planner/plans.js';
import { rowFromStored, timestampPositions } from '../table/stored-time.js';
import type { Table } from '../table/table.js';
import { type HashKey, type KeyFn, keyFnFor } from '../expression/value-compare.js';
import type { Row } from '../types/value.js';
import {
  allOf,
  compileConditions,
  type compileFilter,
  type ExecContext,
  Executor,
  passesConditions,
} from './executor.js';
import { FilteredRowDecoder, RowDecoding } from './filtered-row-decoder.js';

/** The physical tables (partitions) a data source reads. */
export function readIds(ds: DataSource): number[] {
  return ds.partitionIds ?? ds.explicitPartitions ?? physicalIds(ds.table);
}

export abstract class RangeScanExec extends Executor {
  private iter: AsyncIterator<KvPair[]> | null = null;
  private readonly ids: number[];
  private idIdx = 0;
  /** The current physical table's key ranges, in scan order; the next one to read. */
  private keyRanges: [Bytes, Bytes][] | null = null;
  private rangeIdx = 0;
  /** The access path's order (keep order): ranges in key order, scanned backwards when descending. */
  private readonly keepOrder: boolean;
  private readonly desc: boolean;
  private filter: ReturnType<typeof compileFilter> = null;
  /** The residual conditions one by one, for rows decoded in stages (see FilteredRowDecoder). */
  private conditions: ReturnType<typeof compileConditions> = [];
  /** Row positions of TIMESTAMP columns (stored in UTC, read in the session zone). */
  protected readonly tsPos: number[];
  /** Runtime filters on this reader (see ExecContext.runtimeFilters): the row place each reads, its key function. */
  private readonly filterTargets: { join: number; pos: number; key: KeyFn }[];
  /** The runtime filters in effect, looked up at the first row (the joins above have built by then). */
  private runtimeFilters: { pos: number; key: KeyFn; keys: ReadonlySet<HashKey> }[] | null = null;
  /** Set by a consumer that reads every row (see readsAll). */
  private fullBatches = false;
  /**
   * Reading a global index: its one key range (under the table's id) holds every partition's entries,
   * of which only those of the partitions the data source reads count.
   */
  protected readonly partitionFilter: ReadonlySet<number> | null;

  constructor(
    ctx: ExecContext,
    protected readonly ds: DataSource,
    /** How many key ranges each physical table is scanned over. */
    private readonly rangeCount: number,
    protected readonly schema: readonly Column[],
    globalIndex = false,
  ) {
    super(ctx, []);
    this.ids = globalIndex ? [ds.table.id] : readIds(ds);
    this.partitionFilter = globalIndex ? new Set(readIds(ds)) : null;
    const a = ds.access;
    this.keepOrder = (a.kind === 'tableScan' || a.kind === 'indexScan') && a.keepOrder;
    this.desc = this.keepOrder && (a as { desc: boolean }).desc;
    this.tsPos = timestampPositions(ds.table, ds.columnOffsets);
    this.filterTargets = ds.runtimeFilters
      .map((t) => ({
        join: t.join,
        pos: schema.findIndex((c) => c.uid === t.column.uid),
        key: keyFnFor(t.column.type),
      }))
      .filter((t) => t.pos >= 0);
  }

  /**
   * A decoder of this reader's stored rows through `accept`: the columns its conditions and runtime filters
   * read first, the others for the rows they keep.
   */
  protected rowDecoder(table: Table): FilteredRowDecoder {
    const filterPlaces = this.filterTargets.map((t) => t.pos);
    const decoding = new RowDecoding(
      table,
      this.ds,
      this.schema,
      this.ds.residual,
      this.tsPos.length > 0,
      filterPlaces,
    );
    return new FilteredRowDecoder(decoding, {
      accept: (row) => this.accept(row),
      acceptPart: (row, from, to) => this.acceptPart(row, from, to),
    });
  }

  /** The consumer reads every row: scan in full-size batches (fewer round trips) instead of growing ones. */
  readsAll(): void {
    this.fullBatches = true;
  }

  /** Key range [start, end) of range `i` of physical table `physId`. */
  protected abstract keyRange(physId: number, i: number): [Bytes, Bytes];

  /** The rows of one batch of pairs read from `physId`, each passed through `accept`. */
  protected abstract rows(pairs: KvPair[], physId: number): Row[] | Promise<Row[]>;

  override async open(): Promise<void> {
    this.conditions = compileConditions(this.ds.residual, this.schema);
    this.filter = allOf(this.conditions);
  }

  /** Converts a read row's TIMESTAMP values to the session zone and applies the residual conditions. */
  protected accept(row: Row): boolean {
    const ctx = this.ctx.evalCtx;
    if (this.tsPos.length) rowFromStored(row, this.tsPos, ctx.timeZoneOffsetMinutes);
    if (this.filterTargets.length && !this.passesRuntimeFilters(row)) return false;
    return !this.filter || this.filter(row, ctx);
  }

  /** A row decoded in part: the runtime filters (first), then residual conditions [from, to). */
  private acceptPart(row: Row, from: number, to: number): boolean {
    if (from === 0 && this.filterTargets.length && !this.passesRuntimeFilters(row)) return false;
    return passesConditions(this.conditions, row, this.ctx.evalCtx, from, to);
  }

  /** Whether the row's filtered columns hold keys of every runtime filter in effect. */
  protected passesRuntimeFilters(row: Row): boolean {
    this.runtimeFilters ??= this.filterTargets.flatMap((t) => {
      const keys = this.ctx.runtimeFilters?.get(t.join)?.keys;
      return keys ? [{ pos: t.pos, key: t.key, keys }] : [];
    });
    for (const f of this.runtimeFilters) {
      const v = row[f.pos]!;
      if (v === null || !f.keys.has(f.key(v))) return false;
    }
    return true;
  }

  private nextIter(): AsyncIterator<KvPair[]> | null {
    while (this.idIdx < this.ids.length) {
      this.keyRanges ??= this.keyRangesOf(this.ids[this.idIdx]!);
      if (this.rangeIdx >= this.keyRanges.length) {
        this.idIdx++;
        this.rangeIdx = 0;
        this.keyRanges = null;
        continue;
      }
      const [start, end] = this.keyRanges[this.rangeIdx++]!;
      const options = this.desc || this.fullBatches ? { reverse: this.desc, fullBatches: this.fullBatches } : undefined;
      return this.ctx.reader.scan(start, end, options)[Symbol.asyncIterator]();
    }
    return null;
  }

  /** The non-empty key ranges of `physId`; kept in order they are sorted by key (descending: reversed). */
  private keyRangesOf(physId: number): [Bytes, Bytes][] {
    const out: [Bytes, Bytes][] = [];
    for (let i = 0; i < this.rangeCount; i++) {
      const r = this.keyRange(physId, i);
      if (r[0] < r[1]) out.push(r);
    }
    if (this.keepOrder) {
      out.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      if (this.desc) out.reverse();
    }
    return out;
  }

  async next(): Promise<Row[] | null> {
    for (;;) {
      const paused = this.ctx.pause?.();
      if (paused) await paused;
      if (!this.iter) {
        this.iter = this.nextIter();
        if (!this.iter) return null;
      }
      const r = await this.iter.next();
      if (r.done) {
        this.iter = null;
        continue;
      }
      this.ctx.checkKilled();
      const out = await this.rows(r.value, this.ids[this.idIdx]!);
      if (out.length) return out;
    }
  }

  override async close(): Promise<void> {
    await this.iter?.return?.();
    this.iter = null;
  }
}
