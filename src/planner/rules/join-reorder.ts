// Join reorder for groups of inner joins: a greedy order that always joins next a table connected
// to the tables joined so far by an equality, so no cartesian product is built while a connected
// order exists. When every table was analyzed, it starts from the smallest filtered table and joins
// next the one giving the smallest estimated result (|L|·|R| / max NDV of the joining columns);
// otherwise it takes the tables smallest first. Conditions are then placed again by push-down.
import { type Expression, ScalarFunction } from '../../expression/expression.js';
import { columnUids, uidSet } from '../expr-util.js';
import { columnStatsOf, filteredRows } from '../cardinality.js';
import { DataSource, Join, type Plan } from '../plans.js';
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
  const analyzed = leaves.every((l) => l instanceof DataSource && l.stats);
  const rows = new Map(
    leaves.map((l) => [l, analyzed ? filteredRows(l as DataSource, (l as DataSource).conditions) : l.estRows]),
  );
  const remaining = [...leaves].sort((a, b) => rows.get(a)! - rows.get(b)!);
  const leafUids = new Map(remaining.map((l) => [l, uidSet(l.schema)]));
  const equalities = conds.filter(isEquality).map((c) => [...columnUids(c)]);
  const first = remaining.shift()!;
  const joined = new Set(leafUids.get(first)!);
  let tree: Plan = first;
  let treeRows = rows.get(first)!;
  while (remaining.length) {
    const connecting = (leaf: Plan) => equalities.filter((uids) => connects(uids, joined, leafUids.get(leaf)!));
    let idx = -1;
    if (analyzed) {
      let bestRows = Number.POSITIVE_INFINITY;
      remaining.forEach((leaf, i) => {
        const eqs = connecting(leaf);
        if (eqs.length === 0) return;
        const est = joinedRows(treeRows, rows.get(leaf)!, eqs, leaves, rows);
        if (est < bestRows) {
          bestRows = est;
          idx = i;
        }
      });
      if (idx >= 0) treeRows = bestRows;
    } else {
      idx = remaining.findIndex((leaf) => connecting(leaf).length > 0);
    }
    if (idx < 0) {
      idx = 0;
      treeRows *= rows.get(remaining[0]!)!;
    }
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

/** Estimated rows of joining `left` rows with `right` rows on the given column equalities. */
function joinedRows(left: number, right: number, eqs: number[][], leaves: Plan[], rows: Map<Plan, number>): number {
  let ndv = 1;
  for (const uids of eqs) {
    for (const uid of uids) {
      const leaf = leaves.find((l) => l.schema.some((c) => c.uid === uid)) as DataSource | undefined;
      const col = leaf?.schema.find((c) => c.uid === uid);
      const cs = leaf && col ? columnStatsOf(leaf, col) : undefined;
      if (cs) ndv = Math.max(ndv, Math.min(cs.ndv, rows.get(leaf!)!));
    }
  }
  return Math.max(1, (left * right) / ndv);
}
