// Result rendering like the mysql command-line client: boxed tables (interactive) and tab-separated batch output.

/** MySQL protocol type codes the mysql client right-aligns (numeric types). */
const NUMERIC_TYPES = new Set([0, 1, 2, 3, 4, 5, 8, 9, 13, 246]);

export interface PrintableField {
  name: string;
  type?: number;
}

/** Display width of a string: code points, with East Asian wide characters counting two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f300 && cp <= 0x1faff) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/** A boxed table as `mysql` prints it; NULL cells print as NULL. */
export function formatTable(fields: readonly PrintableField[], rows: readonly (readonly (string | null)[])[]): string {
  const widths = fields.map((f, i) => Math.max(displayWidth(f.name), ...rows.map((r) => displayWidth(r[i] ?? 'NULL'))));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (cells: readonly string[], right: (i: number) => boolean) =>
    `| ${cells.map((c, i) => pad(c, widths[i], right(i))).join(' | ')} |`;
  const numeric = fields.map((f) => f.type !== undefined && NUMERIC_TYPES.has(f.type));
  const out = [
    rule,
    line(
      fields.map((f) => f.name),
      () => false,
    ),
    rule,
  ];
  for (const r of rows)
    out.push(
      line(
        fields.map((_, i) => r[i] ?? 'NULL'),
        (i) => numeric[i] && r[i] !== null,
      ),
    );
  out.push(rule);
  return out.join('\n');
}

/** Escapes a value for batch output as `mysql -B` does (backslash, tab, newline, NUL). */
export function escapeBatch(v: string): string {
  return v.replace(/[\\\t\n\0]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\0'));
}

/** Tab-separated output with a header line, like `mysql -B`. */
export function formatBatch(fields: readonly PrintableField[], rows: readonly (readonly (string | null)[])[]): string {
  const lines = [fields.map((f) => escapeBatch(f.name)).join('\t')];
  for (const r of rows) lines.push(r.map((v) => (v === null ? 'NULL' : escapeBatch(v))).join('\t'));
  return lines.join('\n');
}

/** The status line after a statement: `3 rows in set (0.01 sec)`, `Query OK, 1 row affected (0.00 sec)`. */
export function statusLine(kind: 'rows' | 'ok', count: number, seconds: number, warnings = 0): string {
  const time = `(${seconds.toFixed(2)} sec)`;
  const warn = warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : '';
  if (kind === 'rows') {
    return count === 0 ? `Empty set${warn} ${time}` : `${count} row${count === 1 ? '' : 's'} in set${warn} ${time}`;
  }
  return `Query OK, ${count} row${count === 1 ? '' : 's'} affected${warn} ${time}`;
}
