// Integer comparisons with non-integer constants, refined as TiDB refines them: `int_col = '5'` or
// `int_col > 5.5` compare as numbers (MySQL converts both sides to DOUBLE or DECIMAL), and for an integer
// column the same rows satisfy `int_col = 5` and `int_col > 5`. The integer form reads the column as it
// is stored, so an index or the handle can bound it (a string id from an application is a point read,
// not a full scan). Only for constants whose value is exactly known (a string that is a plain number
// without any text to truncate) and whose refined bound is a value of the column's type; the others keep
// the general comparison.
import { Decimal } from '../../types/decimal.js';
import {
  EvalType,
  type FieldType,
  Flag,
  intRange,
  isUnsigned,
  newFieldType,
  TypeCode,
} from '../../types/field-type.js';
import { Constant, type Expression } from '../expression.js';

export type RefinableOp = 'EQ' | 'NE' | 'LT' | 'LE' | 'GT' | 'GE' | 'NullEQ';

/** The op with its arguments swapped (`5 < a` is `a > 5`). */
const MIRROR: Record<RefinableOp, RefinableOp> = {
  EQ: 'EQ',
  NE: 'NE',
  LT: 'GT',
  LE: 'GE',
  GT: 'LT',
  GE: 'LE',
  NullEQ: 'NullEQ',
};

/** A plain decimal number, blanks around it allowed (what converts to DOUBLE without a warning). */
const PLAIN_NUMBER = /^[ \t\n\r]*[+-]?(\d+(\.\d*)?|\.\d+)[ \t\n\r]*$/;

/** An integer expression whose values a refined integer bound may replace the constant for. */
function isIntColumnLike(e: Expression): boolean {
  if (e instanceof Constant || e.evalType !== EvalType.Int) return false;
  return e.type.tp !== TypeCode.Year && e.type.tp !== TypeCode.Bit;
}

/** The constant's exact value, when it has one a comparison with an integer reads as a number. */
function exactValue(c: Constant): Decimal | undefined {
  const v = c.value;
  if (v === null) return undefined;
  switch (c.evalType) {
    case EvalType.Decimal:
      return v instanceof Decimal ? v : undefined;
    case EvalType.Real:
      return typeof v === 'number' && Number.isFinite(v) ? Decimal.fromNumber(v) : undefined;
    case EvalType.String:
      return typeof v === 'string' && PLAIN_NUMBER.test(v) ? (Decimal.parse(v.trim()) ?? undefined) : undefined;
    default:
      return undefined;
  }
}

/** `k` as a constant of the integer type of `col`, or undefined when no value of that type is k. */
function intConstant(k: bigint, col: FieldType): Constant | undefined {
  const [lo, hi] = intRange(col.tp, isUnsigned(col));
  if (k < lo || k > hi) return undefined;
  const type = newFieldType(TypeCode.LongLong, { flag: isUnsigned(col) ? Flag.Unsigned : 0, flen: 20, decimal: 0 });
  const n = Number(k);
  return new Constant(Number.isSafeInteger(n) ? n : k, type);
}

/**
 * The integer bound `int_col op k` that the same rows satisfy as `int_col op c`: c itself when it is a
 * whole number, else its ceiling for < and >=, its floor for <= and >; null when no integer can equal a
 * fractional c (= and <=>); undefined when nothing is refined.
 */
function refinedBound(op: RefinableOp, d: Decimal, col: FieldType): Constant | null | undefined {
  const floor = d.floor();
  if (floor.compare(d) === 0) return intConstant(floor.toBigInt(), col);
  switch (op) {
    case 'LT':
    case 'GE':
      return intConstant(d.ceil().toBigInt(), col);
    case 'LE':
    case 'GT':
      return intConstant(floor.toBigInt(), col);
    case 'EQ':
    case 'NullEQ':
      return null;
    default:
      return undefined;
  }
}

/**
 * Refined arguments of `a op b`: the non-integer constant replaced by its integer bound, `0 op 1` (false
 * for =, <=>) when the column is NOT NULL and can never equal it; undefined to keep the arguments.
 */
export function refineIntComparison(op: RefinableOp, a: Expression, b: Expression): Expression[] | undefined {
  const [col, con, colOp] =
    isIntColumnLike(a) && b instanceof Constant
      ? [a, b, op]
      : isIntColumnLike(b) && a instanceof Constant
        ? [b, a, MIRROR[op]]
        : [undefined, undefined, op];
  if (!col || !con || con.evalType === EvalType.Int) return undefined;
  const d = exactValue(con);
  if (!d) return undefined;
  const bound = refinedBound(colOp, d, col.type);
  if (bound === undefined) return undefined;
  if (bound === null) {
    // A NULL column value would make the comparison NULL, not false: only a NOT NULL one is settled.
    if ((col.type.flag & Flag.NotNull) === 0) return undefined;
    return [new Constant(0, newFieldType(TypeCode.LongLong)), new Constant(1, newFieldType(TypeCode.LongLong))];
  }
  return a === col ? [col, bound] : [bound, col];
}

/**
 * The refined list of `int_col IN (c1, ...)`: each constant as the integer it equals; a fractional one,
 * which no integer equals, dropped (while another remains); undefined to keep the list.
 */
export function refineIntInList(args: readonly Expression[]): Expression[] | undefined {
  const [x, ...list] = args;
  if (!x || !isIntColumnLike(x) || list.length === 0) return undefined;
  if (!list.some((e) => e instanceof Constant && e.evalType !== EvalType.Int)) return undefined;
  const out: Expression[] = [];
  for (const e of list) {
    if (!(e instanceof Constant)) return undefined;
    if (e.evalType === EvalType.Int || e.value === null) {
      out.push(e);
      continue;
    }
    const d = exactValue(e);
    if (!d) return undefined;
    const bound = refinedBound('EQ', d, x.type);
    if (bound === undefined) return undefined;
    if (bound) out.push(bound);
  }
  return out.length > 0 ? [x, ...out] : undefined;
}
