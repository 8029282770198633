// Shared by the prepared-statement cache tests: run a prepared statement, and the same statement with its
// parameters written into the text (planned afresh, the reference answer).
import type { TiLiteSession } from '../../../src/index.js';

export async function runPrepared(s: TiLiteSession, id: number, params: unknown[]): Promise<unknown[][]> {
  return (await s.execute(id, params, { rowMode: 'array' })).rows as unknown[][];
}

/** The statement with its parameters written into the text: planned afresh every time. */
export async function runPlanned(s: TiLiteSession, sql: string, params: unknown[]): Promise<unknown[][]> {
  let i = 0;
  const text = sql.replace(/\?/g, () => {
    const v = params[i++];
    return v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : String(v);
  });
  return (await s.query(text, [], { rowMode: 'array' })).rows as unknown[][];
}
