// What partition DDL evaluates: constant bound values (VALUES LESS THAN / VALUES IN items,
// INTERVAL steps) and the partitioning expression over a table's columns, through the planner's
// expression rewriter so builtins behave as in queries. Also restores expressions in TiDB's
// stored form (upper-case function names, back-quoted names, bracketed binary operations).
import type { TableInfo } from '../catalog/model.js';
import { type BuildContext, type EvalContext, NO_SESSION } from '../expression/eval-context.js';
import { Column, type Expression } from '../expression/expression.js';
import type { ExprNode } from '../parser/ast.js';
import { exprToString, quoteString } from '../parser/restore.js';
import { ExprRewriter } from '../planner/rewriter.js';
import { Scope } from '../planner/scope.js';
import { DEFAULT_CHARSET, DEFAULT_COLLATION } from '../types/field-type.js';
import type { Value } from '../types/value.js';
import type { DdlContext } from './context.js';

/** An evaluation context for DDL-time constants: strict conversions (bad values are errors), no session. */
export function partitionEvalContext(ctx: DdlContext | undefined, strict = true): EvalContext {
  return {
    appendWarning() {},
    truncateAsWarning: !strict,
    noZeroDate: false,
    noZeroInDate: false,
    allowInvalidDates: false,
    timeZoneOffsetMinutes: ctx?.timeZoneOffsetMinutes ?? 0,
    divPrecisionIncrement: 4,
    params: [],
    session: NO_SESSION,
    stmtTimeMicros: Date.now() * 1000,
    divByZeroIsError: false,
    sqlMode: ctx?.sqlMode ?? new Set<string>(),
    random: () => 0,
  };
}

export function buildContext(evalCtx: EvalContext): BuildContext {
  return {
    sqlMode: evalCtx.sqlMode,
    connectionCharset: DEFAULT_CHARSET,
    connectionCollation: DEFAULT_COLLATION,
    evalCtx,
  };
}

/** A partitioning expression compiled over a table's rows (aligned with info.columns). */
export interface CompiledPartitionExpr {
  expr: Expression;
  eval(row: readonly Value[]): Value;
}

/** Builds an expression over the table's columns; unknown columns are 1054 "in 'partition function'". */
export function compileOverTable(info: TableInfo, node: ExprNode, evalCtx: EvalContext): CompiledPartitionExpr {
  const cols = info.columns.map((c) => new Column(c.type, { table: info.name, column: c.name }, c.id));
  const scope = new Scope(cols.map((col, i) => ({ db: '', table: info.name, name: info.columns[i]!.name, col })));
  const expr = new ExprRewriter(scope, buildContext(evalCtx), 'partition function').rewrite(node);
  const index = new Map(cols.map((c, i) => [c.uid, i]));
  const fn = expr.compile({ indexOf: (uid) => index.get(uid) ?? -1 });
  return { expr, eval: (row) => fn(row as Value[], evalCtx) };
}

/** Evaluates a constant expression; returns the value and its static type. */
export function evalConstant(node: ExprNode, evalCtx: EvalContext): { value: Value; expr: Expression } {
  const expr = new ExprRewriter(new Scope([]), buildContext(evalCtx), 'partition function').rewrite(node);
  const fn = expr.compile({ indexOf: () => -1 });
  return { value: fn([], evalCtx), expr };
}

const WORD_OPS = new Set(['div', 'mod', 'and', 'or', 'xor']);

/** Restores a partitioning expression the way TiDB stores it: `YEAR(\`d\`)`, `(\`a\` + \`b\`)`. */
export function restorePartitionExpr(e: ExprNode): string {
  switch (e.kind) {
    case 'column':
      return exprToString({ ...e, db: undefined, table: undefined });
    case 'binary': {
      const op = WORD_OPS.has(e.op) ? e.op.toUpperCase() : e.op;
      return `(${restorePartitionExpr(e.left)} ${op} ${restorePartitionExpr(e.right)})`;
    }
    case 'unary':
      if (e.op === '-' || e.op === '+' || e.op === '~') return `${e.op}${restorePartitionExpr(e.operand)}`;
      return exprToString(e);
    case 'func': {
      if (e.name === 'extract' && e.args.length === 2 && e.args[0]!.kind === 'literal') {
        return `EXTRACT(${e.args[0].text.toUpperCase()} FROM ${restorePartitionExpr(e.args[1]!)})`;
      }
      return `${e.name.toUpperCase()}(${e.args.map(restorePartitionExpr).join(', ')})`;
    }
    case 'literal':
      if (e.type === 'string' && !e.charset) return quoteString(e.text);
      return exprToString(e);
    default:
      return exprToString(e);
  }
}
