// Character set and collation names accepted by the character_set_* and collation_* variables.
// A small table of TiDB's supported sets; the collation implementations themselves live elsewhere.
import { ER, sqlError } from '../errors/index.js';

/** Character set -> its default collation (TiDB's defaults: binary collations). */
const CHARSET_DEFAULT_COLLATION: ReadonlyMap<string, string> = new Map([
  ['utf8mb4', 'utf8mb4_bin'],
  ['utf8', 'utf8_bin'],
  ['ascii', 'ascii_bin'],
  ['latin1', 'latin1_bin'],
  ['binary', 'binary'],
  ['gbk', 'gbk_bin'],
]);

const CHARSET_ALIASES: ReadonlyMap<string, string> = new Map([['utf8mb3', 'utf8']]);

/** Collation -> character set. */
const COLLATION_CHARSET: ReadonlyMap<string, string> = new Map([
  ['utf8mb4_bin', 'utf8mb4'],
  ['utf8mb4_general_ci', 'utf8mb4'],
  ['utf8mb4_unicode_ci', 'utf8mb4'],
  ['utf8mb4_0900_ai_ci', 'utf8mb4'],
  ['utf8mb4_0900_bin', 'utf8mb4'],
  ['utf8_bin', 'utf8'],
  ['utf8_general_ci', 'utf8'],
  ['utf8_unicode_ci', 'utf8'],
  ['ascii_bin', 'ascii'],
  ['latin1_bin', 'latin1'],
  ['binary', 'binary'],
  ['gbk_bin', 'gbk'],
  ['gbk_chinese_ci', 'gbk'],
]);

export function normalizeCharset(value: string | number | bigint): string {
  const name = String(value).trim().toLowerCase();
  const canonical = CHARSET_ALIASES.get(name) ?? name;
  if (!CHARSET_DEFAULT_COLLATION.has(canonical)) throw sqlError(ER.UNKNOWN_CHARACTER_SET, String(value));
  return canonical;
}

export function normalizeCollation(value: string | number | bigint): string {
  const name = String(value)
    .trim()
    .toLowerCase()
    .replace(/^utf8mb3_/, 'utf8_');
  if (!COLLATION_CHARSET.has(name)) throw sqlError(ER.UNKNOWN_COLLATION, String(value));
  return name;
}

/** The default collation of a (normalized) character set; utf8mb4's follows default_collation_for_utf8mb4. */
export function defaultCollationOf(charset: string, utf8mb4Default = 'utf8mb4_bin'): string {
  if (charset === 'utf8mb4') return utf8mb4Default;
  return CHARSET_DEFAULT_COLLATION.get(charset) ?? 'binary';
}

export function charsetOfCollation(collation: string): string {
  return COLLATION_CHARSET.get(collation) ?? 'binary';
}

/** Pairs of variables kept consistent: setting a character set resets its collation and vice versa. */
const CHARSET_COLLATION_PAIRS: readonly [string, string][] = [
  ['character_set_connection', 'collation_connection'],
  ['character_set_database', 'collation_database'],
  ['character_set_server', 'collation_server'],
];

/** The other variable a charset/collation assignment changes, with its new value, if any. */
export function linkedCharsetVar(
  name: string,
  value: string,
  utf8mb4Default: string,
): [name: string, value: string] | undefined {
  for (const [charsetVar, collationVar] of CHARSET_COLLATION_PAIRS) {
    if (name === charsetVar) return [collationVar, defaultCollationOf(value, utf8mb4Default)];
    if (name === collationVar) return [charsetVar, charsetOfCollation(value)];
  }
  return undefined;
}
