import type { IndexInfo } from '../catalog/model.js';
import type { Column } from '../expression/expression.js';
import type { KvPair } from '../kv/kv.js';
import type { DataSource } from '../planner/plans.js';
import type { Range } from '../planner/ranger.js';
import { indexPrefix, prefixNext } from '../table/codec/key.js';
import { encodeKeyValues } from '../table/codec/memcomparable.js';
import { rowFromStored, timestampPositions, timestampTypePositions, valuesToStored } from '../table/stored-time.js';
import { type Table, tableOf } from '../table/table.js';
import type { FieldType } from '../types/field-type.js';
import type { Row, Value } from '../types/value.js';
import { compileFilter, type ExecContext, Executor } from './executor.js';
import { readIds } from './table-reader.js';

/** Key range [start, end) of an index range over the leading index columns. */
export function indexRangeKeys(
  physId: number,
  index: IndexInfo,
  types: readonly FieldType[],
  r: Range,
  tz = 0,
): [string, string] {
  const prefix = indexPrefix(physId, index.id);
  // Range bounds on TIMESTAMP columns are session-zone values; keys hold UTC.
  const tsPos = tz === 0 ? [] : timestampTypePositions(types);
  const enc = (vals: Value[]) => prefix + encodeKeyValues(valuesToStored(vals, tsPos, tz), types.slice(0, vals.length));
  const lowKey = enc(r.low);
  const start = r.lowExcl && r.low.length ? prefixNext(lowKey) : lowKey;
  const highKey = enc(r.high);
  const end = r.high.length === 0 ? prefixNext(prefix) : r.highExcl ? highKey : prefixNext(highKey);
  return [start, end];
}

/** Index range scan, then the rows by handle (TiDB's IndexLookUp), filtered by the residual conditions. */
export class IndexLookUpExec extends Executor {
  private iter: AsyncIterator<KvPair[]> | null = null;
  private ids: number[];
  private idIdx = 0;
  private rangeIdx = 0;
  private readonly table: Table;
  private readonly types: FieldType[];
  private filter: ReturnType<typeof compileFilter> = null;
  private readonly decode: ReturnType<Table['projectedDecoder']>;
  /** Row positions of TIMESTAMP columns (stored in UTC, read in the session zone). */
  private readonly tsPos: number[];

  constructor(
    ctx: ExecContext,
    private readonly ds: DataSource,
    private readonly index: IndexInfo,
    private readonly ranges: Range[],
    private readonly schema: readonly Column[],
  ) {
    super(ctx, []);
    this.ids = readIds(ds);
    this.table = tableOf(ds.table);
    this.types = index.columns.map((c) => ds.table.columns[c.offset]!.type);
    this.decode = this.table.projectedDecoder(ds.columnOffsets);
    this.tsPos = timestampPositions(ds.table, ds.columnOffsets);
  }

  override async open(): Promise<void> {
    this.filter = compileFilter(this.ds.residual, this.schema);
  }

  private nextIter(): AsyncIterator<KvPair[]> | null {
    while (this.idIdx < this.ids.length) {
      if (this.rangeIdx >= this.ranges.length) {
        this.idIdx++;
        this.rangeIdx = 0;
        continue;
      }
      const [start, end] = indexRangeKeys(
        this.ids[this.idIdx]!,
        this.index,
        this.types,
        this.ranges[this.rangeIdx++]!,
        this.ctx.evalCtx.timeZoneOffsetMinutes,
      );
      if (start >= end) continue;
      return this.ctx.reader.scan(start, end)[Symbol.asyncIterator]();
    }
    return null;
  }

  async next(): Promise<Row[] | null> {
    const ctx = this.ctx.evalCtx;
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
      const physId = this.ids[this.idIdx]!;
      const handles = r.value.map((p) => this.table.handleFromIndexEntry(this.index, p.key, p.value));
      const keys = handles.map((h) => this.table.rowKey(h, physId));
      const values = await this.ctx.reader.batchGet(keys);
      const out: Row[] = [];
      const lockKeys: string[] = [];
      for (let i = 0; i < keys.length; i++) {
        const stored = values.get(keys[i]!);
        if (stored === undefined) continue;
        const row = this.decode(stored, handles[i]!);
        if (this.tsPos.length) rowFromStored(row, this.tsPos, ctx.timeZoneOffsetMinutes);
        if (this.filter && !this.filter(row, ctx)) continue;
        out.push(row);
        lockKeys.push(keys[i]!);
      }
      if (this.ctx.lockRows && lockKeys.length) await this.ctx.lockRows(lockKeys);
      if (out.length) return out;
    }
  }

  override async close(): Promise<void> {
    await this.iter?.return?.();
    this.iter = null;
  }
}
