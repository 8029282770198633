import type { IndexInfo } from '../catalog/model.js';
import { pkHandleColumn } from '../catalog/model.js';
import type { Column } from '../expression/expression.js';
import type { KvPair } from '../kv/kv.js';
import type { DataSource } from '../planner/plans.js';
import type { Range } from '../planner/ranger.js';
import { type Table, tableOf } from '../table/table.js';
import type { FieldType } from '../types/field-type.js';
import type { Row, Value } from '../types/value.js';
import type { ExecContext } from './executor.js';
import { indexRangeKeys } from './index-lookup.js';
import { RangeScanExec } from './range-scan.js';

/**
 * Covering index read (TiDB's IndexReader): every column the plan reads is an index column whose
 * value the key gives back, or the integer handle, so rows come from the index entries alone.
 */
export class IndexReaderExec extends RangeScanExec {
  private readonly table: Table;
  private readonly types: FieldType[];
  /** Per output column: its position among the index columns, or -1 for the handle. */
  private readonly sources: number[];
  /** Whether any output column is the handle (decoded from the entry only then). */
  private readonly readsHandle: boolean;

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
    const pk = pkHandleColumn(ds.table);
    this.sources = ds.columnOffsets.map((o) => {
      const i = index.columns.findIndex((c) => c.offset === o);
      if (i >= 0) return i;
      if (o < 0 || o === pk?.offset) return -1;
      throw new Error(`index ${index.name} does not cover column offset ${o}`);
    });
    this.readsHandle = this.sources.includes(-1);
  }

  protected keyRange(physId: number, i: number): [string, string] {
    return indexRangeKeys(physId, this.index, this.types, this.ranges[i]!, this.ctx.evalCtx.timeZoneOffsetMinutes);
  }

  protected rows(pairs: KvPair[]): Row[] {
    const out: Row[] = [];
    const only = this.partitionFilter;
    for (const p of pairs) {
      if (only && !only.has(this.table.partitionOfEntry(p.value))) continue;
      const values = this.table.indexValuesFromEntry(this.index, p.key, p.value);
      const handle = this.readsHandle ? (this.table.handleFromIndexEntry(this.index, p.key, p.value) as Value) : null;
      const row = this.sources.map((s) => (s < 0 ? handle : (values[s] as Value)));
      if (this.accept(row)) out.push(row);
    }
    return out;
  }
}
