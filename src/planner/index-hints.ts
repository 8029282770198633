// Index hints: which access paths a table reference may read through, as TiDB resolves them from
// the table's `USE | FORCE | IGNORE INDEX (...)` clauses and its query block's optimizer hints
// USE_INDEX / FORCE_INDEX / IGNORE_INDEX / ORDER_INDEX / NO_ORDER_INDEX(t [, idx ...]).
//   - Only hints for row retrieval count: `... FOR JOIN | ORDER BY | GROUP BY` clauses are ignored.
//   - USE, FORCE (TiDB does not tell them apart), ORDER_INDEX and NO_ORDER_INDEX name the paths to
//     choose from; an empty list (`USE INDEX ()`, `USE_INDEX(t)`) names the table scan. Without such
//     a hint every path is available. IGNORE removes the indexes it names (never the table scan).
//     When nothing is left, the table scan is.
//   - PRIMARY names the table scan of a clustered table (integer or common handle); an index name
//     may be abbreviated to a prefix that only one index has.
//   - An unknown (or invisible) index is error 1176 in a table's clause, warning 1176 in an optimizer
//     hint; an optimizer hint no table of its query block takes gives warning 1815 at the block's end.
//   - ORDER_INDEX keeps the named index's order where an ORDER BY can use it; NO_ORDER_INDEX never
//     uses its order (the Sort stays).
import type { IndexInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { Hint, TableName } from '../parser/ast.js';
import type { PlanEnv } from './builder/env.js';

/** An access path: an index by id, or the table itself (handle ranges, point gets by handle, full scan). */
export type PathKey = number | 'table';

export interface PathHints {
  /** The paths the planner may choose from. */
  readonly allowed: ReadonlySet<PathKey>;
  /** NO_ORDER_INDEX: paths whose order never replaces a Sort. */
  readonly unordered: ReadonlySet<PathKey>;
}

type HintKind = 'use' | 'force' | 'ignore' | 'order' | 'no_order';

const OPTIMIZER_HINTS: Record<string, HintKind> = {
  use_index: 'use',
  force_index: 'force',
  ignore_index: 'ignore',
  order_index: 'order',
  no_order_index: 'no_order',
};

/** One index optimizer hint of a query block, and whether a table of the block took it. */
interface BlockHint {
  name: string;
  kind: HintKind;
  db: string;
  table: string;
  indexes: string[];
  matched: boolean;
}

/** The index optimizer hints of the query block being built. */
export interface BlockIndexHints {
  readonly hints: BlockHint[];
}

/** Builds `build` with `hints` as its query block's index hints, then warns of those no table took. */
export function withBlockIndexHints<T>(env: PlanEnv, hints: readonly Hint[], build: () => T): T {
  const before = env.indexHints;
  const block = blockIndexHints(env, hints);
  env.indexHints = block;
  let out: T;
  try {
    out = build();
  } finally {
    env.indexHints = before;
  }
  for (const h of block.hints) {
    if (h.matched) continue;
    const names = h.indexes.map((i) => `, ${i.toLowerCase()}`).join('');
    const fn = h.kind === 'order' ? 'order_index' : h.kind === 'no_order' ? 'no_order_index' : `${h.kind}_index`;
    env.warnings.push({
      code: ER.OPTIMIZER_HINT_UNSUPPORTED.code,
      message: `${fn}(${h.db}.${h.table}${names}) is inapplicable, check whether the table(${h.db}.${h.table}) exists`,
    });
  }
  return out;
}

function blockIndexHints(env: PlanEnv, hints: readonly Hint[]): BlockIndexHints {
  const out: BlockHint[] = [];
  for (const h of hints) {
    const kind = OPTIMIZER_HINTS[h.name];
    if (!kind) continue;
    const [target, ...indexes] = h.args;
    if (target === undefined) {
      env.warnings.push({
        code: ER.OPTIMIZER_HINT_UNSUPPORTED.code,
        message: `Hint ${h.name.toUpperCase()}() is inapplicable. Please specify the table names in the arguments.`,
      });
      continue;
    }
    // Query block names (`@qb`, `t@qb`) are not resolved: such hints are left out.
    if (h.queryBlock !== undefined || target.includes('@')) continue;
    const dot = target.indexOf('.');
    const db = dot < 0 ? (env.currentDb ?? '') : target.slice(0, dot);
    const table = dot < 0 ? target : target.slice(dot + 1);
    out.push({ name: h.name, kind, db, table, indexes, matched: false });
  }
  return { hints: out };
}

/** One hint as it applies to a table: from its own clause (errors) or an optimizer hint (warnings). */
interface TableHint {
  kind: HintKind;
  /** Undefined: an empty list (`USE INDEX ()`). */
  indexes: string[] | undefined;
  clause: boolean;
}

/**
 * The paths a table reference may use, or undefined when no hint restricts them. `alias` is the
 * name the query knows the table by; `db` its database.
 */
export function resolvePathHints(
  env: PlanEnv,
  table: TableInfo,
  db: string,
  alias: string,
  clauses: TableName['indexHints'],
): PathHints | undefined {
  const hints: TableHint[] = [];
  for (const c of clauses ?? []) {
    if (c.scope !== undefined) continue;
    hints.push({ kind: c.type, indexes: c.indexes.length ? c.indexes : undefined, clause: true });
  }
  for (const h of env.indexHints?.hints ?? []) {
    if (h.table.toLowerCase() !== alias.toLowerCase()) continue;
    if (h.db.toLowerCase() !== db.toLowerCase() && h.db !== '*') continue;
    h.matched = true;
    hints.push({ kind: h.kind, indexes: h.indexes.length ? h.indexes : undefined, clause: false });
  }
  if (hints.length === 0) return undefined;
  const paths = publicPaths(table);
  const chosen = new Set<PathKey>();
  const ignored = new Set<PathKey>();
  const unordered = new Set<PathKey>();
  for (const h of hints) {
    if (h.indexes === undefined) {
      if (h.kind !== 'ignore') chosen.add('table');
      continue;
    }
    for (const name of h.indexes) {
      const key = pathByName(table, paths, name);
      if (key === undefined) {
        const err = sqlError(ER.KEY_DOES_NOT_EXIST, name, table.name);
        if (h.clause) throw err;
        env.warnings.push({ code: ER.KEY_DOES_NOT_EXIST.code, message: err.message });
        continue;
      }
      if (h.kind === 'ignore') ignored.add(key);
      else chosen.add(key);
      if (h.kind === 'no_order') unordered.add(key);
    }
  }
  const allowed = new Set<PathKey>(chosen.size ? chosen : ['table', ...paths.map((i) => i.id)]);
  for (const k of ignored) if (k !== 'table') allowed.delete(k);
  if (allowed.size === 0) allowed.add('table');
  return { allowed, unordered };
}

/** The indexes the optimizer sees: public, visible, and not the clustered primary key (the table path). */
function publicPaths(table: TableInfo): IndexInfo[] {
  return table.indices.filter(
    (i) => i.state === 'public' && i.visible && !(i.primary && (table.pkIsHandle || table.isCommonHandle)),
  );
}

function pathByName(table: TableInfo, paths: readonly IndexInfo[], name: string): PathKey | undefined {
  const n = name.toLowerCase();
  if (n === 'primary' && (table.pkIsHandle || table.isCommonHandle)) return 'table';
  const exact = paths.find((i) => i.name.toLowerCase() === n);
  if (exact) return exact.id;
  const prefixed = paths.filter((i) => i.name.toLowerCase().startsWith(n));
  return prefixed.length === 1 ? prefixed[0]!.id : undefined;
}

/** The path key of `index` on `table` (null, or a clustered primary key: the table path). */
function keyOf(table: TableInfo, index: IndexInfo | null): PathKey {
  return !index || (index.primary && (table.pkIsHandle || table.isCommonHandle)) ? 'table' : index.id;
}

/** Whether a data source's hints let the planner read through `index` (null: the table path). */
export function pathAllowed(ds: HintedSource, index: IndexInfo | null): boolean {
  return !ds.pathHints || ds.pathHints.allowed.has(keyOf(ds.table, index));
}

/** Whether a data source's hints let the path's order replace a Sort (NO_ORDER_INDEX forbids it). */
export function orderAllowed(ds: HintedSource, index: IndexInfo | null): boolean {
  return !ds.pathHints?.unordered.has(keyOf(ds.table, index));
}

/** What the checks read of a data source. */
interface HintedSource {
  readonly table: TableInfo;
  readonly pathHints: PathHints | undefined;
}
