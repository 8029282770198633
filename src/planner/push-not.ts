// NOT pushed through comparisons and AND/OR (De Morgan), as TiDB simplifies conditions:
// `NOT (a < 2 OR a > 5)` becomes `a >= 2 AND a <= 5`, so the ranger and partition pruning see plain
// comparisons. Three-valued logic is preserved (a NULL comparison stays NULL either way).
import type { BuildContext } from '../expression/eval-context.js';
import { type Expression, ScalarFunction } from '../expression/expression.js';
import { newInternalFunction } from '../expression/function.js';

const OPPOSITE: Record<string, string> = { lt: 'ge', ge: 'lt', gt: 'le', le: 'gt', eq: 'ne', ne: 'eq' };
const BOOLEAN = new Set([...Object.keys(OPPOSITE), 'and', 'or', 'not', 'isnull', 'in', 'like']);

/** `not(x)` with the negation moved into x where it can be; other expressions unchanged. */
export function pushNot(e: Expression, bctx: BuildContext): Expression {
  if (!(e instanceof ScalarFunction) || e.name !== 'not') return e;
  return negate(e.args[0]!, bctx) ?? e;
}

function negate(x: Expression, bctx: BuildContext): Expression | undefined {
  if (!(x instanceof ScalarFunction)) return undefined;
  const op = OPPOSITE[x.name];
  if (op) return newInternalFunction(op, [...x.args], bctx);
  if (x.name === 'and' || x.name === 'or') {
    const args = x.args.map((a) => negate(a, bctx) ?? newInternalFunction('not', [a], bctx));
    return newInternalFunction(x.name === 'and' ? 'or' : 'and', args, bctx);
  }
  // NOT NOT x is x only when x is already 0/1/NULL.
  const inner = x.args[0];
  if (x.name === 'not' && inner instanceof ScalarFunction && BOOLEAN.has(inner.name)) return inner;
  return undefined;
}
