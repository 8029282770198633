// Name resolution: which column a `[db.][table.]column` reference means, in this query block or an
// outer one (a correlated reference).
import { ER, sqlError } from '../errors/index.js';
import type { Column } from '../expression/expression.js';
import type { ColumnRef } from '../parser/ast.js';
import type { CorrelationBinding } from './plans.js';

const ROW_ID = '_tidb_rowid';

export interface ScopeEntry {
  db: string;
  /** The table name or alias the column is qualified by. */
  table: string;
  name: string;
  col: Column;
  /** Columns merged away by NATURAL/USING joins: resolvable only when qualified, not expanded by `*`. */
  redundant?: boolean;
  /** Hidden columns (the row id) never match unqualified names or `*`. */
  hidden?: boolean;
}

export class Scope {
  entries: ScopeEntry[];
  readonly outer: Scope | undefined;
  /** Outer-column references made from inside subqueries of this block: the Apply fills these slots. */
  readonly bindings: CorrelationBinding[] = [];

  constructor(entries: ScopeEntry[], outer?: Scope) {
    this.entries = entries;
    this.outer = outer;
  }

  /** Finds the column in this scope only. Throws 1052 on ambiguity. */
  findLocal(ref: ColumnRef, clause: string): ScopeEntry | undefined {
    const name = ref.column.toLowerCase();
    const table = ref.table?.toLowerCase();
    const db = ref.db?.toLowerCase();
    let found: ScopeEntry | undefined;
    for (const e of this.entries) {
      if (e.name.toLowerCase() !== name) continue;
      if (table !== undefined) {
        if (e.table.toLowerCase() !== table) continue;
        if (db !== undefined && e.db.toLowerCase() !== db) continue;
      } else if (e.redundant || (e.hidden && name !== ROW_ID)) {
        // The row id is hidden from `*` but, as in TiDB, resolvable by its explicit name.
        continue;
      }
      if (found && found.col.uid !== e.col.uid) {
        throw sqlError(ER.NON_UNIQ, refText(ref), clause);
      }
      found ??= e;
    }
    return found;
  }

  /** Resolves through outer scopes; depth 0 is this scope. Throws 1054 when nowhere. */
  resolve(ref: ColumnRef, clause: string): { entry: ScopeEntry; scope: Scope; depth: number } {
    let depth = 0;
    for (let s: Scope | undefined = this; s; s = s.outer, depth++) {
      const entry = s.findLocal(ref, clause);
      if (entry) return { entry, scope: s, depth };
    }
    throw sqlError(ER.BAD_FIELD, refText(ref), clause);
  }
}

export function refText(ref: ColumnRef): string {
  return [ref.db, ref.table, ref.column].filter((x) => x !== undefined).join('.');
}
