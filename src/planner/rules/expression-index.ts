// Expression indexes (after predicate push-down, before column pruning): a condition on an indexed
// expression, `a + c = 11` under `KEY ((a + c))`, reads the expression's hidden generated column
// instead, so ranges on the column (and the index over it) serve it, as in MySQL 8 and TiDB.
import { Column, type Expression } from '../../expression/expression.js';
import { DataSource, type Plan, walkPlan } from '../plans.js';

export function substituteIndexExpressions(p: Plan): Plan {
  walkPlan(p, (n) => {
    if (!(n instanceof DataSource) || n.indexExpressions.length === 0) return;
    const pairs = n.indexExpressions;
    const replace = (e: Expression): Expression => {
      if (e instanceof Column) return e;
      for (const [expr, col] of pairs) if (expr.equals(e)) return col;
      return e;
    };
    n.conditions = n.conditions.map((c) => c.transform(replace));
  });
  return p;
}
