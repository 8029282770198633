// Small analyses of expressions the optimizer rules share.
import {
  type BuiltinImpl,
  Column,
  Constant,
  type Expression,
  ScalarFunction,
  TRAIT_CORRELATED,
  TRAIT_VOLATILE,
} from '../expression/expression.js';
import { boolType } from '../expression/builtin/impl-util.js';
import type { BuildContext } from '../expression/eval-context.js';
import { lookupFunction } from '../expression/function.js';
import { EvalType, evalTypeOf, type FieldType, isUnsigned } from '../types/field-type.js';

/** `a AND b AND c` → [a, b, c]. */
export function splitConjunction(e: Expression): Expression[] {
  if (e instanceof ScalarFunction && e.name === 'and')
    return [...splitConjunction(e.args[0]!), ...splitConjunction(e.args[1]!)];
  return [e];
}

/**
 * What makes `=` transitive between two columns, and their values' hash keys alike: one evaluation type and
 * for it the same comparison. Undefined for doubles and JSON (equality through conversions).
 */
export function comparisonKind(ft: FieldType): string | undefined {
  const et = evalTypeOf(ft);
  switch (et) {
    case EvalType.Int:
      return `int:${isUnsigned(ft)}`;
    case EvalType.String:
      return `string:${ft.collate}`;
    case EvalType.Decimal:
    case EvalType.Datetime:
    case EvalType.Duration:
      return `${et}:${ft.tp}:${ft.decimal}`;
    default:
      return undefined;
  }
}

/** `a OR b OR c` (nested either way) → [a, b, c]. */
export function splitDisjunction(e: Expression): Expression[] {
  if (e instanceof ScalarFunction && e.name === 'or')
    return [...splitDisjunction(e.args[0]!), ...splitDisjunction(e.args[1]!)];
  return [e];
}

/** The implementation of a logical function found in the tree (AND/OR implementations take no types). */
export function findImpl(e: Expression, name: string): BuiltinImpl | undefined {
  let impl: BuiltinImpl | undefined;
  e.visit((x) => {
    if (!impl && x instanceof ScalarFunction && x.name === name) impl = x.impl;
  });
  return impl;
}

/** `parts` joined by AND or OR (left-deep), with an implementation of it found in the tree they came from. */
export function logicalChain(name: 'and' | 'or', impl: BuiltinImpl, parts: readonly Expression[]): Expression {
  return parts.reduce((a, b) => new ScalarFunction(name, [a, b], boolType(), impl));
}

/**
 * `name(args)` built by the optimizer's own rewriting, for builtins whose arguments need no cast (so their
 * builds read no context) and never counted in telemetry.
 */
export function contextFreeFunction(name: string, args: Expression[]): ScalarFunction {
  const built = lookupFunction(name)!.build(args, NO_BUILD_CONTEXT, name);
  return new ScalarFunction(name, built.args, built.type, built.impl);
}

const NO_BUILD_CONTEXT = {} as BuildContext;

/** `not(isnull(e))`, as TiDB derives it for join keys. */
export function notNull(e: Expression): Expression {
  return contextFreeFunction('not', [contextFreeFunction('isnull', [e])]);
}

/** The column of a `not(isnull(col))` condition, else undefined. */
export function notNullColumn(c: Expression): Column | undefined {
  if (!(c instanceof ScalarFunction) || c.name !== 'not') return undefined;
  const inner = c.args[0];
  if (!(inner instanceof ScalarFunction) || inner.name !== 'isnull') return undefined;
  const col = inner.args[0];
  return col instanceof Column ? col : undefined;
}

/** Uids of the (non-correlated) columns an expression reads. */
export function columnUids(e: Expression): Set<number> {
  const out = new Set<number>();
  e.visit((x) => {
    if (x instanceof Column) out.add(x.uid);
  });
  return out;
}

export function uidSet(schema: readonly Column[]): Set<number> {
  return new Set(schema.map((c) => c.uid));
}

/** Whether every column the expression reads is in the schema (given as columns or a uid set). */
export function coveredBy(e: Expression, schema: readonly Column[] | ReadonlySet<number>): boolean {
  const uids = schema instanceof Set ? schema : uidSet(schema as readonly Column[]);
  let ok = true;
  e.visit((x) => {
    if (ok && x instanceof Column && !uids.has(x.uid)) ok = false;
  });
  return ok;
}

/** Functions whose evaluation must not move, repeat or disappear. */
export function hasSideEffects(e: Expression): boolean {
  return (e.traits & TRAIT_VOLATILE) !== 0;
}

export function hasCorrelated(e: Expression): boolean {
  return (e.traits & TRAIT_CORRELATED) !== 0;
}

/** A constant condition that can never be true (FALSE, 0 or NULL). */
export function isAlwaysFalse(e: Expression): boolean {
  if (!(e instanceof Constant) || e.paramIndex !== undefined) return false;
  const v = e.value;
  if (v === null) return true;
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'bigint') return v === 0n;
  return false;
}

export function isAlwaysTrue(e: Expression): boolean {
  if (!(e instanceof Constant) || e.paramIndex !== undefined) return false;
  const v = e.value;
  return (typeof v === 'number' && v !== 0) || (typeof v === 'bigint' && v !== 0n);
}

/** Replaces columns by expressions (pushing a condition through a projection). */
export function substitute(e: Expression, map: Map<number, Expression>): Expression {
  return e.transform((x) => (x instanceof Column && map.has(x.uid) ? map.get(x.uid)! : x));
}
