// Typed, immutable expressions: what the planner builds from the AST and the executor compiles.
import type { FieldType } from '../types/field-type.js';
import { CHARSET_BIN, EvalType, evalTypeOf } from '../types/field-type.js';
import { typeToString } from '../types/type-name.js';
import type { Row, Value } from '../types/value.js';
import type { EvalContext } from './eval-context.js';

/** A compiled expression: evaluates against one input row. */
export type EvalFn = (row: Row, ctx: EvalContext) => Value;

/** Where a column's value sits in the rows an expression is evaluated on. */
export interface ColumnResolver {
  indexOf(uid: number): number;
}

// Properties of a whole expression tree, kept as bits (Expression.traits) so planner rules test them
// without walking the tree.
/** Some function in the tree has side effects or is not deterministic: it must not move, repeat or vanish. */
export const TRAIT_VOLATILE = 1;
/** The tree reads a column of an outer query. */
export const TRAIT_CORRELATED = 2;

export abstract class Expression {
  // Declared, then assigned in the constructor: see Executor (a base class's fields defined for many
  // subclasses are slow in V8).
  declare readonly type: FieldType;
  /** TRAIT_* bits of this node and everything under it (expressions are immutable, so fixed at construction). */
  declare readonly traits: number;
  constructor(type: FieldType, traits = 0) {
    this.type = type;
    this.traits = traits;
  }
  get evalType(): EvalType {
    return evalTypeOf(this.type);
  }
  abstract compile(resolver: ColumnResolver): EvalFn;
  /** EXPLAIN's rendering, e.g. `eq(test.t.a, 1)`. */
  abstract toString(): string;
  abstract equals(other: Expression): boolean;
  /** Calls fn on this expression and every sub-expression. */
  abstract visit(fn: (e: Expression) => void): void;
  /** Rebuilds the tree bottom-up through fn; returns this when nothing changed. */
  abstract transform(fn: (e: Expression) => Expression): Expression;
}

/** Display names of a column for EXPLAIN and result metadata. */
export interface ColumnNames {
  db?: string;
  table?: string;
  /** The table's own name when `table` is an alias. */
  orgTable?: string;
  column?: string;
  orgColumn?: string;
}

let nextUid = 1;
/** Column identities are unique for the process lifetime so plans can be cached and combined. */
export function allocColumnUid(): number {
  return nextUid++;
}

export class Column extends Expression {
  readonly uid: number;
  readonly names: ColumnNames;
  /** Column id in the table's info, for base-table columns. */
  readonly columnId: number | undefined;

  constructor(type: FieldType, names: ColumnNames = {}, columnId?: number, uid?: number) {
    super(type);
    this.uid = uid ?? allocColumnUid();
    this.names = names;
    this.columnId = columnId;
  }

  /** The same column under new display names (derived tables, views). */
  renamed(names: ColumnNames): Column {
    return new Column(this.type, names, this.columnId, this.uid);
  }

  compile(resolver: ColumnResolver): EvalFn {
    const i = resolver.indexOf(this.uid);
    if (i < 0) throw new Error(`column ${this.toString()} not found in input schema`);
    return (row) => row[i]!;
  }

  toString(): string {
    const n = this.names;
    if (n.column !== undefined && n.table !== undefined && this.columnId !== undefined) {
      return n.db ? `${n.db}.${n.table}.${n.column}` : `${n.table}.${n.column}`;
    }
    return `Column#${this.uid}`;
  }

  equals(other: Expression): boolean {
    return other instanceof Column && other.uid === this.uid;
  }

  visit(fn: (e: Expression) => void): void {
    fn(this);
  }

  transform(fn: (e: Expression) => Expression): Expression {
    return fn(this);
  }
}

/** A value holder an Apply executor fills for each outer row. */
export interface CorrelatedSlot {
  value: Value;
}

/** A column of an outer query referenced inside a subquery. */
export class CorrelatedColumn extends Expression {
  readonly column: Column;
  readonly slot: CorrelatedSlot;

  constructor(column: Column, slot: CorrelatedSlot = { value: null }) {
    super(column.type, TRAIT_CORRELATED);
    this.column = column;
    this.slot = slot;
  }

  compile(): EvalFn {
    const slot = this.slot;
    return () => slot.value;
  }

  toString(): string {
    return this.column.toString();
  }

  equals(other: Expression): boolean {
    return other instanceof CorrelatedColumn && other.column.uid === this.column.uid;
  }

  visit(fn: (e: Expression) => void): void {
    fn(this);
  }

  transform(fn: (e: Expression) => Expression): Expression {
    return fn(this);
  }
}

export class Constant extends Expression {
  readonly value: Value;
  /** For `?` markers of prepared statements: the parameter's position; the value is the bound one. */
  readonly paramIndex: number | undefined;

  constructor(value: Value, type: FieldType, paramIndex?: number) {
    super(type);
    this.value = value;
    this.paramIndex = paramIndex;
  }

  compile(): EvalFn {
    const v = this.value;
    return () => v;
  }

  toString(): string {
    return formatConstant(this.value, this.evalType);
  }

  equals(other: Expression): boolean {
    return (
      other instanceof Constant &&
      other.evalType === this.evalType &&
      (other.value === this.value || String(other.value) === String(this.value))
    );
  }

  visit(fn: (e: Expression) => void): void {
    fn(this);
  }

  transform(fn: (e: Expression) => Expression): Expression {
    return fn(this);
  }
}

/** A hexadecimal or bit literal (0x41, b'101'): a binary string that reads as an unsigned integer in numeric context. */
export class BinaryLiteralConstant extends Constant {
  /** Printed as MySQL prints a hex literal in messages and EXPLAIN: 0x41. */
  override toString(): string {
    const bytes = this.value as string;
    let hex = '';
    for (let i = 0; i < bytes.length; i++) hex += bytes.charCodeAt(i).toString(16).padStart(2, '0');
    return `0x${hex}`;
  }
}

function formatConstant(v: Value, et: EvalType): string {
  // TiDB's EXPLAIN prints a NULL constant as NULL (in(a, NULL, 1)).
  if (v === null) return 'NULL';
  if (et === EvalType.String && typeof v === 'string') return `"${v}"`;
  return String(v);
}

/** The implementation a builtin function resolved to for its argument types. */
export interface BuiltinImpl {
  /** TiDB's signature name (EQInt, PlusReal, ...): what telemetry counts and EXPLAIN may show. */
  readonly sig: string;
  compile(args: EvalFn[]): EvalFn;
  /** False for functions whose value changes between calls (RAND, NOW in some contexts, SLEEP, UUID). */
  readonly deterministic?: boolean;
  /** Functions with side effects (SET_VAR, SLEEP, GET_LOCK) are never folded or eliminated. */
  readonly sideEffects?: boolean;
}

export class ScalarFunction extends Expression {
  /** Lower-case SQL name as EXPLAIN prints it (eq, plus, cast, ...). */
  readonly name: string;
  readonly args: readonly Expression[];
  readonly impl: BuiltinImpl;

  constructor(name: string, args: readonly Expression[], type: FieldType, impl: BuiltinImpl) {
    let traits = impl.sideEffects || impl.deterministic === false ? TRAIT_VOLATILE : 0;
    for (const a of args) traits |= a.traits;
    super(type, traits);
    this.name = name;
    this.args = args;
    this.impl = impl;
  }

  compile(resolver: ColumnResolver): EvalFn {
    return this.impl.compile(this.args.map((a) => a.compile(resolver)));
  }

  toString(): string {
    if (this.name === 'cast') return `cast(${this.args[0]!.toString()}, ${castTypeString(this.type)})`;
    return `${this.name}(${this.args.map((a) => a.toString()).join(', ')})`;
  }

  equals(other: Expression): boolean {
    if (!(other instanceof ScalarFunction) || other.name !== this.name || other.impl.sig !== this.impl.sig)
      return false;
    if (other.args.length !== this.args.length) return false;
    for (let i = 0; i < this.args.length; i++) if (!this.args[i]!.equals(other.args[i]!)) return false;
    return true;
  }

  visit(fn: (e: Expression) => void): void {
    fn(this);
    for (const a of this.args) a.visit(fn);
  }

  transform(fn: (e: Expression) => Expression): Expression {
    let changed = false;
    const args = this.args.map((a) => {
      const t = a.transform(fn);
      if (t !== a) changed = true;
      return t;
    });
    const self = changed ? new ScalarFunction(this.name, args, this.type, this.impl) : this;
    return fn(self);
  }
}

/** Renders a cast target the way TiDB's EXPLAIN does: `double BINARY`, `varchar(255) CHARACTER SET ...`. */
export function castTypeString(ft: FieldType): string {
  const base = typeToString(ft);
  if (ft.charset === CHARSET_BIN) return `${base} BINARY`;
  return `${base} CHARACTER SET ${ft.charset} COLLATE ${ft.collate}`;
}
