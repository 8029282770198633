// Generated columns (GENERATED ALWAYS AS (expr) VIRTUAL|STORED): their expressions bound against the
// table's own columns, built once per published TableInfo (cached in a WeakMap) and evaluated by
// the writers on full table rows (row[i] is the column at offset i), in column order, so a
// generated column may read generated columns defined before it.
import type { TableInfo } from '../catalog/model.js';
import type { BuildContext } from '../expression/eval-context.js';
import type { EvalFn, Expression } from '../expression/expression.js';
import { parseExpression } from '../parser/index.js';
import { ExprRewriter } from './rewriter.js';
import { tableRowScope } from './table-row-scope.js';

export interface GeneratedColumn {
  /** The column's offset in the table's rows. */
  offset: number;
  expr: Expression;
  /** `expr` compiled against full table rows. */
  eval: EvalFn;
}

const cache = new WeakMap<TableInfo, readonly GeneratedColumn[]>();

/** The table's generated columns in column order (empty when it has none). */
export function generatedColumnsOf(info: TableInfo, bctx: BuildContext): readonly GeneratedColumn[] {
  let gen = cache.get(info);
  if (gen) return gen;
  gen = info.columns.some((c) => c.generated) ? build(info, bctx) : [];
  cache.set(info, gen);
  return gen;
}

function build(info: TableInfo, bctx: BuildContext): GeneratedColumn[] {
  const { scope, resolver } = tableRowScope(info);
  const rw = new ExprRewriter(scope, bctx, 'generated column function');
  const out: GeneratedColumn[] = [];
  for (const c of info.columns) {
    if (!c.generated || c.state !== 'public') continue;
    const expr = rw.rewrite(parseExpression(c.generated.expr));
    out.push({ offset: c.offset, expr, eval: expr.compile(resolver) });
  }
  return out;
}
