// sql_mode: validation of members, expansion of combination modes, canonical order.
import { ER, sqlError } from '../errors/index.js';

/** Every mode by its bit position (MySQL's order, which is the order @@sql_mode prints in). */
const MODE_BITS: readonly string[] = [
  'REAL_AS_FLOAT',
  'PIPES_AS_CONCAT',
  'ANSI_QUOTES',
  'IGNORE_SPACE',
  'NOT_USED',
  'ONLY_FULL_GROUP_BY',
  'NO_UNSIGNED_SUBTRACTION',
  'NO_DIR_IN_CREATE',
  'POSTGRESQL',
  'ORACLE',
  'MSSQL',
  'DB2',
  'MAXDB',
  'NO_KEY_OPTIONS',
  'NO_TABLE_OPTIONS',
  'NO_FIELD_OPTIONS',
  'MYSQL323',
  'MYSQL40',
  'ANSI',
  'NO_AUTO_VALUE_ON_ZERO',
  'NO_BACKSLASH_ESCAPES',
  'STRICT_TRANS_TABLES',
  'STRICT_ALL_TABLES',
  'NO_ZERO_IN_DATE',
  'NO_ZERO_DATE',
  'ALLOW_INVALID_DATES',
  'ERROR_FOR_DIVISION_BY_ZERO',
  'TRADITIONAL',
  'NO_AUTO_CREATE_USER',
  'HIGH_NOT_PRECEDENCE',
  'NO_ENGINE_SUBSTITUTION',
  'PAD_CHAR_TO_FULL_LENGTH',
  'TIME_TRUNCATE_FRACTIONAL',
];

/** The modes a user may name ('NOT_USED' only holds its bit). */
export const SQL_MODE_NAMES: readonly string[] = MODE_BITS.filter((m) => m !== 'NOT_USED');

const FOREIGN_DB_MODES = ['PIPES_AS_CONCAT', 'ANSI_QUOTES', 'IGNORE_SPACE', 'NO_KEY_OPTIONS', 'NO_TABLE_OPTIONS'];

/** Combination modes and what they switch on besides themselves (TiDB's 5.7-style definitions). */
const COMBINATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['ANSI', ['REAL_AS_FLOAT', 'PIPES_AS_CONCAT', 'ANSI_QUOTES', 'IGNORE_SPACE', 'ONLY_FULL_GROUP_BY']],
  [
    'TRADITIONAL',
    [
      'STRICT_TRANS_TABLES',
      'STRICT_ALL_TABLES',
      'NO_ZERO_IN_DATE',
      'NO_ZERO_DATE',
      'ERROR_FOR_DIVISION_BY_ZERO',
      'NO_AUTO_CREATE_USER',
      'NO_ENGINE_SUBSTITUTION',
    ],
  ],
  ['POSTGRESQL', [...FOREIGN_DB_MODES, 'NO_FIELD_OPTIONS']],
  ['ORACLE', [...FOREIGN_DB_MODES, 'NO_FIELD_OPTIONS', 'NO_AUTO_CREATE_USER']],
  ['MSSQL', [...FOREIGN_DB_MODES, 'NO_FIELD_OPTIONS']],
  ['DB2', [...FOREIGN_DB_MODES, 'NO_FIELD_OPTIONS']],
  ['MAXDB', [...FOREIGN_DB_MODES, 'NO_FIELD_OPTIONS', 'NO_AUTO_CREATE_USER']],
  ['MYSQL323', ['HIGH_NOT_PRECEDENCE']],
  ['MYSQL40', ['HIGH_NOT_PRECEDENCE']],
]);

/**
 * Normalizes a sql_mode value: a comma-separated list of modes in any case and order, or a bitmask.
 * Combination modes are expanded; the result lists the modes in bit order without repeats.
 */
export function normalizeSqlMode(value: string | number | bigint): string {
  const chosen = new Set<string>();
  if (typeof value === 'string') {
    for (const raw of value.split(',')) {
      const mode = raw.trim().toUpperCase();
      if (mode === '') continue;
      if (!SQL_MODE_NAMES.includes(mode)) throw sqlError(ER.WRONG_VALUE_FOR_VAR, 'sql_mode', raw.trim());
      chosen.add(mode);
    }
  } else {
    if (typeof value === 'number' && !Number.isInteger(value)) throw sqlError(ER.WRONG_TYPE_FOR_VAR, 'sql_mode');
    let mask = BigInt(value);
    if (mask < 0n || mask >= 1n << BigInt(MODE_BITS.length) || (mask & (1n << 4n)) !== 0n) {
      throw sqlError(ER.WRONG_VALUE_FOR_VAR, 'sql_mode', String(value));
    }
    for (let i = 0; mask > 0n; i++, mask >>= 1n) if (mask & 1n) chosen.add(MODE_BITS[i]!);
  }
  for (const mode of [...chosen]) for (const implied of COMBINATIONS.get(mode) ?? []) chosen.add(implied);
  return MODE_BITS.filter((m) => chosen.has(m)).join(',');
}

/** The modes of a stored (already normalized) sql_mode value. */
export function sqlModeSet(stored: string): ReadonlySet<string> {
  return new Set(stored === '' ? [] : stored.split(','));
}
