// Propagation across an inner join's column equalities, as TiDB's constant propagation does: with
// a = b, a comparison of a with constants holds for b as well (a > 5 gives b > 5, so both sides filter
// their rows), and a = 5 with a = b makes b = 5, which settles the equality itself (each side is then
// pinned to the constant, and the join is a product of the two filtered sides).
// Only between columns of one type, signedness and collation (a comparison means the same on either),
// and only deterministic comparisons of one column with constants.
import { Column, Constant, type Expression, ScalarFunction } from '../../expression/expression.js';
import { isUnsigned, TypeCode } from '../../types/field-type.js';
import { hasSideEffects, substitute } from '../expr-util.js';

const COMPARISONS = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in']);

/** Types whose values compare by more than their text or number (as TiDB leaves its "hybrid" types out). */
const UNPROPAGATED = new Set<number>([TypeCode.Enum, TypeCode.Set, TypeCode.Bit, TypeCode.JSON, TypeCode.Geometry]);

/** Columns whose comparisons mean the same: one type, scale or precision, signedness and collation. */
function alike(a: Column, b: Column): boolean {
  const [x, y] = [a.type, b.type];
  return (
    x.tp === y.tp &&
    !UNPROPAGATED.has(x.tp) &&
    x.decimal === y.decimal &&
    x.collate === y.collate &&
    isUnsigned(x) === isUnsigned(y)
  );
}

/** The two columns of `eq(col, col)` between alike columns, else undefined. */
function columnEquality(c: Expression): [Column, Column] | undefined {
  if (!(c instanceof ScalarFunction) || c.name !== 'eq') return undefined;
  const [l, r] = c.args;
  return l instanceof Column && r instanceof Column && alike(l, r) ? [l, r] : undefined;
}

/** The column a comparison with constants reads (`col op const`, `const op col`, `col IN (consts)`), else undefined. */
function comparedColumn(c: Expression): Column | undefined {
  if (!(c instanceof ScalarFunction) || !COMPARISONS.has(c.name) || hasSideEffects(c)) return undefined;
  let col: Column | undefined;
  for (const a of c.args) {
    if (a instanceof Column) {
      if (col) return undefined;
      col = a;
    } else if (!(a instanceof Constant) || a.value === null) return undefined;
  }
  if (c.name === 'in' && c.args[0] !== col) return undefined;
  return col;
}

class ColumnClasses {
  private readonly parent = new Map<number, number>();
  private readonly columns = new Map<number, Column>();
  private members: Map<number, Column[]> | undefined;

  root(uid: number): number {
    let r = uid;
    for (let p = this.parent.get(r)!; p !== r; p = this.parent.get(r)!) r = p;
    // Path compression: later lookups of this chain take one step.
    for (let u = uid; u !== r; ) {
      const next = this.parent.get(u)!;
      this.parent.set(u, r);
      u = next;
    }
    return r;
  }

  union(a: Column, b: Column): void {
    for (const c of [a, b]) {
      if (!this.parent.has(c.uid)) {
        this.parent.set(c.uid, c.uid);
        this.columns.set(c.uid, c);
      }
    }
    this.parent.set(this.root(a.uid), this.root(b.uid));
  }

  has(uid: number): boolean {
    return this.parent.has(uid);
  }

  /** The other columns of `col`'s class, in the order they were met (the classes must be complete). */
  others(col: Column): Column[] {
    if (!this.members) {
      this.members = new Map();
      for (const c of this.columns.values()) {
        const r = this.root(c.uid);
        const list = this.members.get(r);
        if (list) list.push(c);
        else this.members.set(r, [c]);
      }
    }
    return this.members.get(this.root(col.uid))!.filter((c) => c.uid !== col.uid);
  }
}

/**
 * The conditions with what the equalities imply added (each new condition after the one it comes from),
 * and the join keys left once constants settle some: equalities between columns all pinned to a constant
 * are dropped from both.
 */
export function propagateEqualities(
  conds: readonly Expression[],
  keys: readonly [Expression, Expression][],
): { conds: Expression[]; settled: (pair: readonly [Expression, Expression]) => boolean } {
  const comparedCols = conds.map(comparedColumn);
  // Most join conditions (a wide join's especially) compare no column with a constant: nothing to carry.
  if (!comparedCols.some((col) => col)) return { conds: [...conds], settled: () => false };
  const classes = new ColumnClasses();
  for (const [l, r] of keys) if (l instanceof Column && r instanceof Column && alike(l, r)) classes.union(l, r);
  for (const c of conds) {
    const pair = columnEquality(c);
    if (pair) classes.union(pair[0], pair[1]);
  }
  const compared = comparedCols.map((col) => (col && classes.has(col.uid) ? col : undefined));
  if (!compared.some((col) => col)) return { conds: [...conds], settled: () => false };
  const out: Expression[] = [];
  const seen = (e: Expression) => out.some((x) => x.equals(e)) || conds.some((x) => x.equals(e));
  const pinned = new Set<number>();
  for (let i = 0; i < conds.length; i++) {
    const c = conds[i]!;
    out.push(c);
    const col = compared[i];
    if (!col) continue;
    // `col = const`: the column, and every column equal to it, is pinned to the constant.
    if ((c as ScalarFunction).name === 'eq') pinned.add(classes.root(col.uid));
    for (const other of classes.others(col)) {
      const derived = substitute(c, new Map([[col.uid, other]]));
      if (!seen(derived)) out.push(derived);
    }
  }
  const settledPair = (l: Expression, r: Expression) =>
    l instanceof Column &&
    r instanceof Column &&
    classes.has(l.uid) &&
    pinned.has(classes.root(l.uid)) &&
    classes.root(l.uid) === classes.root(r.uid);
  return {
    conds: out.filter((c) => {
      const pair = columnEquality(c);
      return !pair || !settledPair(pair[0], pair[1]);
    }),
    settled: ([l, r]) => settledPair(l, r),
  };
}
