// MySQL's choice of comparison type and collation for comparison operators, IN, GREATEST/LEAST.
import { CHARSET_BIN, EvalType, type FieldType, isTemporalType, TypeCode } from '../../types/field-type.js';
import type { BuildContext } from '../eval-context.js';
import { Column, Constant, type Expression, ScalarFunction } from '../expression.js';
import { castToEvalType } from './cast.js';
import { defaultTypeFor } from './impl-util.js';

function isTemporalEval(et: EvalType): boolean {
  return et === EvalType.Datetime || et === EvalType.Duration;
}

function isNumericEval(et: EvalType): boolean {
  return et === EvalType.Int || et === EvalType.Real || et === EvalType.Decimal;
}

/**
 * The evaluation type two operands are compared as: both strings → string (collation); both
 * integers → int; integers and decimals → decimal; JSON with anything → JSON; temporal with a
 * string or another temporal → temporal; a temporal column with a numeric constant → temporal;
 * otherwise → double.
 */
export function pairCompareType(a: Expression, b: Expression): EvalType {
  if (a.type.tp === TypeCode.Null) return b.type.tp === TypeCode.Null ? EvalType.Int : b.evalType;
  if (b.type.tp === TypeCode.Null) return a.evalType;
  return combineCompareTypes(a.evalType, b.evalType, a instanceof Constant, b instanceof Constant);
}

function combineCompareTypes(ea: EvalType, eb: EvalType, aConst: boolean, bConst: boolean): EvalType {
  if (ea === EvalType.Json || eb === EvalType.Json) return EvalType.Json;
  if (isTemporalEval(ea) || isTemporalEval(eb)) {
    if (isTemporalEval(ea) && isTemporalEval(eb)) {
      return ea === EvalType.Duration && eb === EvalType.Duration ? EvalType.Duration : EvalType.Datetime;
    }
    const temporal = isTemporalEval(ea) ? ea : eb;
    const other = temporal === ea ? eb : ea;
    const otherConst = temporal === ea ? bConst : aConst;
    if (other === EvalType.String || otherConst) return temporal;
    return EvalType.Real;
  }
  if (ea === EvalType.String && eb === EvalType.String) return EvalType.String;
  if (ea === EvalType.Int && eb === EvalType.Int) return EvalType.Int;
  if (isNumericEval(ea) && isNumericEval(eb) && ea !== EvalType.Real && eb !== EvalType.Real) return EvalType.Decimal;
  return EvalType.Real;
}

/** The comparison type of a list of operands (IN, INTERVAL): MySQL's agg_cmp_type. */
export function listCompareType(args: readonly Expression[]): EvalType {
  const typed = args.filter((a) => a.type.tp !== TypeCode.Null);
  if (typed.length === 0) return EvalType.Int;
  let et = typed[0]!.evalType;
  let allConst = typed[0] instanceof Constant;
  for (let i = 1; i < typed.length; i++) {
    const e = typed[i]!;
    et = combineCompareTypes(et, e.evalType, allConst, e instanceof Constant);
    allConst = allConst && e instanceof Constant;
  }
  return et;
}

/** Coercibility as MySQL ranks it: lower wins when collations differ. */
function coercibility(e: Expression): number {
  if (e instanceof ScalarFunction && e.name === 'collate') return 0;
  if (e instanceof Constant) return e.type.tp === TypeCode.Null ? 6 : 4;
  if (e instanceof Column) return 2;
  return 2;
}

/** The collation string operands are compared with: binary wins, then the least coercible operand's. */
export function compareCollation(args: readonly Expression[]): string {
  let best: Expression | undefined;
  for (const a of args) {
    if (a.evalType !== EvalType.String && !isTemporalType(a.type.tp)) continue;
    if (a.type.charset === CHARSET_BIN && a.evalType === EvalType.String) return 'binary';
    if (best === undefined || coercibility(a) < coercibility(best)) best = a;
  }
  return best?.type.collate ?? 'utf8mb4_bin';
}

/** The FieldType values of comparison type `et` are compared under (carries the collation). */
export function compareFieldType(et: EvalType, args: readonly Expression[]): FieldType {
  const ft = defaultTypeFor(et);
  if (et === EvalType.String) {
    const coll = compareCollation(args);
    ft.collate = coll;
    ft.charset = coll === 'binary' ? CHARSET_BIN : coll.split('_')[0]!;
  }
  if (et === EvalType.Datetime || et === EvalType.Duration) ft.decimal = 6;
  return ft;
}

/** Casts every operand to the comparison type. */
export function castAll(args: readonly Expression[], et: EvalType, bctx: BuildContext): Expression[] {
  return args.map((a) => (a.type.tp === TypeCode.Null ? a : castToEvalType(a, et, bctx)));
}
