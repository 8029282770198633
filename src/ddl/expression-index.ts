// Expression (functional) index key parts, `KEY idx ((a + b))`, as MySQL 8 and TiDB have them: each
// expression becomes a hidden virtual generated column named `_V$_<index>_<n>` that the index covers.
// Writers compute it like any generated column; the planner reads conditions on the expression as
// conditions on the column (rules/expression-index.ts); dropping the index drops its columns.
import type { ColumnInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { IndexPart } from '../parser/ast.js';
import { parseExpression } from '../parser/index.js';
import { exprToString } from '../parser/restore.js';
import { Flag } from '../types/field-type.js';
import type { DdlContext } from './context.js';
import type { IndexSpec } from './index-def.js';
import { compileOverTable, partitionEvalContext } from './partition-eval.js';

const HIDDEN_PREFIX = '_V$_';

/** The hidden column name of an expression index's n-th expression part. */
function hiddenColumnName(index: string, n: number): string {
  return `${HIDDEN_PREFIX}${index}_${n}`;
}

/** The name MySQL gives an unnamed expression index: functional_index, then functional_index_2, ... */
function functionalIndexName(t: TableInfo): string {
  const taken = (n: string) => t.indices.some((i) => i.name.toLowerCase() === n.toLowerCase());
  if (!taken('functional_index')) return 'functional_index';
  for (let i = 2; ; i++) if (!taken(`functional_index_${i}`)) return `functional_index_${i}`;
}

/**
 * The spec with each expression part replaced by a new hidden generated column of the draft `t`
 * (appended to its columns); a spec without expression parts comes back as it is.
 */
export function withExpressionColumns(t: TableInfo, spec: IndexSpec, ctx: DdlContext | undefined): IndexSpec {
  if (!spec.parts.some((p) => p.expr)) return spec;
  if (spec.kind === 'primary') throw sqlError(ER.NOT_SUPPORTED_YET, 'functional index on a primary key');
  const name = spec.name ?? functionalIndexName(t);
  const evalCtx = partitionEvalContext(ctx);
  const parts: IndexPart[] = spec.parts.map((part, n) => {
    if (!part.expr) return part;
    if (part.expr.kind === 'column') throw sqlError(ER.FUNCTIONAL_INDEX_ON_FIELD);
    const compiled = compileOverTable(t, part.expr, evalCtx);
    const type = { ...compiled.expr.type, flag: compiled.expr.type.flag & ~(Flag.NotNull | Flag.PriKey) };
    const col: ColumnInfo = {
      id: ++t.maxColumnId,
      name: hiddenColumnName(name, n),
      offset: t.columns.length,
      type,
      autoIncrement: false,
      onUpdateNow: false,
      generated: { expr: exprToString(part.expr), stored: false },
      comment: '',
      state: 'public',
      hidden: true,
    };
    t.columns.push(col);
    return { column: col.name, desc: part.desc };
  });
  return { ...spec, name, parts };
}

/**
 * A column a generated column (or an expression index's hidden one) reads cannot be dropped or renamed:
 * 3108, or 3837 for an expression index, as MySQL has it.
 */
export function checkGeneratedDependents(t: TableInfo, column: string): void {
  const lower = column.toLowerCase();
  for (const c of t.columns) {
    if (!c.generated || c.name.toLowerCase() === lower) continue;
    if (!columnsRead(parseExpression(c.generated.expr)).has(lower)) continue;
    throw sqlError(c.hidden ? ER.DEPENDENT_BY_FUNCTIONAL_INDEX : ER.DEPENDENT_BY_GENERATED_COLUMN, column);
  }
}

/** The lower-case names of the columns an expression mentions. */
function columnsRead(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const x of node) columnsRead(x, out);
  else if (node !== null && typeof node === 'object') {
    const n = node as { kind?: string; column?: unknown };
    if (n.kind === 'column' && typeof n.column === 'string') out.add(n.column.toLowerCase());
    for (const v of Object.values(node)) columnsRead(v, out);
  }
  return out;
}

/** The hidden columns an expression index reads (none for an ordinary index). */
export function expressionColumnsOf(t: TableInfo, indexName: string): ColumnInfo[] {
  const prefix = `${HIDDEN_PREFIX}${indexName}_`.toLowerCase();
  return t.columns.filter((c) => c.hidden && c.generated && c.name.toLowerCase().startsWith(prefix));
}
