import type { IndexInfo } from '../catalog/model.js';
import type { Column } from '../expression/expression.js';
import type { Bytes, KvPair } from '../kv/kv.js';
import type { DataSource } from '../planner/plans.js';
import type { Range } from '../planner/ranger.js';
import { indexPrefix, prefixNext } from '../table/codec/key.js';
import { encodeKeyValues } from '../table/codec/memcomparable.js';
import { timestampTypePositions, valuesToStored } from '../table/stored-time.js';
import { type Handle, type Table, tableOf } from '../table/table.js';
import type { FieldType } from '../types/field-type.js';
import type { Row, Value } from '../types/value.js';
import type { ExecContext } from './executor.js';
import type { FilteredRowDecoder } from './filtered-row-decoder.js';
import { RangeScanExec } from './range-scan.js';

/** Key range [start, end) of an index range over the leading index columns. */
export function indexRangeKeys(
  physId: number,
  index: IndexInfo,
  types: readonly FieldType[],
  r: Range,
  tz = 0,
  prefix = indexPrefix(physId, index.id),
): [string, string] {
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
export class IndexLookUpExec extends RangeScanExec {
  private readonly table: Table;
  private readonly types: FieldType[];
  private readonly decoder: FilteredRowDecoder;

  constructor(
    ctx: ExecContext,
    ds: DataSource,
    private readonly index: IndexInfo,
    private readonly ranges: Range[],
    schema: readonly Column[],
  ) {
    super(ctx, ds, ranges.length, schema, index.global === true);
    this.table = tableOf(ds.table);
    this.types = index.columns.map((c) => ds.table.columns[c.offset]!.type);
    this.decoder = this.rowDecoder(this.table);
  }

  protected keyRange(physId: number, i: number): [string, string] {
    return indexRangeKeys(physId, this.index, this.types, this.ranges[i]!, this.ctx.evalCtx.timeZoneOffsetMinutes);
  }

  /** The batch's rows in index-entry order (a keep-order path relies on it), not handle order. */
  protected async rows(pairs: KvPair[], physId: number): Promise<Row[]> {
    const only = this.partitionFilter;
    const handles: Handle[] = [];
    const keys: Bytes[] = [];
    for (const p of pairs) {
      // A global index entry names its row's partition; a local one's is the partition scanned.
      const pid = only ? this.table.partitionOfEntry(p.value) : physId;
      if (only && !only.has(pid)) continue;
      const h = this.table.handleFromIndexEntry(this.index, p.key, p.value);
      handles.push(h);
      keys.push(this.table.rowKey(h, pid));
    }
    const values = await this.ctx.reader.batchGet(keys);
    const out: Row[] = [];
    const lockKeys: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      const stored = values[i];
      if (stored === undefined) continue;
      const row = this.decoder.row(stored, handles[i]!);
      if (!row) continue;
      out.push(row);
      lockKeys.push(keys[i]!);
    }
    this.decoder.endBatch();
    if (this.ctx.lockRows && lockKeys.length) await this.ctx.lockRows(lockKeys);
    return out;
  }
}
