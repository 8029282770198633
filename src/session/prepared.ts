// Prepared statements: COM_STMT_PREPARE / the embedded prepare() and SQL PREPARE/EXECUTE share one
// store per session. The statement is parsed once; it is planned at each execution with its
// parameter values.
import type { FieldInfo } from '../api-types.js';
import { ER, sqlError } from '../errors/index.js';
import { type ParsedStatement, parseOne } from '../parser/index.js';
import { buildQuery } from '../planner/builder/select.js';
import { fieldInfo } from './result-format.js';
import type { Session } from './session.js';

export interface PreparedStatement {
  id: number;
  parsed: ParsedStatement;
  paramCount: number;
  fields: FieldInfo[] | null;
}

const MAX_PREPARED = 16382;

export class PreparedStore {
  private nextId = 1;
  private readonly byId = new Map<number, PreparedStatement>();
  private readonly byName = new Map<string, number>();

  prepare(s: Session, sql: string): PreparedStatement {
    if (this.byId.size >= MAX_PREPARED) throw sqlError(ER.MAX_PREPARED_STMT_COUNT_REACHED, MAX_PREPARED);
    const parsed = parseOne(sql);
    const ps: PreparedStatement = {
      id: this.nextId++,
      parsed,
      paramCount: parsed.paramCount,
      fields: resultFields(s, parsed),
    };
    this.byId.set(ps.id, ps);
    return ps;
  }

  get(id: number): PreparedStatement {
    const ps = this.byId.get(id);
    if (!ps) throw sqlError(ER.UNKNOWN_STMT_HANDLER, String(id), 'EXECUTE');
    return ps;
  }

  close(id: number): void {
    this.byId.delete(id);
  }

  prepareNamed(s: Session, name: string, sql: string): void {
    const old = this.byName.get(name.toLowerCase());
    if (old !== undefined) this.byId.delete(old);
    this.byName.set(name.toLowerCase(), this.prepare(s, sql).id);
  }

  named(name: string): PreparedStatement {
    const id = this.byName.get(name.toLowerCase());
    if (id === undefined) throw sqlError(ER.UNKNOWN_STMT_HANDLER, name, 'EXECUTE');
    return this.get(id);
  }

  deallocate(name: string): void {
    const id = this.byName.get(name.toLowerCase());
    if (id === undefined) throw sqlError(ER.UNKNOWN_STMT_HANDLER, name, 'DEALLOCATE PREPARE');
    this.byName.delete(name.toLowerCase());
    this.byId.delete(id);
  }
}

/** The result columns of a query, planned with NULL parameters; null for statements without rows. */
function resultFields(s: Session, parsed: ParsedStatement): FieldInfo[] | null {
  if (parsed.stmt.kind !== 'query') return null;
  try {
    const ctx = s.newStmtContext(parsed.stmt, new Array(parsed.paramCount).fill(null));
    const built = buildQuery(s.planEnv(ctx), parsed.stmt.query, undefined);
    return built.plan.schema.map((c, i) => fieldInfo(c, built.names[i]!));
  } catch {
    return null;
  }
}
