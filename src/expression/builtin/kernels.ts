// Per-operator evaluation kernels for the hottest binary operators (comparisons and + - *). Each
// operator gets its own function literal, so V8 keeps type feedback per operator and inlines the
// operation instead of calling a shared closure through a variable for every row.
import type { Decimal } from '../../types/decimal.js';
import type { Row, Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import type { EvalFn } from '../expression.js';

export type CmpOp = 'EQ' | 'NE' | 'LT' | 'LE' | 'GT' | 'GE';
export type ArithOp = '+' | '-' | '*';
type Kernel = (args: EvalFn[]) => EvalFn;

/** A comparison of two numbers (INT or REAL evaluation): NULL when either side is NULL. */
export function numericCompareKernel(op: CmpOp): Kernel {
  switch (op) {
    case 'EQ':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : a === b ? 1 : 0;
        };
    case 'NE':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : a !== b ? 1 : 0;
        };
    case 'LT':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : (a as number) < (b as number) ? 1 : 0;
        };
    case 'LE':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : (a as number) <= (b as number) ? 1 : 0;
        };
    case 'GT':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : (a as number) > (b as number) ? 1 : 0;
        };
    case 'GE':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : (a as number) >= (b as number) ? 1 : 0;
        };
  }
}

/** A comparison through a comparator (strings, decimals, temporal values). */
export function comparatorKernel(op: CmpOp, cmp: (a: Value, b: Value) => number): Kernel {
  switch (op) {
    case 'EQ':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : cmp(a, b) === 0 ? 1 : 0;
        };
    case 'NE':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : cmp(a, b) !== 0 ? 1 : 0;
        };
    case 'LT':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : cmp(a, b) < 0 ? 1 : 0;
        };
    case 'LE':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : cmp(a, b) <= 0 ? 1 : 0;
        };
    case 'GT':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : cmp(a, b) > 0 ? 1 : 0;
        };
    case 'GE':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : cmp(a, b) >= 0 ? 1 : 0;
        };
  }
}

/**
 * INT + - *: safe-integer results stay numbers; anything else (bigint operands, results beyond
 * 2**53, negative unsigned results) goes to `exact`, which computes in bigint and checks overflow.
 */
export function intArithKernel(op: ArithOp, unsigned: boolean, exact: (a: Value, b: Value) => Value): Kernel {
  switch (op) {
    case '+':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          if (b === null) return null;
          if (typeof a === 'number' && typeof b === 'number') {
            const r = a + b;
            if (Number.isSafeInteger(r) && (!unsigned || r >= 0)) return r;
          }
          return exact(a, b);
        };
    case '-':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          if (b === null) return null;
          if (typeof a === 'number' && typeof b === 'number') {
            const r = a - b;
            if (Number.isSafeInteger(r) && (!unsigned || r >= 0)) return r;
          }
          return exact(a, b);
        };
    case '*':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          if (b === null) return null;
          if (typeof a === 'number' && typeof b === 'number') {
            const r = a * b;
            if (Number.isSafeInteger(r) && (!unsigned || r >= 0)) return r;
          }
          return exact(a, b);
        };
  }
}

/** REAL + - *: `check` is called only for a non-finite result (it raises the overflow error). */
export function realArithKernel(op: ArithOp, check: (x: number) => number): Kernel {
  switch (op) {
    case '+':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          if (b === null) return null;
          const r = (a as number) + (b as number);
          return Number.isFinite(r) ? r : check(r);
        };
    case '-':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          if (b === null) return null;
          const r = (a as number) - (b as number);
          return Number.isFinite(r) ? r : check(r);
        };
    case '*':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          if (b === null) return null;
          const r = (a as number) * (b as number);
          return Number.isFinite(r) ? r : check(r);
        };
  }
}

/** DECIMAL + - *: `check` verifies the result's digit count (error 1690). */
export function decimalArithKernel(op: ArithOp, check: (d: Decimal) => Decimal): Kernel {
  switch (op) {
    case '+':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : check((a as Decimal).add(b as Decimal));
        };
    case '-':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : check((a as Decimal).sub(b as Decimal));
        };
    case '*':
      return ([fa, fb]) =>
        (row: Row, ctx: EvalContext) => {
          const a = fa!(row, ctx);
          if (a === null) return null;
          const b = fb!(row, ctx);
          return b === null ? null : check((a as Decimal).mul(b as Decimal));
        };
  }
}
