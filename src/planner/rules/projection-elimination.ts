// Removes projections that only pass their child's columns through in order (TiDB's projection
// elimination): `SELECT * FROM t` reads the table directly.
import { Column } from '../../expression/expression.js';
import { type Plan, Projection } from '../plans.js';

export function eliminateProjections(p: Plan): Plan {
  p.children = p.children.map(eliminateProjections);
  if (!(p instanceof Projection)) return p;
  const child = p.children[0]!;
  if (p.exprs.length !== child.schema.length) return p;
  for (let i = 0; i < p.exprs.length; i++) {
    const e = p.exprs[i]!;
    if (!(e instanceof Column) || e.uid !== child.schema[i]!.uid || p.schema[i]!.uid !== e.uid) return p;
  }
  return child;
}
