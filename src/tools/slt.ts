// sqllogictest runner: parses .test files (statement/query records, skipif/onlyif conditions, hash-threshold,
// halt) and checks each record against a database, comparing results the way the reference harness does.
import { readFile } from 'node:fs/promises';
import { formatSltRows, hashLine, hashSltValues, type SortMode, sortSltValues } from './result-format.js';

/** The engine name this runner answers to in skipif/onlyif conditions. */
export const SLT_ENGINE = 'mysql';

export interface DbLike {
  query(sql: string, params: readonly unknown[], opts: { rowMode: 'text' }): Promise<{ rows: unknown[][] }>;
  close(): Promise<void>;
}

export interface SltCondition {
  kind: 'skipif' | 'onlyif';
  engine: string;
}

interface RecordBase {
  line: number;
  conditions: SltCondition[];
}

export type SltRecord =
  | (RecordBase & {
      kind: 'statement';
      expectError: boolean;
      sql: string;
      /** `statement error <code> [text]`: the MySQL error code and a substring its message must contain. */
      errorCode?: number;
      errorText?: string;
    })
  | (RecordBase & {
      kind: 'query';
      types: string;
      sort: SortMode;
      label?: string;
      sql: string;
      /** Expected values one per line, or a hash when `hash` is set. */
      expected: string[];
      hash?: { count: number; md5: string };
    })
  | (RecordBase & { kind: 'hash-threshold'; threshold: number })
  | (RecordBase & { kind: 'halt' });

const HASH_RE = /^(\d+) values hashing to ([0-9a-f]{32})$/;

/** Parses the text of a sqllogictest file into records; unknown commands are ignored. */
export function parseSlt(text: string): SltRecord[] {
  const lines = text.split(/\r?\n/);
  const records: SltRecord[] = [];
  let i = 0;
  while (i < lines.length) {
    // Skip blank lines and comments between records.
    while (i < lines.length && (lines[i].trim() === '' || lines[i].startsWith('#'))) i++;
    if (i >= lines.length) break;
    const conditions: SltCondition[] = [];
    let words = splitWords(lines[i]);
    while ((words[0] === 'skipif' || words[0] === 'onlyif') && words.length >= 2) {
      conditions.push({ kind: words[0], engine: words[1] });
      i++;
      while (i < lines.length && lines[i].startsWith('#')) i++;
      words = i < lines.length ? splitWords(lines[i]) : [];
    }
    const line = i + 1;
    const cmd = words[0];
    i++;
    if (cmd === 'statement') {
      const { body, next } = readUntil(lines, i, (l) => l.trim() === '');
      const expectError = words[1] === 'error';
      const code = expectError && /^\d+$/.test(words[2] ?? '') ? Number(words[2]) : undefined;
      const text = code !== undefined ? lines[line - 1].trim().split(/\s+/).slice(3).join(' ') : '';
      records.push({
        kind: 'statement',
        line,
        conditions,
        expectError,
        sql: body.join('\n'),
        errorCode: code,
        errorText: text || undefined,
      });
      i = next;
    } else if (cmd === 'query') {
      const sqlPart = readUntil(lines, i, (l) => l.trim() === '' || l.trim() === '----');
      i = sqlPart.next;
      let expected: string[] = [];
      if (i < lines.length && lines[i].trim() === '----') {
        const res = readUntil(lines, i + 1, (l) => l.trim() === '');
        expected = res.body;
        i = res.next;
      }
      const m = expected.length === 1 ? HASH_RE.exec(expected[0].trim()) : null;
      records.push({
        kind: 'query',
        line,
        conditions,
        types: words[1] ?? '',
        sort: toSortMode(words[2]),
        label: words[3],
        sql: sqlPart.body.join('\n'),
        expected,
        hash: m ? { count: Number(m[1]), md5: m[2] } : undefined,
      });
    } else if (cmd === 'hash-threshold') {
      records.push({ kind: 'hash-threshold', line, conditions, threshold: Number(words[1]) || 0 });
    } else if (cmd === 'halt') {
      records.push({ kind: 'halt', line, conditions });
    } else {
      // Unknown command (e.g. loop): skip its body.
      i = readUntil(lines, i, (l) => l.trim() === '').next;
    }
  }
  return records;
}

function splitWords(line: string): string[] {
  const hash = line.indexOf('#');
  return (hash >= 0 ? line.slice(0, hash) : line).trim().split(/\s+/).filter(Boolean);
}

function toSortMode(s: string | undefined): SortMode {
  return s === 'rowsort' || s === 'valuesort' ? s : 'nosort';
}

function readUntil(lines: string[], start: number, stop: (l: string) => boolean): { body: string[]; next: number } {
  let i = start;
  const body: string[] = [];
  while (i < lines.length && !stop(lines[i])) body.push(lines[i++]);
  return { body, next: i };
}

/** Whether a record applies to `engine`: no matching skipif, and every onlyif names it. */
export function appliesTo(conditions: readonly SltCondition[], engine = SLT_ENGINE): boolean {
  for (const c of conditions) {
    if (c.kind === 'skipif' && c.engine === engine) return false;
    if (c.kind === 'onlyif' && c.engine !== engine) return false;
  }
  return true;
}

export interface SltFailure {
  file: string;
  line: number;
  sql: string;
  expected: string;
  got: string;
}

export interface SltFileResult {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  /** The first failures (up to maxFailuresShown). */
  failures: SltFailure[];
  /** Set when the file could not be run at all (unreadable, database failed to open). */
  error?: string;
  /** Whether a halt ended the file early. */
  halted: boolean;
  ms: number;
}

export interface SltRunOptions {
  open: () => Promise<DbLike>;
  maxFailuresShown?: number;
  /** Honour halt records (default true). */
  stopOnHalt?: boolean;
  /** A record whose query has not settled after this long fails (default 60 s); catches awaits that never end. */
  recordTimeoutMs?: number;
}

class TimeoutError extends Error {}

/** `p`, or a TimeoutError after `ms` milliseconds. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The outcome of checking one query record. */
export interface RecordCheck {
  ok: boolean;
  expected: string;
  got: string;
}

/** Trailing semicolons are accepted by MySQL clients; the embedded API gets the bare statement. */
function bareSql(sql: string): string {
  return sql.replace(/[\s;]+$/, '');
}

function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) {
    const code = (e as { code?: unknown }).code;
    return `error${typeof code === 'number' ? ` ${code}` : ''}: ${(e as Error).message}`;
  }
  return `error: ${String(e)}`;
}

/** Whether an error has the code (and message text) a `statement error <code> [text]` record names. */
function errorMatches(rec: Extract<SltRecord, { kind: 'statement' }>, e: unknown): boolean {
  if (rec.errorCode === undefined) return true;
  const err = e as { code?: unknown; message?: unknown };
  if (err.code !== rec.errorCode) return false;
  return rec.errorText === undefined || String(err.message).includes(rec.errorText);
}

/**
 * Checks the rows of a query record against its expectation. `labels` maps a label to the hash of the first
 * result seen for it; a later result under the same label must hash the same.
 */
export function checkQueryResult(
  rec: Extract<SltRecord, { kind: 'query' }>,
  rows: readonly (readonly unknown[])[],
  threshold: number,
  labels: Map<string, string>,
): RecordCheck {
  const formatted = formatSltRows(rec.types, rows);
  const values = sortSltValues(formatted, rec.sort);
  const width = rows.length > 0 ? rows[0].length : rec.types.length;
  const gotText = () => (threshold > 0 && values.length > threshold ? hashLine(values) : values.join('\n'));
  if (width !== rec.types.length) {
    return { ok: false, expected: `${rec.types.length} columns`, got: `${width} columns\n${gotText()}` };
  }
  const hash = hashSltValues(values);
  // The first result under a label fixes its hash, whether or not it matched its own expectation.
  const prior = rec.label === undefined ? undefined : labels.get(rec.label);
  if (rec.label !== undefined && prior === undefined) labels.set(rec.label, hash);
  let expectedText: string;
  if (rec.hash) {
    expectedText = `${rec.hash.count} values hashing to ${rec.hash.md5}`;
    if (values.length !== rec.hash.count || hash !== rec.hash.md5) {
      return { ok: false, expected: expectedText, got: hashLine(values) };
    }
  } else {
    expectedText = rec.expected.join('\n');
    // Result lines are read trimmed, so values compare without their surrounding spaces (EXPLAIN's tree indent).
    const same = values.length === rec.expected.length && values.every((v, i) => v.trim() === rec.expected[i].trim());
    if (!same) return { ok: false, expected: expectedText, got: gotText() };
  }
  if (prior !== undefined && prior !== hash) {
    return { ok: false, expected: `same result as earlier ${rec.label} (hash ${prior})`, got: `hash ${hash}` };
  }
  return { ok: true, expected: expectedText, got: expectedText };
}

/** Runs one sqllogictest file in a fresh database from `opts.open()`. */
export async function runSltFile(path: string, opts: SltRunOptions): Promise<SltFileResult> {
  const start = performance.now();
  const result: SltFileResult = { file: path, passed: 0, failed: 0, skipped: 0, failures: [], halted: false, ms: 0 };
  const maxShown = opts.maxFailuresShown ?? 10;
  const stopOnHalt = opts.stopOnHalt ?? true;
  const timeoutMs = opts.recordTimeoutMs ?? 60_000;
  let records: SltRecord[];
  try {
    records = parseSlt(await readFile(path, 'utf8'));
  } catch (e) {
    result.error = `cannot read: ${(e as Error).message}`;
    result.ms = performance.now() - start;
    return result;
  }
  let db: DbLike;
  try {
    db = await opts.open();
  } catch (e) {
    result.error = `cannot open database: ${errorText(e)}`;
    result.ms = performance.now() - start;
    return result;
  }
  const fail = (rec: { line: number; sql: string }, expected: string, got: string) => {
    result.failed++;
    if (result.failures.length < maxShown)
      result.failures.push({ file: path, line: rec.line, sql: rec.sql, expected, got });
  };
  const run = (sql: string) => withTimeout(db.query(bareSql(sql), [], { rowMode: 'text' }), timeoutMs);
  let threshold = 0;
  const labels = new Map<string, string>();
  try {
    for (const rec of records) {
      const applies = appliesTo(rec.conditions);
      if (rec.kind === 'halt') {
        if (applies && stopOnHalt) {
          result.halted = true;
          break;
        }
        continue;
      }
      if (rec.kind === 'hash-threshold') {
        if (applies) threshold = rec.threshold;
        continue;
      }
      if (!applies) {
        result.skipped++;
        continue;
      }
      if (rec.kind === 'statement') {
        let error: unknown;
        try {
          await run(rec.sql);
        } catch (e) {
          error = e ?? new Error('unknown error');
        }
        if (error instanceof TimeoutError) fail(rec, rec.expectError ? 'an error' : 'ok', errorText(error));
        else if (rec.expectError && error !== undefined && !errorMatches(rec, error))
          fail(rec, `error ${rec.errorCode}${rec.errorText ? `: ...${rec.errorText}...` : ''}`, errorText(error));
        else if (rec.expectError === (error !== undefined)) result.passed++;
        else if (rec.expectError) fail(rec, 'an error', 'ok');
        else fail(rec, 'ok', errorText(error));
        continue;
      }
      let rows: unknown[][];
      try {
        rows = (await run(rec.sql)).rows;
      } catch (e) {
        fail(
          rec,
          rec.hash ? `${rec.hash.count} values hashing to ${rec.hash.md5}` : rec.expected.join('\n'),
          errorText(e),
        );
        continue;
      }
      const check = checkQueryResult(rec, rows, threshold, labels);
      if (check.ok) result.passed++;
      else fail(rec, check.expected, check.got);
    }
  } finally {
    await db.close().catch(() => {});
  }
  result.ms = performance.now() - start;
  return result;
}

/** A failure as printed in reports: location, SQL, expected and actual output. */
export function formatFailure(f: SltFailure, maxLines = 12): string {
  const clip = (s: string) => {
    const lines = s.split('\n');
    return lines.length > maxLines
      ? [...lines.slice(0, maxLines), `... (${lines.length - maxLines} more lines)`]
      : lines;
  };
  const indent = (s: string) =>
    clip(s)
      .map((l) => `    ${l}`)
      .join('\n');
  return `  ${f.file}:${f.line}\n${indent(f.sql)}\n  expected:\n${indent(f.expected)}\n  got:\n${indent(f.got)}`;
}
