// mysqltest runner for TiDB-style integration tests: runs t/X.test on one database (with named extra connections),
// renders each statement's output the way the tester writes r/X.result, and compares statement block by block.
// EXPLAIN blocks are compared on operator names (id suffix stripped) and access objects only.
import { readFile } from 'node:fs/promises';
import { basename, relative, sep } from 'node:path';
import { type MtCommand, type MtFlag, parseMysqltest, splitStatements } from './mysqltest-parse.js';
import { cellText, errorLine, renderTabRow, sortTextRows, stripOperatorId } from './result-format.js';

export interface MtResultLike {
  rows: unknown[][];
  fields?: readonly { name: string; charsetId?: number }[];
  affectedRows?: number;
  info?: string;
  warnings?: readonly { level: string; code: number; message: string }[];
}

export interface MtConn {
  query(sql: string, params: readonly unknown[], opts: { rowMode: 'text' }): Promise<MtResultLike>;
  close(): Promise<void>;
}

export interface MtDb extends MtConn {
  /** An independent connection (as `user` when given); without it `connect` directives are skipped. */
  session?(opts?: { user?: string }): Promise<MtConn>;
}

/** One statement (or --echo) of the test and the output it produced. */
export interface MtBlock {
  line: number;
  sql: string;
  /** Lines the tester echoes before the output (the statement text, or the --echo text). */
  echo: string[];
  output: string[];
  isEcho: boolean;
}

export interface MtDifference {
  file: string;
  line: number;
  sql: string;
  explain: boolean;
  expected: string[];
  got: string[];
}

export interface MtCounts {
  passed: number;
  failed: number;
}

export interface MtFileResult {
  file: string;
  explain: MtCounts;
  other: MtCounts;
  skipped: number;
  differences: MtDifference[];
  error?: string;
  ms: number;
}

export interface MtRunOptions {
  open: () => Promise<MtDb>;
  maxDifferencesShown?: number;
  /** Result file; by default t/…/X.test → r/…/X.result. */
  resultPath?: string;
}

/** r/X.result for t/X.test (the last `t` directory on the path is swapped for `r`). */
export function resultPathFor(testPath: string): string {
  const parts = testPath.split(sep);
  const t = parts.lastIndexOf('t');
  if (t >= 0) parts[t] = 'r';
  return parts.join(sep).replace(/\.test$/, '.result');
}

/** The database the tester creates for a test: its path under t/ with '/' → '__' (ddl/partition → ddl__partition). */
export function databaseNameFor(testPath: string): string {
  const parts = testPath.split(sep);
  const t = parts.lastIndexOf('t');
  const rel = t >= 0 ? relative(parts.slice(0, t + 1).join(sep), testPath) : basename(testPath);
  return rel
    .replace(/\.test$/, '')
    .split(sep)
    .join('__');
}

function errorOf(e: unknown): string {
  if (e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'number') {
    const err = e as { code: number; sqlState?: string; message: string };
    return errorLine(err.code, err.sqlState ?? 'HY000', err.message);
  }
  return errorLine(1105, 'HY000', e instanceof Error ? e.message : String(e));
}

interface RunState {
  flags: Record<MtFlag, boolean>;
  expectError: boolean;
  sorted: boolean;
  replaceColumns: { col: number; value: string }[];
  replaceRegex: { re: RegExp; replacement: string }[];
}

const BINARY_CHARSET_ID = 63;

/** Renders one successful statement's result: header and rows for a result set, info and warnings as enabled. */
export function renderResult(res: MtResultLike, st: Omit<RunState, 'expectError'>): string[] {
  const out: string[] = [];
  if (res.fields && res.fields.length > 0) {
    // Binary columns come as byte strings; the .result files hold those bytes, read back as UTF-8.
    const binary = res.fields.map((f) => f.charsetId === BINARY_CHARSET_ID);
    let rows = res.rows.map((r) =>
      r.map((v, i) => (binary[i] && typeof v === 'string' ? Buffer.from(v, 'latin1').toString('utf8') : cellText(v))),
    );
    for (const { col, value } of st.replaceColumns) {
      for (const r of rows) if (col >= 1 && col <= r.length) r[col - 1] = value;
    }
    if (st.sorted) rows = sortTextRows(rows);
    out.push(res.fields.map((f) => f.name).join('\t'));
    for (const r of rows) out.push(renderTabRow(r));
  } else if (st.flags.info) {
    out.push(`affected rows: ${res.affectedRows ?? 0}`, `info: ${res.info ?? ''}`);
  }
  if (st.flags.warnings && res.warnings && res.warnings.length > 0) {
    out.push('Level\tCode\tMessage');
    for (const w of res.warnings) out.push(`${w.level}\t${w.code}\t${w.message}`);
  }
  return out;
}

/** Runs the commands on a database, producing the blocks of output; unsupported directives are counted. */
export async function executeMysqltest(
  commands: readonly MtCommand[],
  db: MtDb,
): Promise<{ blocks: MtBlock[]; skipped: number }> {
  const blocks: MtBlock[] = [];
  let skipped = 0;
  const conns = new Map<string, MtConn>([['default', db]]);
  let conn: MtConn = db;
  const st: RunState = {
    flags: { warnings: false, info: false, query_log: true, result_log: true },
    expectError: false,
    sorted: false,
    replaceColumns: [],
    replaceRegex: [],
  };
  for (const cmd of commands) {
    switch (cmd.kind) {
      case 'echo':
        blocks.push({ line: cmd.line, sql: '', echo: [cmd.text], output: [], isEcho: true });
        break;
      case 'error':
        st.expectError = true;
        break;
      case 'flag':
        st.flags[cmd.name] = cmd.on;
        break;
      case 'sorted_result':
        st.sorted = true;
        break;
      case 'replace_column':
        st.replaceColumns = cmd.pairs;
        break;
      case 'replace_regex':
        st.replaceRegex = cmd.rules;
        break;
      case 'connect': {
        if (!db.session) {
          skipped++;
          break;
        }
        const c = await db.session(cmd.user ? { user: cmd.user } : {});
        if (cmd.db !== '') await c.query(`use \`${cmd.db}\``, [], { rowMode: 'text' });
        conns.set(cmd.name, c);
        conn = c;
        break;
      }
      case 'connection': {
        const c = conns.get(cmd.name);
        if (c) conn = c;
        else skipped++;
        break;
      }
      case 'disconnect': {
        const c = conns.get(cmd.name);
        if (c && c !== db) {
          await c.close().catch(() => {});
          conns.delete(cmd.name);
          conn = db;
        } else skipped++;
        break;
      }
      case 'unsupported':
        skipped++;
        break;
      case 'query':
        for (const stmt of splitStatements(cmd.text)) {
          blocks.push(await runStatement(conn, stmt, cmd.line, st));
          st.expectError = false;
        }
        st.sorted = false;
        st.replaceColumns = [];
        st.replaceRegex = [];
        break;
    }
  }
  for (const c of conns.values()) if (c !== db) await c.close().catch(() => {});
  return { blocks, skipped };
}

/** A statement that has not settled after this long is reported as an error (an await that never ends). */
const STATEMENT_TIMEOUT_MS = 60_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`statement timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function runStatement(conn: MtConn, stmt: string, line: number, st: RunState): Promise<MtBlock> {
  const echo = st.flags.query_log ? stmt.split('\n') : [];
  let output: string[];
  try {
    const res = await withTimeout(conn.query(stmt, [], { rowMode: 'text' }), STATEMENT_TIMEOUT_MS);
    output = st.flags.result_log ? renderResult(res, st) : [];
  } catch (e) {
    output = [errorOf(e)];
  }
  if (st.replaceRegex.length > 0) {
    output = output.map((l) => st.replaceRegex.reduce((s, r) => s.replace(r.re, r.replacement), l));
  }
  return { line, sql: stmt, echo, output, isEcho: false };
}

/** Whether a block is an EXPLAIN: an explain/desc statement whose expected output is a plan (header starts `id`). */
export function isExplainBlock(sql: string, expected: readonly string[]): boolean {
  return /^\s*(explain|desc|describe)\b/i.test(sql) && (expected[0] ?? '').split('\t')[0] === 'id';
}

/** A plan reduced to what is compared: operator name without id suffix, and access object. */
export function planShape(lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  const header = lines[0].split('\t');
  const idCol = header.indexOf('id');
  const accessCol = header.indexOf('access object');
  if (idCol < 0) return [...lines];
  return lines.slice(1).map((l) => {
    const cells = l.split('\t');
    const op = stripOperatorId(cells[idCol] ?? '');
    return accessCol >= 0 ? `${op}\t${cells[accessCol] ?? ''}` : op;
  });
}

/**
 * Locates each block's echo in the expected lines (in order, first match from the cursor) and returns the expected
 * output of each block: the lines between its echo and the next located echo. null: the echo was not found.
 */
export function segmentExpected(blocks: readonly MtBlock[], expected: readonly string[]): (string[] | null)[] {
  const starts: number[] = [];
  let cursor = 0;
  for (const b of blocks) {
    const at = findLines(expected, b.echo, cursor);
    starts.push(at);
    if (at >= 0) cursor = at + b.echo.length;
  }
  return blocks.map((b, k) => {
    if (starts[k] < 0) return null;
    let end = expected.length;
    for (let j = k + 1; j < blocks.length; j++) {
      if (starts[j] >= 0) {
        end = starts[j];
        break;
      }
    }
    return expected.slice(starts[k] + b.echo.length, end);
  });
}

function findLines(hay: readonly string[], needle: readonly string[], from: number): number {
  if (needle.length === 0) return from;
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Compares produced blocks with the expected result lines, counting explain and other blocks separately. */
export function compareBlocks(
  file: string,
  blocks: readonly MtBlock[],
  expectedLines: readonly string[],
  maxShown = 10,
): Pick<MtFileResult, 'explain' | 'other' | 'differences'> {
  const explain: MtCounts = { passed: 0, failed: 0 };
  const other: MtCounts = { passed: 0, failed: 0 };
  const differences: MtDifference[] = [];
  const segments = segmentExpected(blocks, expectedLines);
  blocks.forEach((b, k) => {
    if (b.isEcho) return;
    const exp = segments[k];
    const isExplain = exp !== null && isExplainBlock(b.sql, exp);
    const counts = isExplain ? explain : other;
    const same =
      exp !== null &&
      (isExplain
        ? planShape(exp).join('\n') === planShape(b.output).join('\n')
        : exp.join('\n') === b.output.join('\n'));
    if (same) {
      counts.passed++;
      return;
    }
    counts.failed++;
    if (differences.length < maxShown) {
      differences.push({
        file,
        line: b.line,
        sql: b.sql,
        explain: isExplain,
        expected: exp ?? ['(statement not found in the result file)'],
        got: b.output,
      });
    }
  });
  return { explain, other, differences };
}

/** Runs one t/X.test file against a fresh database and compares it with r/X.result. */
export async function runMysqltestFile(path: string, opts: MtRunOptions): Promise<MtFileResult> {
  const start = performance.now();
  const result: MtFileResult = {
    file: path,
    explain: { passed: 0, failed: 0 },
    other: { passed: 0, failed: 0 },
    skipped: 0,
    differences: [],
    ms: 0,
  };
  let testText: string;
  let resultText: string;
  try {
    testText = await readFile(path, 'utf8');
    resultText = await readFile(opts.resultPath ?? resultPathFor(path), 'utf8');
  } catch (e) {
    result.error = `cannot read: ${(e as Error).message}`;
    result.ms = performance.now() - start;
    return result;
  }
  let db: MtDb;
  try {
    db = await opts.open();
  } catch (e) {
    result.error = `cannot open database: ${errorOf(e)}`;
    result.ms = performance.now() - start;
    return result;
  }
  try {
    const dbName = databaseNameFor(path);
    await db.query(`create database if not exists \`${dbName}\``, [], { rowMode: 'text' });
    await db.query(`use \`${dbName}\``, [], { rowMode: 'text' });
    const { blocks, skipped } = await executeMysqltest(parseMysqltest(testText), db);
    const expected = resultText.split('\n');
    if (expected[expected.length - 1] === '') expected.pop();
    Object.assign(result, compareBlocks(path, blocks, expected, opts.maxDifferencesShown ?? 10));
    result.skipped = skipped;
  } catch (e) {
    result.error = `run aborted: ${errorOf(e)}`;
  } finally {
    await db.close().catch(() => {});
  }
  result.ms = performance.now() - start;
  return result;
}

/** A difference as printed in reports. */
export function formatDifference(d: MtDifference, maxLines = 15): string {
  const clip = (lines: readonly string[]) =>
    lines.length > maxLines ? [...lines.slice(0, maxLines), `... (${lines.length - maxLines} more lines)`] : lines;
  const indent = (lines: readonly string[]) => clip(lines).map((l) => `    ${l}`);
  return [
    `  ${d.file}:${d.line}${d.explain ? ' [explain]' : ''}`,
    ...indent(d.sql.split('\n')),
    '  expected:',
    ...indent(d.expected),
    '  got:',
    ...indent(d.got),
  ].join('\n');
}
