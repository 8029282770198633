// Interactive SQL shell and `-e` batch mode over the embedded API.
import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FieldInfo, QueryResult } from '../api-types.js';
import type { EngineDb } from '../tools/engine.js';
import { splitStatements } from '../tools/mysqltest-parse.js';
import { formatBatch, formatTable, statusLine } from './table-printer.js';

/** `ERROR 1146 (42S02): Table 'test.t' doesn't exist`, as the mysql client prints errors. */
export function errorMessage(e: unknown): string {
  if (e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'number') {
    const err = e as { code: number; sqlState?: string; message: string };
    return `ERROR ${err.code} (${err.sqlState ?? 'HY000'}): ${err.message}`;
  }
  return `ERROR: ${e instanceof Error ? e.message : String(e)}`;
}

type TextResult = QueryResult<(string | null)[]>;

function hasResultSet(r: TextResult): boolean {
  return r.fields.length > 0;
}

/** What the interactive shell prints for one statement's result. */
export function renderInteractive(r: TextResult, seconds: number): string {
  const warnings = r.warnings.length;
  if (hasResultSet(r)) {
    const status = statusLine('rows', r.rows.length, seconds, warnings);
    return r.rows.length === 0 ? status : `${formatTable(r.fields, r.rows)}\n${status}`;
  }
  const status = statusLine('ok', r.affectedRows, seconds, warnings);
  return r.info ? `${status}\n${r.info}` : status;
}

/**
 * Buffers input lines into complete statements: a statement is complete when it ends with ';' outside quotes and
 * comments. Returns the complete statements and keeps the rest.
 */
export class StatementBuffer {
  private text = '';

  push(line: string): string[] {
    this.text = this.text === '' ? line : `${this.text}\n${line}`;
    const parts = splitStatements(this.text);
    if (parts.length === 0) {
      this.text = '';
      return [];
    }
    const last = parts[parts.length - 1];
    const done = last.endsWith(';') ? parts : parts.slice(0, -1);
    this.text = last.endsWith(';') ? '' : last;
    return done;
  }

  get pending(): boolean {
    return this.text.trim() !== '';
  }
}

function bare(stmt: string): string {
  return stmt.replace(/[\s;]+$/, '');
}

/** Runs `sql` (one or more statements) printing tab-separated results; returns the exit code. */
export async function runBatch(db: EngineDb, sql: string, out: (s: string) => void, err: (s: string) => void) {
  for (const stmt of splitStatements(sql)) {
    if (bare(stmt) === '') continue;
    try {
      const r = (await db.query(bare(stmt), [], { rowMode: 'text' })) as TextResult;
      if (hasResultSet(r)) out(formatBatch(r.fields as FieldInfo[], r.rows));
    } catch (e) {
      err(errorMessage(e));
      return 1;
    }
  }
  return 0;
}

const QUIT = /^\s*(\\q|exit|quit)\s*;?\s*$/i;

const HISTORY_SIZE = 1000;
/** Lines typed in earlier shells, like mysql's ~/.mysql_history. */
const HISTORY_FILE = join(homedir(), '.tilite_history');

function loadHistory(): string[] {
  try {
    return readFileSync(HISTORY_FILE, 'utf8').split('\n').filter(Boolean).slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

function saveHistoryLine(line: string): void {
  try {
    appendFileSync(HISTORY_FILE, `${line.replace(/\n/g, ' ')}\n`);
  } catch {
    // History is a convenience: an unwritable home directory must not stop the shell.
  }
}

/** The interactive loop: `tilite> ` prompt, `    -> ` for continuation lines, \q / exit / quit to leave. */
export async function runInteractive(db: EngineDb, banner: string): Promise<number> {
  const history = loadHistory();
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY,
    history,
    historySize: HISTORY_SIZE,
  });
  const buffer = new StatementBuffer();
  console.log(banner);
  const prompt = () => rl.setPrompt(buffer.pending ? '    -> ' : 'tilite> ');
  prompt();
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() !== '') saveHistoryLine(line);
    if (!buffer.pending && QUIT.test(line)) break;
    for (const stmt of buffer.push(line)) {
      if (bare(stmt) === '') continue;
      const start = performance.now();
      try {
        const r = (await db.query(bare(stmt), [], { rowMode: 'text' })) as TextResult;
        console.log(renderInteractive(r, (performance.now() - start) / 1000));
      } catch (e) {
        console.log(errorMessage(e));
      }
      console.log();
    }
    prompt();
    rl.prompt();
  }
  rl.close();
  console.log('Bye');
  return 0;
}
