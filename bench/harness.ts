// Timing, the results record and the printed table.

export type Unit = 'ms' | 'us/op' | 'ms/txn' | 'MiB';

export interface Measurement {
  group: string;
  /** What was measured, e.g. 'point select by primary key'. */
  name: string;
  engine: string;
  /** Median over samples, in the unit below. */
  median: number;
  unit: Unit;
  samples: number[];
  /** Set when the engine could not run the benchmark (the value is then NaN). */
  error?: string;
}

export class Results {
  readonly items: Measurement[] = [];
  readonly notes: string[] = [];

  add(m: Measurement): void {
    this.items.push(m);
    const shown = m.error ? `not run: ${m.error}` : `${fmt(m.median)} ${m.unit}`;
    console.log(`  ${m.group} | ${m.name} | ${m.engine}: ${shown}`);
  }

  fail(group: string, name: string, engine: string, unit: Unit, err: unknown): void {
    const msg = err instanceof Error ? err.message : String(err);
    this.add({ group, name, engine, median: Number.NaN, unit, samples: [], error: msg.split('\n')[0].slice(0, 200) });
  }

  note(text: string): void {
    this.notes.push(text);
    console.log(`  note: ${text}`);
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return '-';
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toFixed(3);
}

/** Runs `body` `samples` times (after `setup` each time, untimed) and returns each run's milliseconds. */
export async function timeRuns(
  samples: number,
  body: () => Promise<void> | void,
  setup?: () => Promise<void> | void,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (setup) await setup();
    const t0 = performance.now();
    await body();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Prints medians per benchmark with TiLite's ratio to each peer (TiLite / peer: below 1 means TiLite is faster). */
export function printTable(results: Results): void {
  const keys = [...new Set(results.items.map((m) => `${m.group}\u0000${m.name}`))];
  const engines = [...new Set(results.items.map((m) => m.engine))];
  const peers = engines.filter((e) => e !== 'TiLite');
  const header = ['group', 'benchmark', 'unit', ...engines, ...peers.map((p) => `TiLite/${p}`)];
  const rows: string[][] = [header];
  for (const key of keys) {
    const [group, name] = key.split('\u0000');
    const of = (e: string) => results.items.find((m) => m.group === group && m.name === name && m.engine === e);
    const t = of('TiLite');
    const unit = results.items.find((m) => m.group === group && m.name === name)?.unit ?? '';
    rows.push([
      group,
      name,
      unit,
      ...engines.map((e) => {
        const m = of(e);
        return m ? (m.error ? 'n/a' : fmt(m.median)) : '';
      }),
      ...peers.map((p) => {
        const m = of(p);
        return t && m && !t.error && !m.error && m.median > 0 ? `${fmt(t.median / m.median)}x` : '';
      }),
    ]);
  }
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('');
  for (const [i, r] of rows.entries()) {
    console.log(r.map((c, j) => (j < 3 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  for (const n of results.notes) console.log(`note: ${n}`);
}
