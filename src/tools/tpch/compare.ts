// Result comparison across engines: values normalised to comparable forms, numbers within a relative tolerance
// (MySQL DECIMAL division keeps 4 more digits; SQLite computes in doubles).

export type Cell = string | number | null;

function normalise(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'toString' in v) v = String(v);
  const s = String(v);
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s.trim())) return Number(s);
  return s.replace(/ +$/, '');
}

export function normaliseRows(rows: readonly (readonly unknown[])[]): Cell[][] {
  return rows.map((r) => r.map(normalise));
}

function cellEqual(a: Cell, b: Cell): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    const diff = Math.abs(a - b);
    return diff <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b)) || diff < 0.0051;
  }
  return a === b;
}

/** Null when equal; otherwise a short description of the first difference. */
export function diffResults(expected: Cell[][], actual: Cell[][]): string | null {
  if (expected.length !== actual.length) return `row count ${actual.length}, expected ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e.length !== a.length) return `row ${i}: ${a.length} columns, expected ${e.length}`;
    for (let j = 0; j < e.length; j++) {
      if (!cellEqual(e[j], a[j]))
        return `row ${i} column ${j}: ${JSON.stringify(a[j])}, expected ${JSON.stringify(e[j])}`;
    }
  }
  return null;
}
