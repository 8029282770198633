import type { SqlWarning } from '../errors/index.js';

/**
 * What type conversions need from the statement they run in: where warnings go and how strictly
 * bad data is treated. The session's statement context implements it; each worker of a parallel
 * operator gets its own (warnings are merged once, never written from two workers).
 */
export interface TypeContext {
  appendWarning(w: SqlWarning): void;
  /**
   * When true, truncation and out-of-range conversions become warnings with a clamped or truncated
   * value (SELECT, non-strict mode, INSERT IGNORE); when false they are errors (strict INSERT/UPDATE).
   */
  readonly truncateAsWarning: boolean;
  /** sql_mode NO_ZERO_DATE, NO_ZERO_IN_DATE, ALLOW_INVALID_DATES flags. */
  readonly noZeroDate: boolean;
  readonly noZeroInDate: boolean;
  readonly allowInvalidDates: boolean;
  /** Session time zone offset in minutes from UTC, for TIMESTAMP conversion and NOW(). */
  readonly timeZoneOffsetMinutes: number;
  /** div_precision_increment. */
  readonly divPrecisionIncrement: number;
}

/** A context for conversions outside a statement (tests, catalog loading): lenient, warnings dropped. */
export const LENIENT_CONTEXT: TypeContext = {
  appendWarning() {},
  truncateAsWarning: true,
  noZeroDate: false,
  noZeroInDate: false,
  allowInvalidDates: false,
  timeZoneOffsetMinutes: 0,
  divPrecisionIncrement: 4,
};
