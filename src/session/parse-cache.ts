// Statements sent as `query(sql, params)` with `?` markers are usually the same text again and again (ORMs,
// query builders): they are parsed once per session and text, so their ASTs are reused exactly as a
// prepared statement's are, and the point-read plan cache (point-get-cache.ts) applies to them too.
import { type ParsedStatement, parse } from '../parser/index.js';

const MAX_ENTRIES = 256;

export class ParseCache {
  /** In least-recently-used order (a Map iterates in insertion order). */
  private readonly entries = new Map<string, ParsedStatement[]>();

  /** `parse(sql)`, from the cache for single statements with parameter markers. */
  parse(sql: string): ParsedStatement[] {
    const hit = this.entries.get(sql);
    if (hit) {
      this.entries.delete(sql);
      this.entries.set(sql, hit);
      return hit;
    }
    const stmts = parse(sql);
    if (stmts.length === 1 && stmts[0]!.paramCount > 0) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(sql, stmts);
    }
    return stmts;
  }
}
