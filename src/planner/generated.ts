// Generated columns (GENERATED ALWAYS AS (expr) VIRTUAL|STORED): their expressions bound against the
// table's own columns, built once per published TableInfo (cached in a WeakMap) and evaluated by
// the writers on full table rows (row[i] is the column at offset i), in column order, so a
// generated column may read generated columns defined before it.
import type { TableInfo } from '../catalog/model.js';
import type { BuildContext } from '../expression/eval-context.js';
import { Column, type EvalFn, type Expression } from '../expression/expression.js';
import { parseExpression } from '../parser/index.js';
import { ExprRewriter } from './rewriter.js';
import { Scope, type ScopeEntry } from './scope.js';

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
  const entries: ScopeEntry[] = info.columns.map((c) => ({
    db: '',
    table: info.name,
    name: c.name,
    col: new Column(c.type, { table: info.name, orgTable: info.name, column: c.name, orgColumn: c.name }, c.id),
    hidden: c.hidden,
  }));
  const byUid = new Map(entries.map((e, i) => [e.col.uid, i]));
  const resolver = { indexOf: (uid: number) => byUid.get(uid) ?? -1 };
  const rw = new ExprRewriter(new Scope(entries), bctx, 'generated column function');
  const out: GeneratedColumn[] = [];
  for (const c of info.columns) {
    if (!c.generated || c.state !== 'public') continue;
    const expr = rw.rewrite(parseExpression(c.generated.expr));
    out.push({ offset: c.offset, expr, eval: expr.compile(resolver) });
  }
  return out;
}
