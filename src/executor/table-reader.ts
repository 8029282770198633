import { Column } from '../expression/expression.js';
import type { KvPair } from '../kv/kv.js';
import type { DataSource } from '../planner/plans.js';
import type { Range } from '../planner/ranger.js';
import { encodeRowKey, prefixNext, recordPrefix } from '../table/codec/key.js';
import { indexRangeKeys } from './index-lookup.js';
import { type Table, tableOf } from '../table/table.js';
import type { Row, Value } from '../types/value.js';
import { type ExecContext, resolverOf } from './executor.js';
import { RangeScanExec } from './range-scan.js';

/** Maps a stored row (all columns by offset) and its handle to the data source's schema. */
export function rowProjector(ds: DataSource): (row: readonly (Value | undefined)[], handle: Value) => Row {
  const offs = ds.columnOffsets;
  const n = offs.length;
  return (row, handle) => {
    const out: Row = new Array(n);
    for (let i = 0; i < n; i++) {
      const o = offs[i]!;
      out[i] = o < 0 ? handle : (row[o] ?? null);
    }
    return out;
  };
}

type PlacesDecoder = NonNullable<ReturnType<Table['placesDecoder']>>;

/** Rows decoded in two steps: the columns the filter reads, then the other columns of the rows it keeps. */
interface LateDecode {
  filtered: PlacesDecoder;
  rest: PlacesDecoder;
  seen: number;
  kept: number;
}

/** After this many rows, a filter that kept most of them stops the two-step decoding (its second step is then pure overhead). */
const LATE_DECODE_TRIAL = 1024;

/**
 * The two-step decoding of a scan whose residual conditions read some of its columns but not all, or null.
 * TIMESTAMP columns are converted to the session zone as a whole row: such scans decode in one step.
 */
function lateDecode(
  table: Table,
  ds: DataSource,
  schema: readonly Column[],
  tsPos: readonly number[],
): LateDecode | null {
  if (ds.residual.length === 0 || tsPos.length > 0) return null;
  const resolve = resolverOf(schema);
  const read = new Set<number>();
  for (const cond of ds.residual)
    cond.visit((e) => {
      if (e instanceof Column) {
        const i = resolve.indexOf(e.uid);
        if (i >= 0) read.add(i);
      }
    });
  const places = ds.columnOffsets.map((_, i) => i);
  const rest = places.filter((p) => !read.has(p));
  if (read.size === 0 || rest.length === 0) return null;
  const filtered = table.placesDecoder(ds.columnOffsets, [...read]);
  const others = table.placesDecoder(ds.columnOffsets, rest);
  return filtered && others ? { filtered, rest: others, seen: 0, kept: 0 } : null;
}

/** Full or handle-range scans of each physical table, filtered by the residual conditions. */
export class TableReaderExec extends RangeScanExec {
  private readonly table: Table;
  private readonly decode: ReturnType<Table['projectedDecoder']>;
  /** Whether the schema has the handle column (its value comes from the row key, decoded only then). */
  private readonly readsHandle: boolean;
  private late: LateDecode | null;

  constructor(
    ctx: ExecContext,
    ds: DataSource,
    private readonly ranges: Range[] | null,
    schema: readonly Column[],
  ) {
    super(ctx, ds, ranges?.length ?? 1, schema);
    this.table = tableOf(ds.table);
    this.decode = this.table.projectedDecoder(ds.columnOffsets);
    this.readsHandle = ds.columnOffsets.includes(-1);
    this.late = lateDecode(this.table, ds, schema, this.tsPos);
  }

  protected keyRange(physId: number, i: number): [string, string] {
    if (!this.ranges) return this.table.recordRange(physId);
    const ch = this.table.commonHandle;
    // A clustered primary key's ranges run over its columns, encoded as the row keys are.
    if (ch) {
      const tz = this.ctx.evalCtx.timeZoneOffsetMinutes;
      return indexRangeKeys(physId, ch.info, ch.types, this.ranges[i]!, tz, recordPrefix(physId));
    }
    return handleRangeKeys(physId, this.ranges[i]!);
  }

  protected async rows(pairs: KvPair[]): Promise<Row[]> {
    const out: Row[] = [];
    const keys: string[] | null = this.ctx.lockRows ? [] : null;
    const late = this.late;
    for (const pair of pairs) {
      const handle = this.readsHandle ? this.table.handleFromKey(pair.key) : 0;
      let row: Row;
      if (late) {
        row = late.filtered(pair.value, handle);
        if (!this.accept(row)) continue;
        late.rest(pair.value, handle, row);
      } else {
        row = this.decode(pair.value, handle);
        if (!this.accept(row)) continue;
      }
      out.push(row);
      keys?.push(pair.key);
    }
    if (late) {
      late.seen += pairs.length;
      late.kept += out.length;
      if (late.seen >= LATE_DECODE_TRIAL && late.kept * 2 > late.seen) this.late = null;
    }
    if (this.ctx.lockRows && keys?.length) await this.ctx.lockRows(keys);
    return out;
  }
}

/** Row-key range of an integer-handle range. */
function handleRangeKeys(tableId: number, r: Range): [string, string] {
  // The handle is never NULL: a range that ends at NULL (`pk IS NULL`) holds no row.
  if (r.high.length && r.high[0] === null) {
    const p = recordPrefix(tableId);
    return [p, p];
  }
  const low =
    r.low.length && r.low[0] !== null
      ? encodeRowKey(tableId, r.low[0] as number | bigint)
      : encodeRowKey(tableId, -(2n ** 63n));
  const start = r.low.length && r.low[0] !== null && r.lowExcl ? prefixNext(low) : low;
  const highKey = r.high.length ? encodeRowKey(tableId, r.high[0] as number | bigint) : null;
  const end =
    highKey === null ? prefixNext(encodeRowKey(tableId, 2n ** 63n - 1n)) : r.highExcl ? highKey : prefixNext(highKey);
  return [start, end];
}
