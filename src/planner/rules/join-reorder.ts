// Join reorder for groups of inner joins: a greedy order that always joins next a table connected
// to the tables joined so far by an equality (smallest first), so no cartesian product is built
// while a connected order exists. Conditions are then placed again by predicate push-down.
import { type Expression, ScalarFunction } from '../../expression/expression.js';
import { columnUids, uidSet } from '../expr-util.js';
import { Join, type Plan } from '../plans.js';
import { pushDownPredicates } from './predicate-push-down.js';

export function reorderJoins(p: Plan): Plan {
  if (p instanceof Join && p.joinType === 'inner') {
    const leaves: Plan[] = [];
    const conds: Expression[] = [];
    flatten(p, leaves, conds);
    if (leaves.length > 2) return pushDownPredicates(rebuild(leaves.map(reorderJoins), conds));
  }
  p.children = p.children.map(reorderJoins);
  return p;
}

function flatten(p: Plan, leaves: Plan[], conds: Expression[]): void {
  if (p instanceof Join && p.joinType === 'inner') {
    conds.push(...p.eqSources, ...p.otherConds);
    flatten(p.children[0]!, leaves, conds);
    flatten(p.children[1]!, leaves, conds);
    return;
  }
  leaves.push(p);
}

function rebuild(leaves: Plan[], conds: Expression[]): Plan {
  const remaining = [...leaves].sort((a, b) => a.estRows - b.estRows);
  const leafUids = new Map(remaining.map((l) => [l, uidSet(l.schema)]));
  const equalities = conds.filter(isEquality).map((c) => [...columnUids(c)]);
  const first = remaining.shift()!;
  const joined = new Set(leafUids.get(first)!);
  let tree: Plan = first;
  while (remaining.length) {
    let idx = remaining.findIndex((leaf) => equalities.some((uids) => connects(uids, joined, leafUids.get(leaf)!)));
    if (idx < 0) idx = 0;
    const leaf = remaining.splice(idx, 1)[0]!;
    const j = new Join(tree, leaf, 'inner');
    j.schema = [...tree.schema, ...leaf.schema];
    j.estRows = Math.max(tree.estRows, leaf.estRows);
    for (const u of leafUids.get(leaf)!) joined.add(u);
    tree = j;
  }
  // Every condition starts at the top; push-down moves each to the lowest join that covers it.
  (tree as Join).otherConds.push(...conds);
  return tree;
}

/** An equality over columns of the joined set and of the leaf, and of nothing else. */
function connects(uids: number[], joined: ReadonlySet<number>, leaf: ReadonlySet<number>): boolean {
  let inJoined = false;
  let inLeaf = false;
  for (const u of uids) {
    if (leaf.has(u)) inLeaf = true;
    else if (joined.has(u)) inJoined = true;
    else return false;
  }
  return inJoined && inLeaf;
}

function isEquality(c: Expression): boolean {
  return c instanceof ScalarFunction && c.name === 'eq';
}
