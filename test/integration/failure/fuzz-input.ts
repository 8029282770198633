// Inputs for the fuzz test: SQL statements taken from the corpora (sqllogictest files and TiDB's
// partition tests), mutations of them, and random protocol packets, all from one seeded generator.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng as SeededRng } from '../../../src/tools/tpch/random.js';

/** The project's seeded generator (the TPC-H one, mulberry32) with what the fuzzer draws: the same seed gives the same inputs. */
export class Rng extends SeededRng {
  /** A uniform integer in [0, n). */
  below(n: number): number {
    return this.int(0, n - 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.below(256);
    return b;
  }
}

/** The shared corpora folder, found from this file in src (test/...) or compiled (dist/test/...). */
function corporaDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = resolve(dir, '..', 'shared', 'corpora');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

const SLT_FILES = [
  'sqllogictest/test/select1.test',
  'sqllogictest/test/select2.test',
  'sqllogictest/test/select3.test',
  'sqllogictest/test/select4.test',
  'sqllogictest/test/evidence/in1.test',
  'sqllogictest/test/evidence/slt_lang_createview.test',
  'sqllogictest/test/evidence/slt_lang_update.test',
  'sqllogictest/test/evidence/slt_lang_replace.test',
  'sqllogictest/test/random/expr/slt_good_0.test',
  'sqllogictest/test/random/aggregates/slt_good_0.test',
  'sqllogictest/test/random/groupby/slt_good_0.test',
  'sqllogictest/test/index/between/10/slt_good_0.test',
  'sqllogictest/test/index/delete/10/slt_good_0.test',
  'sqllogictest/test/ddl/createtable/createtable1.test',
];
const PARTITION_FILES = [
  'tidb-partition/t/partition.test',
  'tidb-partition/t/executor/partition/write.test',
  'tidb-partition/t/executor/partition/issues.test',
  'tidb-partition/t/executor/partition/partition_boundaries.test',
  'tidb-partition/t/executor/partition/partition_with_expression.test',
  'tidb-partition/t/planner/core/partition_pruner.test',
  'tidb-partition/t/planner/core/integration_partition.test',
];
/** Only the start of big files is read: enough statements, bounded time. */
const MAX_FILE_CHARS = 200_000;
/** Statements that would end or stall the server or other connections rather than test input handling. */
const EXCLUDED = /^\s*(kill|shutdown|restart|set\s+global|flush|admin\s+(?!check)|do\s+sleep)|\bsleep\s*\(/i;

/** Statements of an sqllogictest file: the SQL after each `statement`/`query` line. */
function sltStatements(text: string): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^(statement|query)\b/.test(lines[i]!)) continue;
    const sql: string[] = [];
    for (i++; i < lines.length && lines[i]!.trim() !== '' && lines[i] !== '----'; i++) sql.push(lines[i]!);
    if (sql.length > 0) out.push(sql.join('\n'));
  }
  return out;
}

/** Statements of a mysqltest .test file: `;`-terminated, without `--` commands and comments. */
function mysqltestStatements(text: string): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  for (const line of text.split('\n')) {
    if (cur.length === 0 && (line.startsWith('--') || line.startsWith('#') || line.trim() === '')) continue;
    cur.push(line);
    if (line.trimEnd().endsWith(';')) {
      out.push(cur.join('\n').trimEnd().slice(0, -1));
      cur = [];
    }
  }
  return out;
}

/** Statements from the corpora (empty when the corpora are not available). */
export function corpusStatements(): string[] {
  const root = corporaDir();
  if (!root) return [];
  const out: string[] = [];
  for (const f of [...SLT_FILES, ...PARTITION_FILES]) {
    const path = join(root, f);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8').slice(0, MAX_FILE_CHARS);
    const stmts = f.startsWith('sqllogictest') ? sltStatements(text) : mysqltestStatements(text);
    for (const s of stmts) if (!EXCLUDED.test(s)) out.push(s);
  }
  return out;
}

const TOKEN = /'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.)*"|`[^`]*`|\d+(?:\.\d*)?(?:e[+-]?\d+)?|\w+|\s+|./gis;

const HUGE_LITERALS = [
  '18446744073709551615',
  '18446744073709551616',
  '-9223372036854775808',
  '-9223372036854775809',
  '99999999999999999999999999999999999999999999999999999999999999999999999',
  '1e308',
  '-1.7976931348623157e309',
  '0.000000000000000000000000000000000000000000000000000000000000000000001',
  '0x',
  '0xffffffffffffffffffffffffffff',
  "b'1111111111111111111111111111111111111111111111111111111111111111111'",
  'NULL',
  "'9999-12-31 23:59:59.999999'",
  "'0000-00-00'",
  "_binary '\\0\\xff'",
  "'\\'",
  '-0',
  "'1e500'",
];

function randomLiteral(rng: Rng): string {
  switch (rng.below(5)) {
    case 0:
      return rng.pick(HUGE_LITERALS);
    case 1:
      return String(rng.below(2 ** 31) - 2 ** 30);
    case 2:
      return `'${'x'.repeat(rng.pick([0, 1, 255, 256, 65535, 70000, 300_000]))}'`;
    case 3:
      return `'${String.fromCharCode(...Array.from({ length: 1 + rng.below(8) }, () => rng.pick([0, 39, 92, 0xd800, 0xfffd, 0x1f600 & 0xffff, 200, 10])))}'`;
    default:
      return (rng.next() * 10 ** rng.below(30)).toString();
  }
}

function nest(rng: Rng, inner: string): string {
  const depth = rng.pick([10, 100, 1000, 5000]);
  switch (rng.below(4)) {
    case 0:
      return `${'('.repeat(depth)}${inner}${')'.repeat(depth)}`;
    case 1:
      return `${'abs('.repeat(depth)}${inner}${')'.repeat(depth)}`;
    case 2:
      return `${'-'.repeat(depth)}${inner}`;
    default:
      return `${'(select '.repeat(Math.min(depth, 300))}${inner}${')'.repeat(Math.min(depth, 300))}`;
  }
}

/** A mutation of `sql`: token deletion, duplication, swap, literal replacement, nesting or truncation. */
export function mutate(rng: Rng, sql: string): string {
  const tokens = sql.match(TOKEN) ?? [];
  const rounds = 1 + rng.below(3);
  for (let r = 0; r < rounds && tokens.length > 0; r++) {
    const i = rng.below(tokens.length);
    switch (rng.below(8)) {
      case 0:
        tokens.splice(i, 1);
        break;
      case 1:
        tokens.splice(i, 0, tokens[i]!);
        break;
      case 2: {
        const j = rng.below(tokens.length);
        [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
        break;
      }
      case 3: {
        const lits = tokens.map((t, k) => (/^(\d|'|")/.test(t) ? k : -1)).filter((k) => k >= 0);
        tokens[lits.length > 0 ? rng.pick(lits) : i] = randomLiteral(rng);
        break;
      }
      case 4:
        tokens[i] = nest(rng, /^\w|^'/.test(tokens[i]!) ? tokens[i]! : '1');
        break;
      case 5:
        tokens.splice(i, 0, ' ', rng.pick(tokens), ' ');
        break;
      case 6:
        tokens.length = i;
        break;
      default:
        tokens.splice(i, 0, rng.pick(['(', ')', ',', "'", '`', '"', ';', '/*', '--', '\\', '?', '@', '@@', '*', '.']));
    }
  }
  return tokens.join('');
}

/** Statements that need no corpus: deep nesting, huge literals and long strings on their own. */
export function syntheticStatement(rng: Rng): string {
  switch (rng.below(6)) {
    case 0:
      return `select ${nest(rng, randomLiteral(rng))}`;
    case 1:
      return `select ${randomLiteral(rng)} ${rng.pick(['+', '*', '-', '/', 'div', '%', '<<', '||', 'like', 'regexp'])} ${randomLiteral(rng)}`;
    case 2:
      return `select cast(${randomLiteral(rng)} as ${rng.pick(['signed', 'unsigned', 'decimal(65,30)', 'double', 'date', 'datetime(6)', 'time', 'json', 'char(3)', 'binary(2)', 'year'])})`;
    case 3:
      return `select ${Array.from({ length: 1 + rng.below(2000) }, () => '1').join(rng.pick([' + ', ' and ', ', ', ' or ']))}`;
    case 4:
      return `select * from ${Array.from({ length: 2 + rng.below(6) }, (_, k) => `(select ${k} as c) t${k}`).join(' join ')}`;
    default:
      return rng.bytes(1 + rng.below(60)).toString('latin1');
  }
}
