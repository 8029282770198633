// CHECK constraints compiled for the writers: the ENFORCED conditions of a table bound against its
// own columns, built once per published TableInfo (cached in a WeakMap) and evaluated on full
// table rows (row[i] is the column at offset i, generated columns already computed).
import type { TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { BuildContext, EvalContext } from '../expression/eval-context.js';
import type { EvalFn } from '../expression/expression.js';
import { parseExpression } from '../parser/index.js';
import { toBool } from '../types/convert.js';
import type { Value } from '../types/value.js';
import { ExprRewriter } from './rewriter.js';
import { tableRowScope } from './table-row-scope.js';

export interface CompiledCheck {
  name: string;
  /** The condition compiled against full table rows. */
  eval: EvalFn;
}

const cache = new WeakMap<TableInfo, readonly CompiledCheck[]>();

/** The table's ENFORCED check constraints (empty when it has none). */
export function enforcedChecksOf(info: TableInfo, bctx: BuildContext): readonly CompiledCheck[] {
  let checks = cache.get(info);
  if (checks) return checks;
  checks = info.checks?.some((c) => c.enforced) ? build(info, bctx) : [];
  cache.set(info, checks);
  return checks;
}

/**
 * Compiles one condition over the table's columns; `clause` names it in 1054 errors. Used by DDL
 * to validate a new condition and the rows it must hold for.
 */
export function compileCheck(info: TableInfo, expr: string, clause: string, bctx: BuildContext): EvalFn {
  const { scope, resolver } = tableRowScope(info);
  return new ExprRewriter(scope, bctx, clause).rewrite(parseExpression(expr)).compile(resolver);
}

function build(info: TableInfo, bctx: BuildContext): CompiledCheck[] {
  return (info.checks ?? [])
    .filter((c) => c.enforced)
    .map((c) => ({ name: c.name, eval: compileCheck(info, c.expr, `check constraint ${c.name} expression`, bctx) }));
}

/** The first check a row violates (its condition is FALSE; NULL passes), or undefined. */
export function violatedCheck(
  checks: readonly CompiledCheck[],
  row: readonly Value[],
  ctx: EvalContext,
): string | undefined {
  for (const c of checks) {
    if (toBool(c.eval(row as Value[], ctx), ctx) === false) return c.name;
  }
  return undefined;
}

/** Throws 3819 when the row violates one of the checks. */
export function verifyChecks(checks: readonly CompiledCheck[], row: readonly Value[], ctx: EvalContext): void {
  if (checks.length === 0) return;
  const name = violatedCheck(checks, row, ctx);
  if (name !== undefined) throw sqlError(ER.CHECK_CONSTRAINT_VIOLATED, name);
}
