// Index join selection: an equi-join whose inner side is a table with an index (or the integer
// handle) on join keys may read that side per batch of outer rows instead of building it whole.
// Chosen by cost when the outer side is small next to the inner one, and always when a hint asks
// for it (INL_JOIN / TIDB_INLJ, INL_HASH_JOIN, INL_MERGE_JOIN); HASH_JOIN / TIDB_HJ keeps the hash
// join; MERGE_JOIN / TIDB_SMJ asks for a merge join. A hint that cannot be honoured gives warning
// 1815, as TiDB does.
import type { IndexInfo } from '../../catalog/model.js';
import { Column } from '../../expression/expression.js';
import type { Hint, QueryNode, TableRef } from '../../parser/ast.js';
import { Flag } from '../../types/field-type.js';
import { pathAllowed } from '../index-hints.js';
import { PartitionUnion } from '../partition/partition-union.js';
import { DataSource, type IndexJoinInfo, Join, type Plan, Projection } from '../plans.js';
import { canMergeJoin, useMergeJoin } from './merge-join.js';

export const ER_HINT_INAPPLICABLE = 1815;

export interface IndexJoinEnv {
  hints: readonly Hint[];
  warnings: { code: number; message: string }[];
  pruneMode: 'static' | 'dynamic';
}

type Kind = IndexJoinInfo['kind'];

const HINT_KINDS: Record<string, Kind | 'hash'> = {
  inl_join: 'lookup',
  tidb_inlj: 'lookup',
  inl_hash_join: 'hash',
  inl_merge_join: 'merge',
  hash_join: 'hash',
  tidb_hj: 'hash',
  merge_join: 'hash',
  tidb_smj: 'hash',
};

/**
 * Costs relative to scanning one inner row and adding it to a hash table (measured on the memory
 * engine, `npm run bench -- index-join`): an index join seeks per outer key, through a secondary
 * index (index entry, then the row) or straight by handle; a hash join scans and builds the whole
 * inner side. Both probe every outer row once.
 */
const INDEX_LOOKUP_COST = 5;
const HANDLE_LOOKUP_COST = 2.5;
/** Without statistics (pseudo estimates), TiDB's preference: a filtered outer side favours the index join. */
const PSEUDO_LOOKUP_COST = 1.5;

export function chooseIndexJoins(p: Plan, env: IndexJoinEnv): Plan {
  const hints = joinHints(env.hints);
  const used = new Set<JoinHint>();
  const visit = (n: Plan): void => {
    for (const c of n.children) visit(c);
    if (n instanceof Join && n.eqConds.length > 0 && n.algorithm === 'hash' && !n.nullAware)
      decide(n, hints, used, env);
  };
  visit(p);
  for (const h of hints) {
    if (h.kind !== 'forceHash' && !used.has(h) && h.matched) env.warnings.push(inapplicable(h));
  }
  return p;
}

interface JoinHint {
  name: string;
  kind: Kind | 'forceHash' | 'forceMerge';
  tables: string[];
  text: string;
  /** Some join had a hinted table as a child. */
  matched: boolean;
}

function joinHints(hints: readonly Hint[]): JoinHint[] {
  const out: JoinHint[] = [];
  for (const h of hints) {
    const name = h.name.toLowerCase();
    const k = HINT_KINDS[name];
    if (!k) continue;
    const tables = h.args.map((a) => a.replace(/@.*$/, '').split('.').pop()!.replace(/`/g, '').toLowerCase());
    const kind =
      name === 'hash_join' || name === 'tidb_hj'
        ? 'forceHash'
        : name === 'merge_join' || name === 'tidb_smj'
          ? 'forceMerge'
          : (k as Kind);
    out.push({ name, kind, tables, text: h.args.join(', '), matched: false });
  }
  return out;
}

function inapplicable(h: JoinHint): { code: number; message: string } {
  const text =
    h.name === 'inl_join' || h.name === 'tidb_inlj'
      ? `/*+ INL_JOIN(${h.text}) */ or /*+ TIDB_INLJ(${h.text}) */`
      : h.kind === 'forceMerge'
        ? `/*+ MERGE_JOIN(${h.text}) */ or /*+ TIDB_SMJ(${h.text}) */`
        : `/*+ ${h.name.toUpperCase()}(${h.text}) */`;
  return { code: ER_HINT_INAPPLICABLE, message: `Optimizer Hint ${text} is inapplicable` };
}

/** Children that may be the inner (looked-up) side for this join type. */
function innerCandidates(j: Join): (0 | 1)[] {
  if (j.joinType === 'inner') return [1, 0];
  if (j.joinType === 'right') return [0];
  return [1];
}

/** The table alias a join child reads: a data source, or (static prune mode) a union of its partitions. */
function aliasOf(p: Plan): string | undefined {
  if (p instanceof DataSource) return p.alias.toLowerCase();
  if (p instanceof PartitionUnion && p.children[0] instanceof DataSource) return p.children[0].alias.toLowerCase();
  return undefined;
}

function decide(j: Join, hints: JoinHint[], used: Set<JoinHint>, env: IndexJoinEnv): void {
  unwrapSemiInner(j);
  const aliases = j.children.map(aliasOf);
  const relevant = hints.filter((h) => aliases.some((a) => a !== undefined && h.tables.includes(a)));
  for (const h of relevant) h.matched = true;
  const merge = relevant.find((h) => h.kind === 'forceMerge');
  if (merge && canMergeJoin(j)) {
    useMergeJoin(j);
    used.add(merge);
    return;
  }
  if (relevant.some((h) => h.kind === 'forceHash')) {
    for (const h of relevant) if (h.kind === 'forceHash') used.add(h);
    return;
  }
  for (const h of relevant) {
    if (h.kind === 'forceMerge') continue;
    for (const inner of innerCandidates(j)) {
      if (!h.tables.includes(aliases[inner] ?? '\u0000')) continue;
      const access = innerAccess(j, inner, env);
      if (!access) continue;
      apply(j, inner, access, h.kind as Kind, env);
      used.add(h);
      return;
    }
  }
  if (relevant.length) return;
  // By cost: a filtered (small) outer side against an inner table indexed on the join key favours
  // the index join, as in TiDB; an unfiltered outer side as large as the inner one keeps the hash join.
  for (const inner of innerCandidates(j)) {
    const access = innerAccess(j, inner, env);
    if (!access) continue;
    const outerRows = j.children[1 - inner]!.estRows;
    const innerDs = j.children[inner] as DataSource;
    const innerRows = innerDs.estRows;
    const lookupCost = !innerDs.stats ? PSEUDO_LOOKUP_COST : access.index ? INDEX_LOOKUP_COST : HANDLE_LOOKUP_COST;
    if (outerRows * lookupCost < innerRows) {
      apply(j, inner, access, 'lookup', env);
      return;
    }
  }
}

/**
 * A semi-family join outputs none of its inner columns, so a projection that only narrows the inner
 * table's columns (an EXISTS subquery's select list) can go: the table becomes an index join candidate.
 */
function unwrapSemiInner(j: Join): void {
  if (j.joinType === 'inner' || j.joinType === 'left' || j.joinType === 'right') return;
  const p = j.children[1];
  if (!(p instanceof Projection) || !(p.children[0] instanceof DataSource)) return;
  const uids = new Set(p.children[0].schema.map((c) => c.uid));
  if (p.exprs.every((e, i) => e instanceof Column && uids.has(e.uid) && p.schema[i]!.uid === e.uid)) {
    j.children[1] = p.children[0];
  }
}

function apply(j: Join, inner: 0 | 1, access: InnerAccess, kind: Kind, env: IndexJoinEnv): void {
  j.algorithm = 'index';
  j.indexJoin = {
    kind,
    outer: (1 - inner) as 0 | 1,
    index: access.index,
    lookupKeys: access.lookupKeys,
    dynamicPrune: env.pruneMode === 'dynamic',
  };
}

interface InnerAccess {
  index: IndexInfo | null;
  lookupKeys: number[];
}

/** The best way to look the inner child up by the join keys: the handle, else the index with the longest key prefix. */
function innerAccess(j: Join, inner: 0 | 1, env: IndexJoinEnv): InnerAccess | null {
  const ds = j.children[inner];
  if (!(ds instanceof DataSource) || ds.table.id < 0) return null;
  if (ds.table.partition && env.pruneMode === 'static') return null;
  // Table column offset → position in eqConds of a key on that column.
  const keyByOffset = new Map<number, number>();
  j.eqConds.forEach((pair, k) => {
    const e = pair[inner];
    if (!(e instanceof Column)) return;
    const idx = ds.schema.findIndex((c) => c.uid === e.uid);
    const off = idx < 0 ? -1 : ds.columnOffsets[idx]!;
    if (off >= 0 && !keyByOffset.has(off)) keyByOffset.set(off, k);
  });
  if (ds.table.pkIsHandle && pathAllowed(ds, null)) {
    const pk = ds.table.indices.find((i) => i.primary);
    const pkOff = pk ? pk.columns[0]!.offset : ds.table.columns.findIndex((c) => (c.type.flag & Flag.PriKey) !== 0);
    const k = keyByOffset.get(pkOff);
    if (pkOff >= 0 && k !== undefined) return { index: null, lookupKeys: [k] };
  }
  let best: InnerAccess | null = null;
  for (const index of ds.table.indices) {
    if (index.state !== 'public' || !index.visible || (index.primary && ds.table.pkIsHandle)) continue;
    if (!pathAllowed(ds, index)) continue;
    if (index.columns.some((ic) => ic.length !== -1 && ic.length !== undefined)) continue;
    const keys: number[] = [];
    for (const ic of index.columns) {
      const k = keyByOffset.get(ic.offset);
      if (k === undefined) break;
      keys.push(k);
    }
    if (keys.length === 0) continue;
    const better =
      !best ||
      keys.length > best.lookupKeys.length ||
      (keys.length === best.lookupKeys.length && index.unique && keys.length === index.columns.length);
    if (better) best = { index, lookupKeys: keys };
  }
  return best;
}

/** Every hint of the statement's query blocks (FROM items, set operations and CTEs included). */
export function queryHints(q: QueryNode | undefined): Hint[] {
  const out: Hint[] = [];
  const fromRef = (r: TableRef | undefined): void => {
    if (!r) return;
    if (r.kind === 'join') {
      fromRef(r.left);
      fromRef(r.right);
    } else if (r.kind === 'derived') {
      walk(r.query);
    }
  };
  const walk = (n: QueryNode): void => {
    if (n.kind === 'valuesQuery') return;
    for (const c of n.with?.ctes ?? []) walk(c.query);
    if (n.kind === 'setop') {
      walk(n.left);
      walk(n.right);
      return;
    }
    out.push(...n.hints);
    fromRef(n.from);
  };
  if (q) walk(q);
  return out;
}
