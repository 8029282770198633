// What building a statement's plan reads: the schema snapshot, the session's build context and the
// CTEs in scope. One per statement; never shared between statements.
import type { StatsView } from '../../statistics/table-stats.js';
import type { InfoSchema } from '../../catalog/infoschema.js';
import type { TableInfo } from '../../catalog/model.js';
import { ER, sqlError } from '../../errors/index.js';
import type { QueryNode } from '../../parser/ast.js';
import type { BuildContext } from '../../expression/eval-context.js';
import type { Hint } from '../../parser/ast.js';
import type { CteDef } from '../plans.js';
import type { BlockIndexHints } from '../index-hints.js';

/** Virtual tables (information_schema, ...): the planner asks the session layer for their definition. */
export interface VirtualTableProvider {
  /** Column definitions and a row producer, or undefined when the table does not exist. */
  lookup(db: string, table: string): TableInfo | undefined;
}

export interface CteBinding {
  def: CteDef | null;
  /** Non-recursive CTEs are inlined as derived tables: their AST is rebuilt at each reference. */
  query: QueryNode;
  columns?: string[];
  recursive: boolean;
}

export interface PlanEnv {
  readonly is: InfoSchema;
  readonly bctx: BuildContext;
  readonly currentDb: string | null;
  /**
   * The statement's partition prune mode, shared by all its data sources: dynamic mode falls back to
   * static for the whole statement when a partitioned table it reads has no global statistics.
   */
  readonly prune: { mode: 'static' | 'dynamic' };
  /** Whether dynamic prune mode may plan this partitioned table (analyzed, or tidb_opt_fix_control 44262:ON). */
  readonly dynamicPruneAllowed: (table: TableInfo) => boolean;
  readonly virtualTables: VirtualTableProvider;
  /** A table's statistics (ANALYZE TABLE), or undefined: the planner then uses pseudo estimates. */
  readonly statsOf?: (tableId: number) => StatsView | undefined;
  /** CTE name scopes, innermost last. */
  ctes: Map<string, CteBinding>[];
  hints: Hint[];
  /** The index optimizer hints of the query block being built (see index-hints.ts). */
  indexHints?: BlockIndexHints;
  /** Warnings produced while planning (hint warnings, ...). */
  warnings: { code: number; message: string }[];
  /** Set while building DML: reads under it lock rows (FOR UPDATE). */
  forUpdate: boolean;
  /** Physical table ids the open transaction has written: their readers show a UnionScan in EXPLAIN. */
  readonly dirtyTables?: ReadonlySet<number>;
}

export function requireDb(env: PlanEnv, db: string | undefined): string {
  const name = db ?? env.currentDb;
  if (!name) throw noDatabase();
  return name;
}

export function noDatabase(): Error {
  return sqlError(ER.NO_DB);
}
