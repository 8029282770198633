// GROUP_CONCAT (ORDER BY, SEPARATOR, group_concat_max_len truncation with warning 1260) and the
// JSON aggregates JSON_ARRAYAGG and JSON_OBJECTAGG.
import { ER, type ErrorSpec, sqlError, warningFrom } from '../../errors/index.js';
import { toStringValue } from '../../types/convert.js';
import type { Decimal } from '../../types/decimal.js';
import { CHARSET_BIN, EvalType, evalTypeOf, type FieldType, Flag } from '../../types/field-type.js';
import { type JsonNode, JsonValue, sortedObject } from '../../types/json.js';
import type { Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import { comparatorFor, nullsFirst, type ValueComparator } from '../value-compare.js';
import type { Accumulator } from './accumulator.js';
import type { AggFuncDesc } from './desc.js';

const CUT_BY_GROUP_CONCAT: ErrorSpec = { code: 1260, state: 'HY000', format: 'Row %d was cut by GROUP_CONCAT()' };

interface ConcatRow {
  text: string;
  keys: readonly Value[];
}

/** The longest prefix of s whose UTF-8 encoding fits in maxBytes, never splitting a character. */
function cutUtf8(s: string, maxBytes: number): string {
  const buf = Buffer.from(s, 'utf8');
  if (buf.length <= maxBytes) return s;
  let end = maxBytes;
  // Back up over continuation bytes (10xxxxxx) to a character boundary.
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

export class GroupConcatAccumulator implements Accumulator {
  private rows: ConcatRow[] = [];
  private readonly nargs: number;
  private readonly isReal: boolean[];
  private readonly separator: string;
  private readonly maxLen: number;
  private readonly binary: boolean;
  private readonly order: { cmp: ValueComparator; desc: boolean }[];

  constructor(desc: AggFuncDesc, ctx: EvalContext) {
    this.nargs = desc.args.length;
    this.isReal = desc.args.map((a) => evalTypeOf(a.type) === EvalType.Real);
    this.separator = desc.separator ?? ',';
    const max = Number(ctx.session.getSysVar('group_concat_max_len', false) ?? desc.type.flen);
    this.maxLen = Number.isFinite(max) && max > 0 ? max : 1024;
    this.binary = desc.type.charset === CHARSET_BIN;
    this.order = (desc.orderBy ?? []).map((o) => ({ cmp: nullsFirst(comparatorFor(o.expr.type)), desc: o.desc }));
  }

  add(args: readonly Value[]): void {
    let text = '';
    for (let i = 0; i < this.nargs; i++) {
      const v = args[i];
      if (v === null || v === undefined) return;
      text += toStringValue(v, this.isReal[i]);
    }
    this.rows.push({ text, keys: this.order.length > 0 ? args.slice(this.nargs) : [] });
  }

  merge(other: Accumulator): void {
    for (const r of (other as GroupConcatAccumulator).rows) this.rows.push(r);
  }

  result(ctx: EvalContext): Value {
    if (this.rows.length === 0) return null;
    let rows = this.rows;
    if (this.order.length > 0) {
      rows = [...rows].sort((a, b) => {
        for (let i = 0; i < this.order.length; i++) {
          const o = this.order[i]!;
          const c = o.cmp(a.keys[i] ?? null, b.keys[i] ?? null);
          if (c !== 0) return o.desc ? -c : c;
        }
        return 0;
      });
    }
    const s = rows.map((r) => r.text).join(this.separator);
    const cut = this.binary ? s.slice(0, this.maxLen) : cutUtf8(s, this.maxLen);
    if (cut.length < s.length) ctx.appendWarning(warningFrom(CUT_BY_GROUP_CONCAT, rows.length));
    return cut;
  }
}

/** A SQL value as a JSON node: strings stay strings, temporal values become their text. */
export function toJsonNode(v: Value, ft: FieldType): JsonNode {
  if (v === null) return null;
  switch (evalTypeOf(ft)) {
    case EvalType.Int:
      if (ft.flag & Flag.IsBoolean) return v !== 0 && v !== 0n;
      return BigInt(v as number | bigint);
    case EvalType.Real:
      return v as number;
    case EvalType.Decimal:
      return v as Decimal;
    case EvalType.Json:
      return (v as JsonValue).node;
    default:
      return String(v);
  }
}

export class JsonArrayAggAccumulator implements Accumulator {
  private items: JsonNode[] = [];
  private seen = false;
  constructor(private readonly ft: FieldType) {}
  add(args: readonly Value[]): void {
    this.seen = true;
    this.items.push(toJsonNode(args[0] ?? null, this.ft));
  }
  merge(other: Accumulator): void {
    const o = other as JsonArrayAggAccumulator;
    if (o.seen) this.seen = true;
    for (const n of o.items) this.items.push(n);
  }
  result(): Value {
    return this.seen ? new JsonValue(this.items) : null;
  }
}

export class JsonObjectAggAccumulator implements Accumulator {
  private entries = new Map<string, JsonNode>();
  private seen = false;
  constructor(private readonly valueType: FieldType) {}
  add(args: readonly Value[]): void {
    const k = args[0];
    if (k === null || k === undefined) throw sqlError(ER.JSON_DOCUMENT_NULL_KEY);
    this.seen = true;
    // Later duplicates win, as in MySQL.
    this.entries.set(toStringValue(k), toJsonNode(args[1] ?? null, this.valueType));
  }
  merge(other: Accumulator): void {
    const o = other as JsonObjectAggAccumulator;
    if (o.seen) this.seen = true;
    for (const [k, v] of o.entries) this.entries.set(k, v);
  }
  result(): Value {
    return this.seen ? new JsonValue(sortedObject(this.entries)) : null;
  }
}
