// Small analyses of expressions the optimizer rules share.
import { Column, Constant, CorrelatedColumn, type Expression, ScalarFunction } from '../expression/expression.js';

/** `a AND b AND c` → [a, b, c]. */
export function splitConjunction(e: Expression): Expression[] {
  if (e instanceof ScalarFunction && e.name === 'and')
    return [...splitConjunction(e.args[0]!), ...splitConjunction(e.args[1]!)];
  return [e];
}

/** Uids of the (non-correlated) columns an expression reads. */
export function columnUids(e: Expression): Set<number> {
  const out = new Set<number>();
  e.visit((x) => {
    if (x instanceof Column) out.add(x.uid);
  });
  return out;
}

export function coveredBy(e: Expression, schema: readonly Column[]): boolean {
  const uids = new Set(schema.map((c) => c.uid));
  for (const u of columnUids(e)) if (!uids.has(u)) return false;
  return true;
}

/** Functions whose evaluation must not move, repeat or disappear. */
export function hasSideEffects(e: Expression): boolean {
  let found = false;
  e.visit((x) => {
    if (x instanceof ScalarFunction && (x.impl.sideEffects || x.impl.deterministic === false)) found = true;
  });
  return found;
}

export function hasCorrelated(e: Expression): boolean {
  let found = false;
  e.visit((x) => {
    if (x instanceof CorrelatedColumn) found = true;
  });
  return found;
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
