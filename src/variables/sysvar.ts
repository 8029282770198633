// System variable definitions and MySQL/TiDB-compatible validation of the values assigned to them.
import { ER, type SqlWarning, sqlError, warningFrom } from '../errors/index.js';
import { MYSQL_SYSVARS } from './defs-mysql.js';
import { TIDB_SYSVARS } from './defs-tidb.js';
import { formatGoDuration, parseGoDuration } from './duration.js';

export type SysVarScope = 'global' | 'session' | 'both' | 'none';
export type SysVarType = 'bool' | 'int' | 'uint' | 'float' | 'enum' | 'set' | 'str' | 'time';
export type SysVarInput = string | number | bigint | null;

export interface SysVarDef {
  /** Lower-case name. */
  name: string;
  /** 'none' means read-only everywhere (version, port, ...). */
  scope: SysVarScope;
  /** Canonical default value, as SHOW VARIABLES prints it. */
  default: string;
  /** 'time' is a Go-style duration such as '10m0s' (min/max in seconds). */
  type: SysVarType;
  min?: number;
  max?: number;
  /** Members of an enum or set, in canonical case and (for sets) canonical order. */
  values?: string[];
  /** Accepted spellings (lower-case keys) mapped to canonical members, e.g. 'static-only' -> 'static'. */
  aliases?: Record<string, string>;
  /** Settable by the server only (warning_count, tidb_current_ts, ...). */
  readOnly?: boolean;
  /** Accepted and stored for compatibility but has no effect. */
  noop?: boolean;
  /** Integer variables: -1 means "automatic" although it is below min. */
  allowAuto?: boolean;
  /** NULL and '' are accepted and stored as ''. */
  allowEmpty?: boolean;
  /** Replaces the type's own validation (sql_mode, time_zone, character sets, ...). Throws on bad values. */
  normalize?: (value: string | number | bigint, def: SysVarDef) => string;
}

const REGISTRY: ReadonlyMap<string, SysVarDef> = buildRegistry();

function buildRegistry(): Map<string, SysVarDef> {
  const map = new Map<string, SysVarDef>();
  for (const def of [...MYSQL_SYSVARS, ...TIDB_SYSVARS]) {
    if (map.has(def.name)) throw new Error(`duplicate system variable ${def.name}`);
    map.set(def.name, def);
  }
  return map;
}

/** The definition of a system variable, by case-insensitive name. */
export function getSysVarDef(name: string): SysVarDef | undefined {
  return REGISTRY.get(name.toLowerCase());
}

/** Like getSysVarDef, but an unknown name is MySQL's error 1193. */
export function requireSysVarDef(name: string): SysVarDef {
  const def = REGISTRY.get(name.toLowerCase());
  if (!def) throw sqlError(ER.UNKNOWN_SYSTEM_VARIABLE, name.toLowerCase());
  return def;
}

export function allSysVarDefs(): Iterable<SysVarDef> {
  return REGISTRY.values();
}

/**
 * Pairs of names that are two spellings of one value: setting one sets the other
 * (MySQL 8 keeps tx_isolation/tx_read_only as old names of transaction_isolation/transaction_read_only).
 */
const SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['tx_isolation', 'transaction_isolation'],
  ['transaction_isolation', 'tx_isolation'],
  ['tx_read_only', 'transaction_read_only'],
  ['transaction_read_only', 'tx_read_only'],
  ['identity', 'last_insert_id'],
  ['last_insert_id', 'identity'],
]);

export function sysVarSynonym(name: string): string | undefined {
  return SYNONYMS.get(name);
}

/** Errors for SET [GLOBAL|SESSION] on a variable of the wrong scope, or a read-only one. */
export function checkSetScope(def: SysVarDef, isGlobal: boolean): void {
  if (def.scope === 'none' || def.readOnly) throw sqlError(ER.INCORRECT_GLOBAL_LOCAL_VAR, def.name, 'read only');
  if (isGlobal && def.scope === 'session') throw sqlError(ER.LOCAL_VARIABLE, def.name);
  if (!isGlobal && def.scope === 'global') throw sqlError(ER.GLOBAL_VARIABLE, def.name);
}

/**
 * Errors for reading @@global.x of a session-only variable (1238 "is a SESSION variable") or
 * @@session.x of a global-only one (1238 "is a GLOBAL variable"). Plain @@x and read-only
 * 'none' variables are readable in every scope, as in TiDB.
 */
export function checkReadScope(def: SysVarDef, scope: 'global' | 'session' | 'default'): void {
  if (scope === 'global' && def.scope === 'session') {
    throw sqlError(ER.INCORRECT_GLOBAL_LOCAL_VAR, def.name, 'SESSION');
  }
  if (scope === 'session' && def.scope === 'global') {
    throw sqlError(ER.INCORRECT_GLOBAL_LOCAL_VAR, def.name, 'GLOBAL');
  }
}

/**
 * Checks SET [GLOBAL] name = value and returns the canonical string to store. Out-of-range integers
 * are clamped with warning 1292 appended to `warnings`; bad values throw 1231/1232; a wrong scope
 * throws 1228/1229/1238.
 */
export function validateSysVar(
  def: SysVarDef,
  value: SysVarInput,
  isGlobal: boolean,
  warnings: SqlWarning[] = [],
): string {
  checkSetScope(def, isGlobal);
  return normalizeSysVarValue(def, value, warnings);
}

/** The value checks of validateSysVar without the scope checks (loading persisted values, server-set values). */
export function normalizeSysVarValue(def: SysVarDef, value: SysVarInput, warnings: SqlWarning[] = []): string {
  if (value === null) {
    if (def.allowEmpty) return '';
    throw sqlError(ER.WRONG_VALUE_FOR_VAR, def.name, 'NULL');
  }
  if (def.allowEmpty && value === '') return '';
  if (def.normalize) return def.normalize(value, def);
  switch (def.type) {
    case 'bool':
      return normalizeBool(def, value);
    case 'int':
    case 'uint':
      return normalizeInteger(def, value, warnings);
    case 'float':
      return normalizeFloat(def, value);
    case 'enum':
      return normalizeEnum(def, value);
    case 'set':
      return normalizeSet(def, value);
    case 'time':
      return normalizeDuration(def, value);
    case 'str':
      return String(value);
  }
}

function isNonIntegerNumber(value: SysVarInput): boolean {
  return typeof value === 'number' && !Number.isInteger(value);
}

function normalizeBool(def: SysVarDef, value: string | number | bigint): string {
  if (isNonIntegerNumber(value)) throw sqlError(ER.WRONG_TYPE_FOR_VAR, def.name);
  const s = String(value).trim().toUpperCase();
  if (s === 'ON' || s === '1' || s === 'TRUE') return 'ON';
  if (s === 'OFF' || s === '0' || s === 'FALSE') return 'OFF';
  throw sqlError(ER.WRONG_VALUE_FOR_VAR, def.name, String(value));
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

function normalizeInteger(def: SysVarDef, value: string | number | bigint, warnings: SqlWarning[]): string {
  if (isNonIntegerNumber(value)) throw sqlError(ER.WRONG_TYPE_FOR_VAR, def.name);
  const text = String(value).trim();
  if (!/^[+-]?\d+$/.test(text)) throw sqlError(ER.WRONG_TYPE_FOR_VAR, def.name);
  const n = BigInt(text);
  if (def.allowAuto && n === -1n) return '-1';
  const lo = def.min !== undefined ? BigInt(def.min) : def.type === 'uint' ? 0n : INT64_MIN;
  const hi = def.max !== undefined ? BigInt(def.max) : def.type === 'uint' ? UINT64_MAX : INT64_MAX;
  if (n < lo || n > hi) {
    warnings.push(warningFrom(ER.TRUNCATED_WRONG_VALUE, def.name, String(value)));
    return String(n < lo ? lo : hi);
  }
  return String(n);
}

function normalizeFloat(def: SysVarDef, value: string | number | bigint): string {
  const text = String(value).trim();
  const n = typeof value === 'string' ? parseStrictFloat(text) : Number(value);
  if (n === undefined || !Number.isFinite(n)) throw sqlError(ER.WRONG_TYPE_FOR_VAR, def.name);
  // TiDB rejects, rather than clamps, floats outside the range.
  if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) {
    throw sqlError(ER.WRONG_VALUE_FOR_VAR, def.name, text);
  }
  return String(n);
}

function parseStrictFloat(text: string): number | undefined {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined;
}

/** Matches a member by name (case-insensitive), alias or ordinal position. */
function matchMember(def: SysVarDef, token: string): string | undefined {
  const members = def.values ?? [];
  const lower = token.toLowerCase();
  const alias = def.aliases?.[lower];
  if (alias !== undefined) return alias;
  const hit = members.find((m) => m.toLowerCase() === lower);
  if (hit !== undefined) return hit;
  if (/^\d+$/.test(token)) {
    const idx = Number(token);
    if (idx < members.length) return members[idx];
  }
  return undefined;
}

function normalizeEnum(def: SysVarDef, value: string | number | bigint): string {
  if (isNonIntegerNumber(value)) throw sqlError(ER.WRONG_TYPE_FOR_VAR, def.name);
  const hit = matchMember(def, String(value).trim());
  if (hit === undefined) throw sqlError(ER.WRONG_VALUE_FOR_VAR, def.name, String(value));
  return hit;
}

/** A set value: comma-separated members (any case, any order, repeats allowed) or a bitmask number. */
export function normalizeSetMembers(def: SysVarDef, value: string | number | bigint): string[] {
  const members = def.values ?? [];
  const chosen = new Set<string>();
  if (typeof value !== 'string') {
    if (isNonIntegerNumber(value)) throw sqlError(ER.WRONG_TYPE_FOR_VAR, def.name);
    let mask = BigInt(value);
    if (mask < 0n || mask >= 1n << BigInt(members.length)) {
      throw sqlError(ER.WRONG_VALUE_FOR_VAR, def.name, String(value));
    }
    for (let i = 0; mask > 0n; i++, mask >>= 1n) if (mask & 1n) chosen.add(members[i]!);
  } else {
    for (const raw of value.split(',')) {
      const token = raw.trim();
      if (token === '') continue;
      const lower = token.toLowerCase();
      const hit = def.aliases?.[lower] ?? members.find((m) => m.toLowerCase() === lower);
      if (hit === undefined) throw sqlError(ER.WRONG_VALUE_FOR_VAR, def.name, token);
      chosen.add(hit);
    }
  }
  return members.filter((m) => chosen.has(m));
}

function normalizeSet(def: SysVarDef, value: string | number | bigint): string {
  return normalizeSetMembers(def, value).join(',');
}

function normalizeDuration(def: SysVarDef, value: string | number | bigint): string {
  const ns = parseGoDuration(String(value).trim());
  if (ns === undefined) throw sqlError(ER.WRONG_TYPE_FOR_VAR, def.name);
  const lo = def.min !== undefined ? BigInt(Math.round(def.min * 1e9)) : undefined;
  const hi = def.max !== undefined ? BigInt(Math.round(def.max * 1e9)) : undefined;
  // TiDB reports a duration outside the range as a wrong argument type.
  if ((lo !== undefined && ns < lo) || (hi !== undefined && ns > hi)) throw sqlError(ER.WRONG_TYPE_FOR_VAR, def.name);
  return formatGoDuration(ns);
}

/** True for the stored spellings of a true boolean. */
export function isTrueValue(value: string): boolean {
  const s = value.toUpperCase();
  return s === 'ON' || s === '1' || s === 'TRUE';
}
