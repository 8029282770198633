// Join reorder for groups of inner joins: a greedy order that always joins next a table connected
// to the tables joined so far by an equality, so no cartesian product is built while a connected
// order exists. When every table was analyzed, it starts from the smallest filtered table and joins
// next the one giving the smallest estimated result (|L|·|R| / max NDV of the joining columns);
// otherwise it takes the tables smallest first. Conditions are then placed again by push-down.
// Column equalities the query implies between tables it does not join directly are added first (see
// impliedEqualities), so the order may reach a table through any column of an equivalence class.
import { Column, type Expression, ScalarFunction } from '../../expression/expression.js';
import { columnUids, comparisonKind } from '../expr-util.js';
import { filteredRows, keyNdv } from '../cardinality.js';
import { DataSource, Join, type Plan } from '../plans.js';
import { UnionFind } from '../../util/union-find.js';
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

function rebuild(leaves: Plan[], given: Expression[]): Plan {
  const conds = [...given, ...impliedEqualities(leaves, given)];
  const analyzed = leaves.every((l) => l instanceof DataSource && l.stats);
  const rows = new Map(
    leaves.map((l) => [l, analyzed ? filteredRows(l as DataSource, (l as DataSource).conditions) : l.estRows]),
  );
  const sorted = [...leaves].sort((a, b) => rows.get(a)! - rows.get(b)!);
  const g = joinGraph(leaves, rows, conds.filter(isEquality));
  let order = greedyOrder(g, sorted, 0, analyzed).order;
  if (analyzed) {
    // Every table as the first one; the order whose intermediate results add up smallest wins.
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < sorted.length; i++) {
      const o = greedyOrder(g, sorted, i, true);
      if (o.cost < best) {
        best = o.cost;
        order = o.order;
      }
    }
  }
  let tree: Plan = order[0]!;
  for (const leaf of order.slice(1)) {
    const j = new Join(tree, leaf, 'inner');
    j.schema = [...tree.schema, ...leaf.schema];
    j.estRows = Math.max(tree.estRows, leaf.estRows);
    tree = j;
  }
  // Every condition starts at the top; push-down moves each to the lowest join that covers it.
  (tree as Join).otherConds.push(...conds);
  return tree;
}

/**
 * Equalities a = c that a = b and b = c imply, between leaves no given equality joins: one per such pair of
 * leaves and equivalence class (TPC-H Q9 joins supplier and partsupp only through lineitem's l_suppkey;
 * without s_suppkey = ps_suppkey the order must take lineitem, the largest table, third). Only classes of
 * plain columns of one comparison kind are closed; each new condition reuses the implementation of a given
 * equality of its class (same argument types), and is the engine's own: never counted as the user's.
 */
function impliedEqualities(leaves: Plan[], conds: readonly Expression[]): Expression[] {
  const owner = new Map<number, number>();
  leaves.forEach((l, i) => {
    for (const c of l.schema) if (!owner.has(c.uid)) owner.set(c.uid, i);
  });
  const sets = new UnionFind();
  const columns = new Map<number, Column>();
  const template = new Map<number, ScalarFunction>();
  const joined = new Set<string>();
  const pair = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
  for (const c of conds) {
    if (!(c instanceof ScalarFunction) || c.name !== 'eq') continue;
    const [x, y] = c.args;
    if (!(x instanceof Column) || !(y instanceof Column)) continue;
    const lx = owner.get(x.uid);
    const ly = owner.get(y.uid);
    if (lx === undefined || ly === undefined || lx === ly) continue;
    joined.add(pair(lx, ly));
    const kind = comparisonKind(x.type);
    if (kind === undefined || kind !== comparisonKind(y.type)) continue;
    columns.set(x.uid, x);
    columns.set(y.uid, y);
    sets.union(x.uid, y.uid);
    template.set(x.uid, c);
  }
  const classes = new Map<number, Column[]>();
  for (const [uid, col] of columns) {
    const root = sets.find(uid);
    const list = classes.get(root);
    if (list) list.push(col);
    else classes.set(root, [col]);
  }
  const out: Expression[] = [];
  for (const members of classes.values()) {
    if (members.length < 3) continue;
    const eq = members.map((m) => template.get(m.uid)).find((t) => t !== undefined)!;
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!;
        const b = members[j]!;
        const key = pair(owner.get(a.uid)!, owner.get(b.uid)!);
        if (owner.get(a.uid) === owner.get(b.uid) || joined.has(key)) continue;
        joined.add(key);
        out.push(new ScalarFunction('eq', [a, b], eq.type, eq.impl));
      }
    }
  }
  return out;
}

/** An equality between columns of the leaves: the columns, and the leaves (by index) they come from. */
interface Edge {
  cols: Column[];
  owners: number[];
  /** The distinct owners. */
  leaves: number[];
}

/** The leaves and their equalities, indexed so a greedy step looks only at a leaf's own edges (queries join up to 64 tables). */
interface JoinGraph {
  leaves: Plan[];
  index: Map<Plan, number>;
  rows: Map<Plan, number>;
  /** Per leaf, the edges that touch it; an equality that reads a column of no leaf is no edge. */
  edgesOf: Edge[][];
}

function joinGraph(leaves: Plan[], rows: Map<Plan, number>, equalities: Expression[]): JoinGraph {
  const owner = new Map<number, [number, Column]>();
  leaves.forEach((l, i) => {
    for (const c of l.schema) if (!owner.has(c.uid)) owner.set(c.uid, [i, c]);
  });
  const edgesOf: Edge[][] = leaves.map(() => []);
  for (const e of equalities) {
    const cols: Column[] = [];
    const owners: number[] = [];
    let ok = true;
    for (const uid of columnUids(e)) {
      const o = owner.get(uid);
      if (!o) {
        ok = false;
        break;
      }
      owners.push(o[0]);
      cols.push(o[1]);
    }
    if (!ok) continue;
    const edge: Edge = { cols, owners, leaves: [...new Set(owners)] };
    for (const l of edge.leaves) edgesOf[l]!.push(edge);
  }
  return { leaves, index: new Map(leaves.map((l, i) => [l, i])), rows, edgesOf };
}

/**
 * A join order starting from `sorted[start]` that always adds a connected table: with statistics the
 * one giving the smallest result, else the smallest. `cost` sums the estimated intermediate results.
 */
function greedyOrder(g: JoinGraph, sorted: Plan[], start: number, byResult: boolean): { order: Plan[]; cost: number } {
  const remaining = [...sorted];
  const first = remaining.splice(start, 1)[0]!;
  const order = [first];
  const joined = new Uint8Array(g.leaves.length);
  joined[g.index.get(first)!] = 1;
  let treeRows = g.rows.get(first)!;
  let cost = 0;
  while (remaining.length) {
    let idx = -1;
    let nextRows = Number.POSITIVE_INFINITY;
    for (let i = 0; i < remaining.length; i++) {
      const leaf = remaining[i]!;
      const eqs = connecting(g, g.index.get(leaf)!, joined);
      if (eqs.length === 0) continue;
      if (!byResult) {
        idx = i;
        break;
      }
      const est = joinedRows(treeRows, g.rows.get(leaf)!, eqs, leaf, g);
      if (est < nextRows) {
        nextRows = est;
        idx = i;
      }
    }
    if (idx < 0) {
      idx = 0;
      nextRows = treeRows * g.rows.get(remaining[0]!)!;
    }
    const leaf = remaining.splice(idx, 1)[0]!;
    joined[g.index.get(leaf)!] = 1;
    order.push(leaf);
    treeRows = nextRows;
    cost += nextRows;
  }
  return { order, cost };
}

/** The leaf's equalities over columns of it and of the joined leaves only, with at least one joined side. */
function connecting(g: JoinGraph, leaf: number, joined: Uint8Array): Edge[] {
  const out: Edge[] = [];
  for (const e of g.edgesOf[leaf]!) {
    let inJoined = false;
    let ok = true;
    for (const l of e.leaves) {
      if (l === leaf) continue;
      if (joined[l]) inJoined = true;
      else ok = false;
    }
    if (ok && inJoined) out.push(e);
  }
  return out;
}

function isEquality(c: Expression): boolean {
  return c instanceof ScalarFunction && c.name === 'eq';
}

/**
 * Estimated rows of joining the tables so far (`left` rows) with a leaf (`right` rows) on the given
 * column equalities: |L|·|R| / max(NDV of the key on each side).
 */
function joinedRows(left: number, right: number, eqs: Edge[], leaf: Plan, g: JoinGraph): number {
  // The key's columns on the leaf, and on the tables joined so far grouped by their table. Joined columns
  // equal to the same leaf column are equal to each other already (Q5: c_nationkey = n_nationkey and
  // c_nationkey = s_nationkey once nation and supplier are joined): they make one key column, the one with
  // the fewest distinct values, not a product of independent ones.
  const leafCols: Column[] = [];
  const sideOf = new Map<number, { ds: DataSource; col: Column; ndv: number }>();
  for (const e of eqs) {
    const onLeaf = e.cols.filter((_, i) => g.leaves[e.owners[i]!] === leaf);
    for (let i = 0; i < e.cols.length; i++) {
      const owner = g.leaves[e.owners[i]!]!;
      const col = e.cols[i]!;
      if (owner === leaf) leafCols.push(col);
      else if (owner instanceof DataSource) {
        const ndv = keyNdv(owner, [col]) ?? g.rows.get(owner)!;
        const key = onLeaf.length === 1 ? onLeaf[0]!.uid : -col.uid;
        const prev = sideOf.get(key);
        if (!prev || ndv < prev.ndv) sideOf.set(key, { ds: owner, col, ndv });
      }
    }
  }
  const bySource = new Map<DataSource, Column[]>();
  for (const { ds, col } of sideOf.values()) {
    const list = bySource.get(ds);
    if (list) list.push(col);
    else bySource.set(ds, [col]);
  }
  let ndvRight = right;
  let ndvLeft = left;
  if (leaf instanceof DataSource) ndvRight = Math.min(keyNdv(leaf, leafCols) ?? right, right);
  let product = 1;
  for (const [ds, cols] of bySource) product *= keyNdv(ds, cols) ?? g.rows.get(ds)!;
  if (bySource.size) ndvLeft = Math.min(product, left);
  return Math.max(1, (left * right) / Math.max(ndvLeft, ndvRight, 1));
}
