// The per-statement context: parameters, clock, sql_mode behaviour and the warning list. Built by
// the session for each statement; read by conversions and builtins.
import type { SqlWarning } from '../errors/index.js';
import type { EvalContext, SessionInfo } from '../expression/eval-context.js';
import type { MemTracker } from '../executor/mem-tracker.js';
import type { Value } from '../types/value.js';

export interface StmtContextOptions {
  params: readonly Value[];
  session: SessionInfo;
  sqlMode: ReadonlySet<string>;
  /** A data-changing statement in strict mode without IGNORE: bad data is an error. */
  strictWrite: boolean;
  timeZoneOffsetMinutes: number;
  divPrecisionIncrement: number;
  random: () => number;
  nowMicros: number;
}

export const MAX_WARNINGS = 64;

export class StmtContext implements EvalContext {
  readonly warnings: SqlWarning[] = [];
  /** Memory accounting of the statement (tidb_mem_quota_query), created on first use. */
  memTracker?: MemTracker;
  /** Warnings beyond max_error_count are counted, not kept. */
  warningCount = 0;
  /** The plan came from the plan cache (a cached point read or a rebound cached plan). */
  planFromCache = false;
  readonly params: readonly Value[];
  readonly session: SessionInfo;
  readonly sqlMode: ReadonlySet<string>;
  readonly truncateAsWarning: boolean;
  readonly noZeroDate: boolean;
  readonly noZeroInDate: boolean;
  readonly allowInvalidDates: boolean;
  readonly timeZoneOffsetMinutes: number;
  readonly divPrecisionIncrement: number;
  readonly divByZeroIsError: boolean;
  readonly stmtTimeMicros: number;
  private readonly rand: () => number;

  constructor(o: StmtContextOptions) {
    this.params = o.params;
    this.session = o.session;
    this.sqlMode = o.sqlMode;
    this.truncateAsWarning = !o.strictWrite;
    const strict = o.strictWrite;
    this.noZeroDate = strict && o.sqlMode.has('NO_ZERO_DATE');
    this.noZeroInDate = strict && o.sqlMode.has('NO_ZERO_IN_DATE');
    this.allowInvalidDates = o.sqlMode.has('ALLOW_INVALID_DATES');
    this.timeZoneOffsetMinutes = o.timeZoneOffsetMinutes;
    this.divPrecisionIncrement = o.divPrecisionIncrement;
    this.divByZeroIsError = strict && o.sqlMode.has('ERROR_FOR_DIVISION_BY_ZERO');
    this.stmtTimeMicros = o.nowMicros;
    this.rand = o.random;
  }

  appendWarning(w: SqlWarning): void {
    this.warningCount++;
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(w);
  }

  /** Forgets the warnings of a run of the statement that is being retried. */
  clearWarnings(): void {
    this.warnings.length = 0;
    this.warningCount = 0;
  }

  random(): number {
    return this.rand();
  }
}
