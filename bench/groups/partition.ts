// Partitioned tables: prepared point and IN-list selects on a 1024-partition HASH table against the
// same table unpartitioned (the goal is at most 1.1x), and the time to create the partitioned table.
import { Rng } from '../../src/tools/tpch/random.js';
import type { BenchOptions } from '../common.js';
import { openEngine } from '../engines.js';
import { median, timeRuns } from '../harness.js';

const ROWS = 20_000;
const PARTITIONS = 1024;
const LOOKUPS = 3000;
const IN_LIST = 10;

const COLUMNS = 'id INT PRIMARY KEY, k INT NOT NULL, c VARCHAR(120) NOT NULL, KEY k_1 (k)';
const TABLES = [
  {
    name: 'tp',
    label: `${PARTITIONS}-partition HASH`,
    ddl: `CREATE TABLE tp (${COLUMNS}) PARTITION BY HASH(id) PARTITIONS ${PARTITIONS}`,
  },
  { name: 'tu', label: 'unpartitioned', ddl: `CREATE TABLE tu (${COLUMNS})` },
];

const QUERIES = [
  { name: 'point select by primary key', sql: 'SELECT c FROM t WHERE id = ?', params: 1 },
  {
    name: `IN-list select (${IN_LIST} keys)`,
    sql: `SELECT id, c FROM t WHERE id IN (${Array(IN_LIST).fill('?').join(', ')})`,
    params: IN_LIST,
  },
];

export async function benchPartition(opts: BenchOptions): Promise<void> {
  const G = 'partition';
  const perQuery = new Map<string, number[]>();
  try {
    const create: number[] = [];
    for (let i = 0; i < opts.samples; i++) {
      const e = await openEngine('tilite');
      await e.exec('CREATE DATABASE b; USE b');
      const t0 = performance.now();
      await e.exec(TABLES[0]!.ddl);
      create.push(performance.now() - t0);
      await e.close();
    }
    opts.results.add({
      group: G,
      name: `CREATE TABLE with ${PARTITIONS} HASH partitions`,
      engine: 'TiLite',
      median: median(create),
      unit: 'ms',
      samples: create,
    });
    // Both tables live in one database and their samples alternate, so machine noise hits both alike.
    const e = await openEngine('tilite');
    await e.exec('CREATE DATABASE b; USE b');
    for (const table of TABLES) {
      await e.exec(table.ddl);
      await load(e.exec.bind(e), table.name);
      await e.exec(`ANALYZE TABLE ${table.name}`);
    }
    const samples = Math.max(opts.samples, 5);
    for (const q of QUERIES) {
      const stmts = await Promise.all(TABLES.map((t) => e.prepare(q.sql.replace('FROM t', `FROM ${t.name}`))));
      const rng = new Rng(17);
      const args = () => Array.from({ length: q.params }, () => rng.int(1, ROWS));
      for (const stmt of stmts) {
        const check = await stmt(Array.from({ length: q.params }, (_, i) => i + 1));
        if (check.length !== q.params) throw new Error(`${q.sql} returned ${check.length} rows`);
        // Warm-up: both tables are measured with compiled code.
        for (let i = 0; i < LOOKUPS; i++) await stmt(args());
      }
      const perOp: number[][] = TABLES.map(() => []);
      for (let s = 0; s < samples; s++) {
        for (const [ti, stmt] of stmts.entries()) {
          const [ms] = await timeRuns(1, async () => {
            for (let i = 0; i < LOOKUPS; i++) await stmt(args());
          });
          perOp[ti]!.push((ms! * 1000) / LOOKUPS);
        }
      }
      for (const [ti, table] of TABLES.entries()) {
        perQuery.set(`${q.name}\u0000${table.label}`, perOp[ti]!);
        opts.results.add({
          group: G,
          name: `${q.name}, ${table.label}`,
          engine: 'TiLite',
          median: median(perOp[ti]!),
          unit: 'us/op',
          samples: perOp[ti]!,
        });
      }
    }
    await e.close();
    for (const q of QUERIES) {
      const part = perQuery.get(`${q.name}\u0000${TABLES[0]!.label}`)!;
      const flat = perQuery.get(`${q.name}\u0000${TABLES[1]!.label}`)!;
      opts.results.note(
        `partition: ${q.name}: ${PARTITIONS}-partition HASH / unpartitioned = ${(median(part) / median(flat)).toFixed(2)}x (goal <= 1.1x)`,
      );
    }
  } catch (err) {
    opts.results.fail(G, 'partition', 'TiLite', 'us/op', err);
  }
}

/** ROWS rows in 500-row INSERTs: id 1..ROWS, k pseudo-random. */
async function load(exec: (sql: string) => Promise<void>, table: string): Promise<void> {
  const rng = new Rng(5);
  for (let start = 1; start <= ROWS; start += 500) {
    const values: string[] = [];
    for (let id = start; id < Math.min(start + 500, ROWS + 1); id++) {
      values.push(`(${id}, ${rng.int(1, ROWS)}, 'row-${id}-${rng.int(0, 1e9)}')`);
    }
    await exec(`INSERT INTO ${table} VALUES ${values.join(', ')}`);
  }
}
