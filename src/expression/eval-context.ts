import type { FieldType } from '../types/field-type.js';
import type { TypeContext } from '../types/context.js';
import type { Value } from '../types/value.js';

/** A user variable (@x): its value and the type it was assigned with. */
export interface UserVariable {
  value: Value;
  type: FieldType;
}

/** What builtin functions may read about the session running them (information functions). */
export interface SessionInfo {
  currentDb(): string | null;
  currentUser(): string;
  /** USER(): the login name and client host (CURRENT_USER() is the matched account). */
  sessionUser?(): string;
  connectionId(): number;
  lastInsertId(): number | bigint;
  foundRows(): number;
  rowCount(): number;
  getSysVar(name: string, global: boolean): string | number | undefined;
  getUserVar(name: string): UserVariable | undefined;
  setUserVar(name: string, v: UserVariable | undefined): void;
}

/** Evaluation outside any session (partition expressions, DDL-time constants): no database, user or variables. */
export const NO_SESSION: SessionInfo = {
  currentDb: () => null,
  currentUser: () => '',
  connectionId: () => 0,
  lastInsertId: () => 0,
  foundRows: () => 0,
  rowCount: () => 0,
  getSysVar: () => undefined,
  getUserVar: () => undefined,
  setUserVar: () => {},
};

/**
 * The per-statement state that evaluation reads: parameters, the statement's clock, sql_mode
 * behaviour and the warning sink. One per statement execution (or per worker of a parallel
 * operator, whose warnings are merged afterwards).
 */
export interface EvalContext extends TypeContext {
  readonly params: readonly Value[];
  readonly session: SessionInfo;
  /** The statement's start time in microseconds since the epoch (NOW() is stable in a statement). */
  readonly stmtTimeMicros: number;
  /** sql_mode ERROR_FOR_DIVISION_BY_ZERO in a strict data-changing statement: division by zero is an error. */
  readonly divByZeroIsError: boolean;
  /** sql_mode PIPES_AS_CONCAT, HIGH_NOT_PRECEDENCE... flags consulted by builtins. */
  readonly sqlMode: ReadonlySet<string>;
  /** Session RAND() generator (seeded per session). */
  random(): number;
}

/** What building (type-checking) a builtin function needs. */
export interface BuildContext {
  /** Counts each builtin signature built from the user's statement (telemetry); absent for internal builds. */
  countUsage?(sig: string): void;
  readonly sqlMode: ReadonlySet<string>;
  /** character_set_connection / collation_connection for literals. */
  readonly connectionCharset: string;
  readonly connectionCollation: string;
  /** For constant folding at plan time. */
  readonly evalCtx: EvalContext;
}
