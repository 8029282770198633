// Extracts statements from sqllogictest and mysqltest files for the parser smoke tests.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** SQL of every `statement` / `query` record of a sqllogictest file. */
export function sltStatements(path: string): string[] {
  const out: string[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('statement ') && !lines[i].startsWith('query ')) continue;
    const sql: string[] = [];
    for (i++; i < lines.length && lines[i].trim() !== '' && lines[i] !== '----'; i++) sql.push(lines[i]);
    out.push(sql.join('\n'));
  }
  return out;
}

export interface MysqltestStatement {
  sql: string;
  /** Preceded by `--error`: it may legitimately fail to parse. */
  expectError: boolean;
  line: number;
}

/** Statements of a mysqltest file: `;`-terminated text outside `--` commands and `#` comments. */
export function mysqltestStatements(path: string): MysqltestStatement[] {
  const out: MysqltestStatement[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  let buf: string[] = [];
  let expectError = false;
  let startLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (buf.length === 0) {
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      if (/^(connect|connection|disconnect)\b/i.test(trimmed)) continue;
      if (trimmed.startsWith('--')) {
        if (/^--\s*error/.test(trimmed)) expectError = true;
        continue;
      }
      startLine = i + 1;
    }
    buf.push(line);
    if (trimmed.endsWith(';')) {
      out.push({ sql: buf.join('\n'), expectError, line: startLine });
      buf = [];
      expectError = false;
    }
  }
  return out;
}

export function listTestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listTestFiles(full));
    else if (name.endsWith('.test')) out.push(full);
  }
  return out;
}
