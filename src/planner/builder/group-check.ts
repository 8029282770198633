// ONLY_FULL_GROUP_BY: a grouped query's select list, HAVING and ORDER BY may only read columns that
// are functionally dependent on the GROUP BY (MySQL 5.7+ rules): group columns, columns equal to a
// constant or to a determined column (WHERE / ON conjuncts), every column of a table whose primary
// key or NOT NULL unique key is determined, expressions equal to a GROUP BY expression (matched by
// the rewriter), aggregate and ANY_VALUE arguments. Columns of derived tables and views are not
// checked: their dependencies would need the derived query's own analysis.
import { ER, sqlError } from '../../errors/index.js';
import { Column, Constant, type Expression, ScalarFunction } from '../../expression/expression.js';
import { Flag } from '../../types/field-type.js';
import { DataSource, Join, type Plan, Selection, walkPlan } from '../plans.js';
import { flatMap } from '../../util/arrays.js';

export type CheckedClause = 'SELECT list' | 'HAVING clause' | 'ORDER BY clause';

export class GroupCheck {
  /** Post-aggregation first-row column uid -> the FROM clause column it reads. */
  private readonly origins = new Map<number, Column>();
  private readonly determined = new Set<number>();
  private readonly baseColumns = new Set<number>();

  constructor(
    from: Plan,
    groupBy: readonly Expression[],
    /** Whether the query has GROUP BY (else it is implicitly grouped by its aggregates). */
    readonly explicit: boolean,
  ) {
    const sources: DataSource[] = [];
    const conds: Expression[] = [];
    const equalities: [Expression, Expression][] = [];
    collectFrom(from, sources, conds, equalities);
    for (const ds of sources) for (const c of ds.schema) this.baseColumns.add(c.uid);
    for (const g of groupBy) if (g instanceof Column) this.determined.add(g.uid);
    for (const c of flatMap(conds, conjuncts)) equalities.push(...equality(c));
    let grew = true;
    while (grew) {
      grew = false;
      for (const [a, b] of equalities) grew = this.propagate(a, b) || grew;
      for (const ds of sources) grew = this.applyKeys(ds) || grew;
    }
  }

  /** Records that `firstRow` (a column after the aggregation) reads `origin` of the FROM clause. */
  addFirstRow(firstRow: Column, origin: Column): void {
    this.origins.set(firstRow.uid, origin);
  }

  /** Throws 1055 (GROUP BY) or 1140 (implicit grouping) when `e` reads an undetermined column. */
  check(e: Expression, clause: CheckedClause, position: number): void {
    const bad = this.undetermined(e);
    if (!bad) return;
    const name = qualifiedName(bad);
    if (this.explicit) throw sqlError(ER.WRONG_FIELD_WITH_GROUP, position, clause, name);
    if (clause === 'SELECT list') throw sqlError(ER.MIX_OF_GROUP_FUNC_AND_FIELDS, position, name);
  }

  private undetermined(e: Expression): Column | undefined {
    if (e instanceof ScalarFunction) {
      if (e.name === 'any_value') return undefined;
      for (const a of e.args) {
        const bad = this.undetermined(a);
        if (bad) return bad;
      }
      return undefined;
    }
    if (!(e instanceof Column)) return undefined;
    const origin = this.origins.get(e.uid);
    if (!origin || !this.baseColumns.has(origin.uid)) return undefined;
    if (this.explicit && this.determined.has(origin.uid)) return undefined;
    return origin;
  }

  /** `a = constant` determines a; `a = b` makes each determine the other. */
  private propagate(a: Expression, b: Expression): boolean {
    if (a instanceof Column && b instanceof Constant) return this.mark(a.uid);
    if (!(a instanceof Column) || !(b instanceof Column)) return false;
    if (this.determined.has(a.uid)) return this.mark(b.uid);
    if (this.determined.has(b.uid)) return this.mark(a.uid);
    return false;
  }

  /** A determined primary key or NOT NULL unique key determines every column of its table. */
  private applyKeys(ds: DataSource): boolean {
    const byOffset = new Map<number, Column>();
    ds.columnOffsets.forEach((off, i) => {
      if (off >= 0) byOffset.set(off, ds.schema[i]!);
    });
    const keys: number[][] = [];
    if (ds.table.pkIsHandle) {
      const off = ds.table.columns.findIndex((c) => (c.type.flag & Flag.PriKey) !== 0);
      if (off >= 0) keys.push([off]);
    }
    for (const idx of ds.table.indices) {
      if (!idx.unique || idx.columns.some((c) => c.length > 0)) continue;
      const offs = idx.columns.map((c) => c.offset);
      if (idx.primary || offs.every((o) => (ds.table.columns[o]!.type.flag & Flag.NotNull) !== 0)) keys.push(offs);
    }
    for (const key of keys) {
      const cols = key.map((o) => byOffset.get(o));
      if (!cols.every((c) => c !== undefined && this.determined.has(c.uid))) continue;
      let grew = false;
      for (const c of ds.schema) grew = this.mark(c.uid) || grew;
      return grew;
    }
    return false;
  }

  private mark(uid: number): boolean {
    if (this.determined.has(uid)) return false;
    this.determined.add(uid);
    return true;
  }
}

/** Base tables and the WHERE / ON conditions of a FROM clause plan (not inside derived tables). */
function collectFrom(
  p: Plan,
  sources: DataSource[],
  conds: Expression[],
  equalities: [Expression, Expression][],
): void {
  walkPlan(p, (n) => {
    if (n instanceof DataSource) sources.push(n);
    else if (n instanceof Selection) conds.push(...n.conditions);
    else if (n instanceof Join) {
      conds.push(...n.otherConds);
      for (const [l, r] of n.eqConds) equalities.push([l, r], [r, l]);
    }
  });
}

function conjuncts(e: Expression): Expression[] {
  if (e instanceof ScalarFunction && e.name === 'and') return flatMap(e.args, conjuncts);
  return [e];
}

function equality(e: Expression): [Expression, Expression][] {
  if (!(e instanceof ScalarFunction) || (e.name !== 'eq' && e.name !== 'nulleq') || e.args.length !== 2) return [];
  const [a, b] = e.args as [Expression, Expression];
  return [
    [a, b],
    [b, a],
  ];
}

function qualifiedName(c: Column): string {
  const n = c.names;
  return [n.db, n.table, n.column].filter((s) => s).join('.');
}
