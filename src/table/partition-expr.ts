// A small compiler for the expressions stored in partition definitions: the partitioning
// expression (columns, literals, arithmetic, builtin calls) and the VALUES LESS THAN / VALUES IN
// items. It builds typed Expressions through the builtin registry, so evaluation has MySQL's
// semantics, without the planner's name resolution (the table layer sits below the planner).
import type { ColumnInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import { type BuildContext, type EvalContext, NO_SESSION } from '../expression/eval-context.js';
import { Column, Constant, type Expression } from '../expression/expression.js';
import { newFunction } from '../expression/function.js';
import { type ExprNode, type Literal, parseExpression } from '../parser/index.js';
import { LENIENT_CONTEXT } from '../types/context.js';
import { Decimal } from '../types/decimal.js';
import {
  CHARSET_BIN,
  COLLATE_BIN,
  DEFAULT_CHARSET,
  DEFAULT_COLLATION,
  DOUBLE_TYPE,
  Flag,
  newFieldType,
  NULL_TYPE,
  TypeCode,
  UNSPECIFIED,
} from '../types/field-type.js';
import { Duration, MyTime } from '../types/time.js';

const BINARY_FUNCS: Record<string, string> = {
  '+': 'plus',
  '-': 'minus',
  '*': 'mul',
  '/': 'div',
  div: 'intdiv',
  '%': 'mod',
  mod: 'mod',
  '=': 'eq',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  '!=': 'ne',
  '&': 'bitand',
  '|': 'bitor',
  '^': 'bitxor',
  '<<': 'leftshift',
  '>>': 'rightshift',
  and: 'and',
  or: 'or',
};

/** Evaluation context for constant partition values: no session, UTC, lenient conversions. */
export const PARTITION_EVAL_CONTEXT: EvalContext = {
  ...LENIENT_CONTEXT,
  params: [],
  session: NO_SESSION,
  stmtTimeMicros: 0,
  divByZeroIsError: false,
  sqlMode: new Set<string>(),
  random: () => 0,
};

const BUILD_CONTEXT: BuildContext = {
  sqlMode: new Set<string>(),
  connectionCharset: DEFAULT_CHARSET,
  connectionCollation: DEFAULT_COLLATION,
  evalCtx: PARTITION_EVAL_CONTEXT,
};

/** The table's columns as Expressions, one per column offset (evaluated on rows aligned with info.columns). */
export function tableColumns(info: TableInfo): Column[] {
  return info.columns.map(
    (c) => new Column(c.type, { table: info.name, orgTable: info.name, column: c.name, orgColumn: c.name }, c.id),
  );
}

/** Compiles expression text against the table's columns (`cols[i]` is the column at offset i). */
export function compilePartitionExpr(text: string, info: TableInfo, cols: readonly Column[]): Expression {
  return build(parseExpression(text), info, cols);
}

/** Evaluates a constant partition value (`10`, `'2001-01-01'`, `TO_DAYS('2001-01-01')`, `NULL`). */
export function constantPartitionValue(text: string): Constant {
  const e = build(parseExpression(text), undefined, []);
  if (e instanceof Constant) return e;
  const fn = e.compile({ indexOf: () => -1 });
  return new Constant(fn([], PARTITION_EVAL_CONTEXT), e.type);
}

function build(node: ExprNode, info: TableInfo | undefined, cols: readonly Column[]): Expression {
  const rec = (n: ExprNode) => build(n, info, cols);
  switch (node.kind) {
    case 'literal':
      return literal(node);
    case 'column': {
      const off = info ? findOffset(info.columns, node.column) : -1;
      if (off < 0) throw sqlError(ER.BAD_FIELD, node.column, 'partition function');
      return cols[off]!;
    }
    case 'unary': {
      if (node.op === '-' && node.operand.kind === 'literal' && ['int', 'decimal', 'float'].includes(node.operand.type))
        return literal({ ...node.operand, text: negate(node.operand.text) });
      const e = rec(node.operand);
      if (node.op === '+') return e;
      return fn(node.op === '-' ? 'unaryminus' : node.op === '~' ? 'bitneg' : 'not', [e]);
    }
    case 'binary': {
      const name = BINARY_FUNCS[node.op];
      if (!name) throw sqlError(ER.PARTITION_FUNCTION_IS_NOT_ALLOWED);
      return fn(name, [rec(node.left), rec(node.right)]);
    }
    case 'func':
      return fn(node.name, node.args.map(rec));
    case 'is': {
      const r = fn(
        node.value === 'null' || node.value === 'unknown' ? 'isnull' : node.value === 'true' ? 'istrue' : 'isfalse',
        [rec(node.expr)],
      );
      return node.not ? fn('not', [r]) : r;
    }
    case 'case': {
      const args: Expression[] = [];
      const operand = node.operand ? rec(node.operand) : undefined;
      for (const w of node.whens) {
        const c = rec(w.when);
        args.push(operand ? fn('eq', [operand, c]) : c, rec(w.then));
      }
      if (node.else) args.push(rec(node.else));
      return fn('case', args);
    }
    default:
      throw sqlError(ER.PARTITION_FUNCTION_IS_NOT_ALLOWED);
  }
}

function fn(name: string, args: Expression[]): Expression {
  return newFunction(name, args, BUILD_CONTEXT);
}

function findOffset(cols: readonly ColumnInfo[], name: string): number {
  const lower = name.toLowerCase();
  return cols.findIndex((c) => c.name.toLowerCase() === lower);
}

function negate(text: string): string {
  return text.startsWith('-') ? text.slice(1) : `-${text}`;
}

function literal(lit: Literal): Constant {
  const nn = Flag.NotNull;
  switch (lit.type) {
    case 'null':
      return new Constant(null, NULL_TYPE);
    case 'bool':
      return new Constant(lit.text.toUpperCase() === 'TRUE' ? 1 : 0, newFieldType(TypeCode.LongLong, { flen: 1 }));
    case 'int': {
      const b = BigInt(lit.text);
      if (b >= -(2n ** 63n) && b < 2n ** 63n) {
        const v = b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
        return new Constant(v, newFieldType(TypeCode.LongLong, { flen: 20, decimal: 0, flag: nn }));
      }
      if (b >= 0n && b < 2n ** 64n)
        return new Constant(b, newFieldType(TypeCode.LongLong, { flen: 20, decimal: 0, flag: nn | Flag.Unsigned }));
      return decimal(lit.text);
    }
    case 'decimal':
      return decimal(lit.text);
    case 'float':
      return new Constant(Number(lit.text), { ...DOUBLE_TYPE, flag: nn });
    case 'string':
      if (lit.charset === 'binary' || lit.charset === '_binary') return binaryString(lit.text);
      return new Constant(
        lit.text,
        newFieldType(TypeCode.VarString, {
          flen: lit.text.length,
          decimal: UNSPECIFIED,
          charset: DEFAULT_CHARSET,
          collate: DEFAULT_COLLATION,
          flag: nn,
        }),
      );
    case 'hexString':
    case 'bitString':
      return binaryString(lit.text);
    case 'date':
    case 'timestamp': {
      const tp = lit.type === 'date' ? TypeCode.Date : TypeCode.Datetime;
      const t = MyTime.parse(lit.text, tp, lit.type === 'date' ? 0 : 6, PARTITION_EVAL_CONTEXT);
      if (!t) throw sqlError(ER.WRONG_VALUE, lit.type === 'date' ? 'DATE' : 'DATETIME', lit.text);
      return new Constant(t, newFieldType(tp, { flen: 19, decimal: t.fsp, flag: nn | Flag.Binary }));
    }
    case 'time': {
      const d = Duration.parse(lit.text, 6, PARTITION_EVAL_CONTEXT);
      if (!d) throw sqlError(ER.WRONG_VALUE, 'TIME', lit.text);
      return new Constant(d, newFieldType(TypeCode.Duration, { flen: 10, decimal: d.fsp, flag: nn | Flag.Binary }));
    }
  }
}

function decimal(text: string): Constant {
  const d = Decimal.parse(text);
  if (!d) throw sqlError(ER.PARSE, `invalid number ${text}`);
  const ft = newFieldType(TypeCode.NewDecimal, {
    flen: Math.max(d.precision, d.scale),
    decimal: d.scale,
    flag: Flag.NotNull,
  });
  return new Constant(d, ft);
}

function binaryString(text: string): Constant {
  return new Constant(
    text,
    newFieldType(TypeCode.VarString, {
      flen: text.length,
      decimal: 0,
      charset: CHARSET_BIN,
      collate: COLLATE_BIN,
      flag: Flag.NotNull | Flag.Binary,
    }),
  );
}
