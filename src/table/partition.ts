// Row routing for partitioned tables: which partition (physical table) a row belongs to. The
// partition expression and the partition bounds are compiled once per published TableInfo
// (cached in a WeakMap), never per row. Semantics follow TiDB/MySQL:
//   RANGE          first partition whose bound is greater than the value (NULL → first partition)
//   RANGE COLUMNS  the same on tuples, compared column by column with each column's collation
//   LIST [COLUMNS] the partition listing the value (tuple); NULL only where listed; else DEFAULT
//   HASH           |expr % n| (NULL → 0)
//   KEY            CRC32 (IEEE) over each column's hash key (NULL → one 0 byte), modulo n
import type { PartitionType, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { EvalContext } from '../expression/eval-context.js';
import type { Column, EvalFn, Expression } from '../expression/expression.js';
import { comparatorFor, type ValueComparator, rowKeyFn } from '../expression/value-compare.js';
import { getCollation } from '../types/collation.js';
import { lazyZlib } from '../util/lazy-builtin.js';
import { toInt, toStringValue } from '../types/convert.js';
import { convertForColumn } from '../types/convert-column.js';
import {
  CHARSET_BIN,
  EvalType,
  evalTypeOf,
  type FieldType,
  INT_TYPE,
  isUnsigned,
  TypeCode,
} from '../types/field-type.js';
import type { Value } from '../types/value.js';
import {
  compilePartitionExpr,
  constantPartitionValue,
  PARTITION_EVAL_CONTEXT,
  tableColumns,
} from './partition-expr.js';

/** MAXVALUE in a RANGE bound: greater than every value. */
export const MAXVALUE = Symbol('MAXVALUE');
export type Bound = Value | typeof MAXVALUE;

export class PartitionRouter {
  readonly type: PartitionType;
  /** RANGE COLUMNS / LIST COLUMNS / KEY: routed on column values rather than an expression. */
  readonly columnsMode: boolean;
  /** Physical ids in definition order. */
  readonly ids: readonly number[];
  /** The table's columns as Expressions, by offset (what `expr` references). */
  readonly tableCols: readonly Column[];
  /** The partition expression (RANGE/LIST/HASH without COLUMNS). */
  readonly expr?: Expression;
  /** Offsets of the partitioning columns (COLUMNS and KEY), or the columns `expr` reads. */
  readonly offsets: readonly number[];
  /** RANGE: per partition, one bound per column (one for the expression form). */
  readonly rangeBounds: readonly (readonly Bound[])[] = [];
  /** Comparators of the routed values: per column, or the expression's. */
  readonly comparators: readonly ValueComparator[];
  /** The routed values' types: per column, or the expression's. */
  readonly valueTypes: readonly FieldType[];
  /** LIST: hash key of a value tuple → partition index; the NULL-only tuple is keyed like any other. */
  private readonly listIndex = new Map<string | number, number>();
  private readonly listKey: (values: readonly Value[]) => string | number;
  /** LIST: each partition's listed value tuples (converted), in definition order. */
  readonly listValues: Value[][][] = [];
  /** LIST: the DEFAULT partition's index, or -1. */
  defaultIndex = -1;
  private readonly evalExpr?: EvalFn;

  constructor(readonly info: TableInfo) {
    const p = info.partition!;
    this.type = p.type;
    this.ids = p.definitions.map((d) => d.id);
    this.tableCols = tableColumns(info);
    const names = p.type === 'KEY' && !p.columns?.length ? primaryKeyColumns(info) : p.columns;
    this.columnsMode = p.type === 'KEY' || (names !== undefined && names.length > 0 && !p.expr);
    if (this.columnsMode) {
      this.offsets = (names ?? []).map((n) => {
        const i = info.columns.findIndex((c) => c.name.toLowerCase() === n.toLowerCase());
        if (i < 0) throw sqlError(ER.FIELD_NOT_FOUND_PART_ERROR);
        return i;
      });
      this.valueTypes = this.offsets.map((o) => info.columns[o]!.type);
    } else {
      this.expr = compilePartitionExpr(p.expr ?? '0', info, this.tableCols);
      const byUid = new Map(this.tableCols.map((c, i) => [c.uid, i]));
      this.evalExpr = this.expr.compile({ indexOf: (uid) => byUid.get(uid) ?? -1 });
      const used = new Set<number>();
      this.expr.visit((e) => {
        const i = byUid.get((e as Column).uid ?? -1);
        if (i !== undefined && e === this.tableCols[i]) used.add(i);
      });
      this.offsets = [...used].sort((a, b) => a - b);
      this.valueTypes = [this.expr.type];
    }
    this.comparators = this.valueTypes.map((t) => comparatorFor(t));
    this.listKey = rowKeyFn(this.valueTypes);
    if (p.type === 'RANGE') {
      this.rangeBounds = p.definitions.map((d) =>
        (d.lessThan ?? ['MAXVALUE']).map((text, i) => this.boundValue(text, i)),
      );
    } else if (p.type === 'LIST') {
      p.definitions.forEach((d, idx) => {
        this.listValues.push([]);
        if (d.isDefault) this.defaultIndex = idx;
        for (const tuple of d.inValues ?? []) {
          if (tuple.length === 1 && tuple[0]!.toUpperCase() === 'DEFAULT') {
            this.defaultIndex = idx;
            continue;
          }
          const values = tuple.map((text, i) => this.convert(constantPartitionValue(text).value, i));
          this.listValues[idx]!.push(values);
          const key = this.listKey(values);
          if (!this.listIndex.has(key)) this.listIndex.set(key, idx);
        }
      });
    }
  }

  private boundValue(text: string, i: number): Bound {
    if (text.toUpperCase() === 'MAXVALUE') return MAXVALUE;
    return this.convert(constantPartitionValue(text).value, i);
  }

  /** A constant converted to the routed value's type (column i, or the expression's integer type). */
  convert(v: Value, i: number): Value {
    if (v === null) return null;
    const ft = this.valueTypes[i]!;
    if (!this.columnsMode) {
      return evalTypeOf(ft) === EvalType.Int ? toInt(v, PARTITION_EVAL_CONTEXT, isUnsigned(ft)) : v;
    }
    return convertForColumn(v, ft, PARTITION_EVAL_CONTEXT, this.info.columns[this.offsets[i]!]!.name, 0);
  }

  /** The routed values of a row aligned with the table's columns. */
  valuesOf(row: readonly Value[], ctx: EvalContext): Value[] {
    if (this.columnsMode) return this.offsets.map((o) => row[o] ?? null);
    return [this.evalExpr!(row as Value[], ctx)];
  }

  /** The partition index (into the definitions) of a row, or -1 when no partition admits it. */
  locateIndex(row: readonly Value[], ctx: EvalContext): number {
    return this.indexOfValues(this.valuesOf(row, ctx));
  }

  /** The partition index of routed values (see valuesOf), or -1. */
  indexOfValues(values: readonly Value[]): number {
    switch (this.type) {
      case 'RANGE':
        return this.rangeIndex(values);
      case 'LIST': {
        const idx = this.listIndex.get(this.listKey(values));
        return idx ?? this.defaultIndex;
      }
      case 'HASH':
        return hashIndex(values[0]!, this.ids.length);
      case 'KEY':
        return keyIndex(values, this.valueTypes, this.ids.length);
    }
  }

  /** First partition whose bound exceeds the values (binary search over the increasing bounds). */
  private rangeIndex(values: readonly Value[]): number {
    let lo = 0;
    let hi = this.rangeBounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lessThanBound(values, this.rangeBounds[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.rangeBounds.length ? lo : -1;
  }

  /** Whether a value tuple is below a bound tuple (NULL below everything, MAXVALUE above everything). */
  lessThanBound(values: readonly Value[], bound: readonly Bound[]): boolean {
    for (let i = 0; i < bound.length; i++) {
      const b = bound[i]!;
      if (b === MAXVALUE) return true;
      const v = values[i] ?? null;
      if (v === null) {
        if (b === null) continue;
        return true;
      }
      if (b === null) return false;
      const c = this.comparators[i]!(v, b);
      if (c !== 0) return c < 0;
    }
    return false;
  }

  /** The physical id of a row; error 1526 when no partition admits it. */
  locate(row: readonly Value[], ctx: EvalContext): number {
    const values = this.valuesOf(row, ctx);
    const idx = this.indexOfValues(values);
    if (idx < 0) throw this.noPartitionError(values);
    return this.ids[idx]!;
  }

  noPartitionError(values: readonly Value[]): Error {
    const text = this.columnsMode ? 'from column_list' : values[0] === null ? 'NULL' : toStringValue(values[0]!);
    return sqlError(ER.NO_PARTITION_FOR_GIVEN_VALUE, text);
  }
}

function primaryKeyColumns(info: TableInfo): string[] {
  const pk = info.indices.find((i) => i.primary) ?? info.indices.find((i) => i.unique);
  return pk ? pk.columns.map((c) => info.columns[c.offset]!.name) : [];
}

/** HASH: |v % n| on the 64-bit integer value; NULL in partition 0. */
export function hashIndex(v: Value, n: number): number {
  if (v === null) return 0;
  const i = typeof v === 'number' || typeof v === 'bigint' ? v : toInt(v, PARTITION_EVAL_CONTEXT);
  if (typeof i === 'number') return Math.abs(i % n);
  const r = BigInt.asIntN(64, i) % BigInt(n);
  return Number(r < 0n ? -r : r);
}

/** KEY: CRC32 over the columns' hash keys (collation keys of their string forms). */
export function keyIndex(values: readonly Value[], types: readonly FieldType[], n: number): number {
  let h = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? null;
    h = lazyZlib().crc32(v === null ? Buffer.from([0]) : hashKeyBytes(v, types[i] ?? INT_TYPE), h);
  }
  return (h >>> 0) % n;
}

function hashKeyBytes(v: Value, ft: FieldType): Buffer {
  const isReal = ft.tp === TypeCode.Float || ft.tp === TypeCode.Double;
  const s = typeof v === 'string' ? v : toStringValue(v, isReal);
  if (typeof v === 'string' && ft.charset === CHARSET_BIN) return Buffer.from(s, 'latin1');
  const name = typeof v === 'string' ? ft.collate : 'utf8mb4_bin';
  if (name.endsWith('_bin') || name === 'binary') return Buffer.from(s.replace(/ +$/, ''), 'utf8');
  const coll = getCollation(name);
  return coll ? Buffer.from(coll.sortKey(s), 'latin1') : Buffer.from(s, 'utf8');
}

const routers = new WeakMap<TableInfo, PartitionRouter>();

/** The compiled router of a partitioned table (cached per published TableInfo). */
export function partitionRouterOf(info: TableInfo): PartitionRouter {
  let r = routers.get(info);
  if (!r) {
    r = new PartitionRouter(info);
    routers.set(info, r);
  }
  return r;
}

/** Whether a partition id belongs to the given set (explicit `PARTITION (...)` selection). */
export function checkPartitionSet(pid: number, allowed: readonly number[] | undefined): void {
  if (allowed && !allowed.includes(pid)) throw sqlError(ER.ROW_DOES_NOT_MATCH_GIVEN_PARTITION_SET);
}
