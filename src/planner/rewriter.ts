// The expression rewriter: AST expressions → typed Expressions, resolving names through the scope
// chain. Aggregates, window functions, subqueries and VALUES() are delegated to hooks supplied by
// the query-block builder, which owns the plan those constructs change.
import { ER, sqlError } from '../errors/index.js';
import { isAggregateName } from '../expression/aggregation/desc.js';
import { buildCast } from '../expression/builtin/cast.js';
import type { BuildContext } from '../expression/eval-context.js';
import { BinaryLiteralConstant, Constant, CorrelatedColumn, type Expression } from '../expression/expression.js';
import { newFunction } from '../expression/function.js';
import type {
  BinaryExpr,
  ColumnRef,
  ExistsExpr,
  ExprNode,
  FuncCall,
  InExpr,
  Literal,
  QuantifiedCompare,
  SubqueryExpr,
} from '../parser/ast.js';
import { Decimal } from '../types/decimal.js';
import {
  CHARSET_BIN,
  COLLATE_BIN,
  DOUBLE_TYPE,
  type FieldType,
  Flag,
  newFieldType,
  NULL_TYPE,
  TypeCode,
  UNSPECIFIED,
} from '../types/field-type.js';
import { Duration, MyTime } from '../types/time.js';
import type { Value } from '../types/value.js';
import { pushNot } from './push-not.js';
import { valueType } from './value-type.js';
import type { Scope } from './scope.js';
import { fieldTypeFromSpec } from './type-spec.js';

export type SubqueryNode = SubqueryExpr | ExistsExpr | InExpr | QuantifiedCompare;

export interface RewriteHooks {
  /** Maps an aggregate call to the aggregation's output column; absent where aggregates are not allowed. */
  aggregate?(f: FuncCall): Expression;
  window?(f: FuncCall): Expression;
  /** Called before rewriting each node: returns a replacement (group-by items, select aliases) or undefined. */
  pre?(node: ExprNode): Expression | undefined;
  subquery?(node: SubqueryNode, rw: ExprRewriter): Expression;
  values?(col: ColumnRef): Expression;
  default?(col: ColumnRef | undefined): Expression;
}

const BINARY_FUNCS: Partial<Record<BinaryExpr['op'], string>> = {
  '+': 'plus',
  '-': 'minus',
  '*': 'mul',
  '/': 'div',
  div: 'intdiv',
  '%': 'mod',
  '=': 'eq',
  '<=>': 'nulleq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  and: 'and',
  or: 'or',
  xor: 'xor',
  '&': 'bitand',
  '|': 'bitor',
  '^': 'bitxor',
  '<<': 'leftshift',
  '>>': 'rightshift',
};

export function isAggregateCall(node: ExprNode): node is FuncCall {
  return node.kind === 'func' && node.over === undefined && isAggregateName(node.name);
}

export class ExprRewriter {
  constructor(
    readonly scope: Scope,
    readonly bctx: BuildContext,
    readonly clause: string,
    readonly hooks: RewriteHooks = {},
  ) {}

  with(clause: string, hooks: RewriteHooks): ExprRewriter {
    return new ExprRewriter(this.scope, this.bctx, clause, hooks);
  }

  rewrite(node: ExprNode): Expression {
    const pre = this.hooks.pre?.(node);
    if (pre) return pre;
    switch (node.kind) {
      case 'literal':
        return literalConstant(node, this.bctx);
      case 'param': {
        const v = this.bctx.evalCtx.params[node.index];
        if (v === undefined) throw sqlError(ER.WRONG_ARGUMENTS, 'EXECUTE');
        return new Constant(v, valueType(v), node.index);
      }
      case 'column':
        return this.column(node);
      case 'unary':
        return this.unary(node.op, node.operand);
      case 'binary':
        return this.binary(node);
      case 'is': {
        const e = this.rewrite(node.expr);
        const fn =
          node.value === 'null' || node.value === 'unknown' ? 'isnull' : node.value === 'true' ? 'istrue' : 'isfalse';
        const r = this.fn(fn, [e]);
        return node.not ? this.fn('not', [r]) : r;
      }
      case 'in':
        return this.inExpr(node);
      case 'between': {
        const e = this.rewrite(node.expr);
        const r = this.fn('and', [
          this.fn('ge', [e, this.rewrite(node.low)]),
          this.fn('le', [e, this.rewrite(node.high)]),
        ]);
        return node.not ? pushNot(this.fn('not', [r]), this.bctx) : r;
      }
      case 'like': {
        const args = [this.rewrite(node.expr), this.rewrite(node.pattern)];
        args.push(node.escape ? this.rewrite(node.escape) : this.constString('\\'));
        const r = this.fn('like', args);
        return node.not ? this.fn('not', [r]) : r;
      }
      case 'regexp': {
        const r = this.fn('regexp', [this.rewrite(node.expr), this.rewrite(node.pattern)]);
        return node.not ? this.fn('not', [r]) : r;
      }
      case 'func':
        return this.func(node);
      case 'cast': {
        const target = fieldTypeFromSpec(node.target, {
          charset: this.bctx.connectionCharset,
          collate: this.bctx.connectionCollation,
        });
        if (node.target.name === 'DECIMAL' && node.target.length === undefined) target.flen = 10;
        // CAST(x AS CHAR) / AS BINARY without a length does not truncate.
        if ((node.target.name === 'CHAR' || node.target.name === 'BINARY') && node.target.length === undefined)
          target.flen = -1;
        return buildCast(this.rewrite(node.expr), target, this.bctx);
      }
      case 'case':
        return this.caseExpr(node);
      case 'subquery':
      case 'exists':
      case 'quantified':
        if (!this.hooks.subquery) throw sqlError(ER.NOT_SUPPORTED_YET, 'subquery here');
        return this.hooks.subquery(node, this);
      case 'row':
        throw sqlError(ER.OPERAND_COLUMNS, 1);
      case 'variable':
        return this.variable(node.name, node.system, node.scope);
      case 'assign':
        return this.fn('setvar', [this.constString(node.name.toLowerCase()), this.rewrite(node.value)]);
      case 'default':
        if (!this.hooks.default) throw sqlError(ER.NOT_SUPPORTED_YET, 'DEFAULT here');
        return this.hooks.default(node.column);
      case 'values':
        if (!this.hooks.values) return new Constant(null, NULL_TYPE);
        return this.hooks.values(node.column);
      case 'collate':
        // Kept unfolded: an explicit COLLATE has the lowest coercibility, which comparisons look for.
        return newFunction('collate', [this.rewrite(node.expr), this.constString(node.collation)], this.bctx, {
          noFold: true,
        });
      case 'match':
        throw sqlError(ER.NOT_SUPPORTED_YET, 'MATCH AGAINST');
    }
  }

  fn(name: string, args: Expression[]): Expression {
    return newFunction(name, args, this.bctx);
  }

  constString(s: string): Constant {
    return new Constant(s, newFieldType(TypeCode.VarString, { flen: s.length, flag: Flag.NotNull }));
  }

  private column(ref: ColumnRef): Expression {
    const { entry, scope, depth } = this.scope.resolve(ref, this.clause);
    if (depth === 0) return entry.col;
    let binding = scope.bindings.find((b) => b.column.uid === entry.col.uid);
    if (!binding) {
      binding = { column: entry.col, slot: { value: null } };
      scope.bindings.push(binding);
    }
    return new CorrelatedColumn(entry.col, binding.slot);
  }

  private unary(op: string, operand: ExprNode): Expression {
    if (op === '-' && operand.kind === 'literal' && (operand.type === 'int' || operand.type === 'decimal')) {
      return literalConstant({ ...operand, text: negateText(operand.text) }, this.bctx);
    }
    const e = this.rewrite(operand);
    switch (op) {
      case '-':
        return this.fn('unaryminus', [e]);
      case '+':
        return e;
      case '!':
      case 'not':
        return pushNot(this.fn('not', [e]), this.bctx);
      case '~':
        return this.fn('bitneg', [e]);
      default:
        return this.fn('collate', [e, this.constString('binary')]);
    }
  }

  private binary(node: BinaryExpr): Expression {
    const { op } = node;
    if (node.left.kind === 'row' || node.right.kind === 'row') return this.rowCompare(node);
    if (op === '||') {
      const concat = this.bctx.sqlMode.has('PIPES_AS_CONCAT');
      return this.fn(concat ? 'concat' : 'or', [this.rewrite(node.left), this.rewrite(node.right)]);
    }
    return this.fn(BINARY_FUNCS[op]!, [this.rewrite(node.left), this.rewrite(node.right)]);
  }

  private rowItems(node: ExprNode): Expression[] {
    if (node.kind === 'row') return node.items.map((i) => this.rewrite(i));
    if (node.kind === 'subquery') throw sqlError(ER.NOT_SUPPORTED_YET, 'row subquery comparison');
    return [this.rewrite(node)];
  }

  /** `(a, b) op (c, d)`: element-wise for =, <=>, !=; lexicographic for ordering operators. */
  private rowCompare(node: BinaryExpr): Expression {
    const l = this.rowItems(node.left);
    const r = this.rowItems(node.right);
    if (l.length !== r.length) throw sqlError(ER.OPERAND_COLUMNS, l.length);
    const fname = BINARY_FUNCS[node.op];
    if (!fname) throw sqlError(ER.OPERAND_COLUMNS, 1);
    if (node.op === '=' || node.op === '<=>') return this.andAll(l.map((x, i) => this.fn(fname, [x, r[i]!])));
    if (node.op === '!=') return this.orAll(l.map((x, i) => this.fn('ne', [x, r[i]!])));
    const strict = node.op === '<' || node.op === '>' ? fname : node.op === '<=' ? 'lt' : 'gt';
    let acc = this.fn(fname, [l[l.length - 1]!, r[r.length - 1]!]);
    for (let i = l.length - 2; i >= 0; i--) {
      acc = this.fn('or', [this.fn(strict, [l[i]!, r[i]!]), this.fn('and', [this.fn('eq', [l[i]!, r[i]!]), acc])]);
    }
    return acc;
  }

  andAll(es: Expression[]): Expression {
    return es.reduce((a, b) => this.fn('and', [a, b]));
  }

  orAll(es: Expression[]): Expression {
    return es.reduce((a, b) => this.fn('or', [a, b]));
  }

  private inExpr(node: InExpr): Expression {
    if (node.query) {
      if (!this.hooks.subquery) throw sqlError(ER.NOT_SUPPORTED_YET, 'subquery here');
      return this.hooks.subquery(node, this);
    }
    const list = node.list!;
    let r: Expression;
    if (node.expr.kind === 'row') {
      const l = this.rowItems(node.expr);
      r = this.orAll(
        list.map((item) => {
          const items = this.rowItems(item);
          if (items.length !== l.length) throw sqlError(ER.OPERAND_COLUMNS, l.length);
          return this.andAll(l.map((x, i) => this.fn('eq', [x, items[i]!])));
        }),
      );
    } else {
      for (const item of list) if (item.kind === 'row') throw sqlError(ER.OPERAND_COLUMNS, 1);
      r = this.fn('in', [this.rewrite(node.expr), ...list.map((i) => this.rewrite(i))]);
    }
    return node.not ? this.fn('not', [r]) : r;
  }

  private func(node: FuncCall): Expression {
    if (node.over !== undefined) {
      if (!this.hooks.window) throw sqlError(ER.WINDOW_INVALID_WINDOW_FUNC_USE, node.name);
      return this.hooks.window(node);
    }
    if (isAggregateName(node.name)) {
      if (!this.hooks.aggregate) throw sqlError(ER.INVALID_GROUP_FUNC_USE);
      return this.hooks.aggregate(node);
    }
    return newFunction(
      node.name,
      node.args.map((a) => this.rewrite(a)),
      this.bctx,
      { db: this.bctx.evalCtx.session.currentDb() },
    );
  }

  private caseExpr(node: Extract<ExprNode, { kind: 'case' }>): Expression {
    const args: Expression[] = [];
    const operand = node.operand ? this.rewrite(node.operand) : undefined;
    for (const w of node.whens) {
      const cond = this.rewrite(w.when);
      args.push(operand ? this.fn('eq', [operand, cond]) : cond, this.rewrite(w.then));
    }
    if (node.else) args.push(this.rewrite(node.else));
    return this.fn('case', args);
  }

  private variable(name: string, system: boolean, scope: 'global' | 'session' | undefined): Expression {
    const session = this.bctx.evalCtx.session;
    if (!system) return this.fn('getvar', [this.constString(name.toLowerCase())]);
    const v = session.getSysVar(name.toLowerCase(), scope === 'global');
    if (v === undefined) throw sqlError(ER.UNKNOWN_SYSTEM_VARIABLE, name);
    if (typeof v === 'number') return new Constant(v, newFieldType(TypeCode.LongLong, { flen: 21, decimal: 0 }));
    return this.constString(v);
  }
}

function negateText(text: string): string {
  return text.startsWith('-') ? text.slice(1) : `-${text}`;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** The constant a literal denotes, typed as MySQL types literals. */
export function literalConstant(lit: Literal, bctx: BuildContext): Constant {
  const nn = Flag.NotNull;
  switch (lit.type) {
    case 'null':
      return new Constant(null, NULL_TYPE);
    case 'bool':
      return new Constant(
        lit.text.toUpperCase() === 'TRUE' ? 1 : 0,
        newFieldType(TypeCode.LongLong, { flen: 1, decimal: 0, flag: nn | Flag.IsBoolean }),
      );
    case 'int': {
      // The display width counts the sign, as MySQL's does: an implicit cast to string must not cut it off.
      const digits = lit.text.length;
      // Up to 15 characters the value is a safe integer: no bigint needed.
      if (digits <= 15) {
        return new Constant(Number(lit.text), newFieldType(TypeCode.LongLong, { flen: digits, decimal: 0, flag: nn }));
      }
      const b = BigInt(lit.text);
      if (b >= INT64_MIN && b <= INT64_MAX) {
        const v = b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
        return new Constant(v, newFieldType(TypeCode.LongLong, { flen: digits, decimal: 0, flag: nn }));
      }
      if (b >= 0n && b <= UINT64_MAX) {
        return new Constant(b, newFieldType(TypeCode.LongLong, { flen: digits, decimal: 0, flag: nn | Flag.Unsigned }));
      }
      const d = Decimal.parse(lit.text)!;
      return new Constant(d, newFieldType(TypeCode.NewDecimal, { flen: digits, decimal: 0, flag: nn }));
    }
    case 'decimal': {
      const d = Decimal.parse(lit.text);
      if (!d) throw sqlError(ER.PARSE, `invalid number ${lit.text}`);
      return new Constant(
        d,
        newFieldType(TypeCode.NewDecimal, { flen: Math.max(d.precision, d.scale), decimal: d.scale, flag: nn }),
      );
    }
    case 'float': {
      const v = Number(lit.text);
      // A DOUBLE literal beyond its range is a parse-time error in MySQL, never infinity.
      if (!Number.isFinite(v)) throw sqlError(ER.ILLEGAL_VALUE_FOR_TYPE, 'double', lit.text);
      return new Constant(v, { ...DOUBLE_TYPE, flag: nn });
    }
    case 'string': {
      if (lit.charset === 'binary' || lit.charset === '_binary') {
        const bytes = Buffer.from(lit.text, 'utf8').toString('latin1');
        return new Constant(
          bytes,
          newFieldType(TypeCode.VarString, {
            flen: bytes.length,
            decimal: UNSPECIFIED,
            charset: CHARSET_BIN,
            collate: COLLATE_BIN,
            flag: nn | Flag.Binary,
          }),
        );
      }
      return new Constant(lit.text, stringLiteralType(lit.text.length, bctx));
    }
    case 'hexString':
    case 'bitString':
      return new BinaryLiteralConstant(
        lit.text,
        newFieldType(TypeCode.VarString, {
          flen: lit.text.length,
          decimal: 0,
          charset: CHARSET_BIN,
          collate: COLLATE_BIN,
          flag: nn | Flag.Binary,
        }),
      );
    case 'date':
    case 'timestamp': {
      const tp = lit.type === 'date' ? TypeCode.Date : TypeCode.Datetime;
      const t = MyTime.parse(lit.text, tp, lit.type === 'date' ? 0 : fracDigits(lit.text), bctx.evalCtx);
      if (!t) throw sqlError(ER.WRONG_VALUE, lit.type === 'date' ? 'DATE' : 'DATETIME', lit.text);
      return new Constant(
        t,
        newFieldType(tp, { flen: tp === TypeCode.Date ? 10 : 19, decimal: t.fsp, flag: nn | Flag.Binary }),
      );
    }
    case 'time': {
      const d = Duration.parse(lit.text, fracDigits(lit.text), bctx.evalCtx);
      if (!d) throw sqlError(ER.WRONG_VALUE, 'TIME', lit.text);
      return new Constant(d, newFieldType(TypeCode.Duration, { flen: 10, decimal: d.fsp, flag: nn | Flag.Binary }));
    }
  }
}

function fracDigits(s: string): number {
  const m = /\.(\d+)\s*$/.exec(s);
  return m ? Math.min(6, m[1]!.length) : 0;
}

export function stringLiteralType(len: number, bctx: BuildContext): FieldType {
  return newFieldType(TypeCode.VarString, {
    flen: len,
    decimal: UNSPECIFIED,
    charset: bctx.connectionCharset,
    collate: bctx.connectionCollation,
    flag: Flag.NotNull,
  });
}

export type { Value };
