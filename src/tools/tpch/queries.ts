// The 22 TPC-H queries (MySQL dialect, from the shared corpus) and their minimal translations for peers.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Dialect = 'mysql' | 'sqlite' | 'duckdb';

export interface TpchQuery {
  /** 1..22 */
  n: number;
  /** The statements in order; the result of the last SELECT is the query's result. */
  statements: string[];
}

/** Finds ../shared/corpora/tpch/queries-mysql beside the project root (or $TPCH_QUERIES_DIR). */
export function tpchQueriesDir(): string {
  if (process.env.TPCH_QUERIES_DIR) return process.env.TPCH_QUERIES_DIR;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(dir, '..', 'shared', 'corpora', 'tpch', 'queries-mysql');
}

function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function tpchSchema(dir = tpchQueriesDir()): string[] {
  return splitStatements(readFileSync(join(dir, 'schema.sql'), 'utf8'));
}

/** Statistics after loading, as a user of each engine would gather them (TiDB: ANALYZE TABLE per table). */
export function analyzeStatements(dialect: Dialect): string[] {
  if (dialect !== 'mysql') return ['ANALYZE'];
  return ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'].map(
    (t) => `ANALYZE TABLE ${t}`,
  );
}

export function tpchQueries(dir = tpchQueriesDir()): TpchQuery[] {
  const out: TpchQuery[] = [];
  for (let n = 1; n <= 22; n++)
    out.push({ n, statements: splitStatements(readFileSync(join(dir, `q${n}.sql`), 'utf8')) });
  return out;
}

const DATE_ARITH = /date_(add|sub)\(\s*'([0-9-]+)'\s*,\s*interval\s+'?(\d+)'?\s+(day|month|year)\s*\)/gi;

/**
 * SQLite computes `0.06 + 0.01` in doubles (0.06999999999999999), which moves BETWEEN bounds off the decimal
 * values MySQL compares exactly; literal-only sums and differences are folded to exact decimal literals.
 */
function foldDecimalArithmetic(sql: string): string {
  return sql.replace(
    /(\d+)\.(\d+)\s*([-+])\s*(\d+)\.(\d+)/g,
    (_m, ai: string, af: string, op: string, bi: string, bf: string) => {
      const scale = Math.max(af.length, bf.length);
      const a = BigInt(ai + af.padEnd(scale, '0'));
      const b = BigInt(bi + bf.padEnd(scale, '0'));
      const r = op === '+' ? a + b : a - b;
      const neg = r < 0n;
      const digits = (neg ? -r : r).toString().padStart(scale + 1, '0');
      return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    },
  );
}

/** Rewrites the few MySQL-only constructs the queries use: interval arithmetic, EXTRACT, SUBSTRING ... FROM ... FOR. */
export function translate(sql: string, dialect: Dialect): string {
  if (dialect === 'mysql') return sql;
  if (dialect === 'duckdb') {
    return sql.replace(DATE_ARITH, (_m, op: string, date: string, n: string, unit: string) => {
      const sign = op.toLowerCase() === 'add' ? '+' : '-';
      return `cast(date '${date}' ${sign} interval '${n}' ${unit} as date)`;
    });
  }
  return foldDecimalArithmetic(sql)
    .replace(DATE_ARITH, (_m, op: string, date: string, n: string, unit: string) => {
      const sign = op.toLowerCase() === 'add' ? '+' : '-';
      return `date('${date}', '${sign}${n} ${unit}')`;
    })
    .replace(/extract\(\s*year\s+from\s+(\w+)\s*\)/gi, "cast(strftime('%Y', $1) as integer)")
    .replace(/substring\(\s*(\w+)\s+from\s+(\d+)\s+for\s+(\d+)\s*\)/gi, 'substr($1, $2, $3)');
}
