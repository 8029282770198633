// `npm run bench [-- <group>...] [--sf N] [--rows N] [--samples N] [--engines a,b] [--timeout ms] [--out file]`:
// runs the benchmark groups against TiLite and its in-process peers, prints medians and ratios, writes
// bench/results.json. Several groups run one child process each, so that no group measures in a heap or
// a JIT state another group left behind (a full run then gives the figures a one-group run gives).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchOptions } from './common.js';
import type { EngineName } from './engines.js';
import { benchMemory } from './groups/memory.js';
import { benchOpen } from './groups/open.js';
import { benchPartition } from './groups/partition.js';
import { benchPoint } from './groups/point.js';
import { benchSpeedtest } from './groups/speedtest.js';
import { benchSysbench } from './groups/sysbench.js';
import { benchTpch } from './groups/tpch.js';
import { benchIndexJoin } from './index-join.js';
import { benchProtocol } from './protocol.js';
import { printTable, Results } from './harness.js';

const GROUPS: Record<string, (o: BenchOptions) => Promise<void>> = {
  open: benchOpen,
  point: benchPoint,
  speedtest: benchSpeedtest,
  sysbench: benchSysbench,
  tpch: benchTpch,
  memory: benchMemory,
  'index-join': benchIndexJoin,
  partition: benchPartition,
  protocol: (o) => benchProtocol({ results: o.results }),
};

function parseArgs(argv: string[]) {
  const groups: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=');
      flags[k] = v ?? argv[++i];
    } else groups.push(a);
  }
  return { groups, flags };
}

/** Runs one group in a fresh node process (same flags) and takes over its measurements and notes. */
function runGroupInChild(group: string, argv: readonly string[], results: Results): void {
  const dir = mkdtempSync(join(tmpdir(), 'tilite-bench-'));
  const file = join(dir, 'group.json');
  const passed: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    if (a === '--out') i++;
    else if (!a.startsWith('--out=')) passed.push(a, ...(a.includes('=') ? [] : [argv[++i]!]));
  }
  try {
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), group, ...passed, '--child-out', file],
      {
        stdio: 'inherit',
      },
    );
    if (r.status !== 0 || !existsSync(file)) {
      results.note(`group ${group} failed (exit ${r.status ?? r.signal})`);
      return;
    }
    const got = JSON.parse(readFileSync(file, 'utf8')) as { items: Results['items']; notes: string[] };
    results.items.push(...got.items);
    results.notes.push(...got.notes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** MariaDB is measured over the protocol only when installed; say how to get it otherwise. */
function mariadbNote(results: Results): void {
  let found = false;
  for (const bin of ['mariadbd', 'mysqld']) {
    try {
      execFileSync('which', [bin], { stdio: 'ignore' });
      found = true;
    } catch {}
  }
  results.note(
    found
      ? 'MariaDB is installed: the protocol group compares it over TCP (sysbench)'
      : 'MariaDB not installed: skipped (to include it: apt-get install mariadb-server)',
  );
}

const argv = process.argv.slice(2);
const { groups, flags } = parseArgs(argv);
const unknown = groups.filter((g) => !GROUPS[g]);
if (unknown.length) {
  console.error(`unknown group(s) ${unknown.join(', ')}; groups: ${Object.keys(GROUPS).join(', ')}`);
  process.exit(2);
}
const results = new Results();
const opts: BenchOptions = {
  results,
  engines: (flags.engines ?? 'tilite,sqlite,pglite,duckdb').split(',') as EngineName[],
  sf: Number(flags.sf ?? 0.01),
  memoryRows: Number(flags.rows ?? 100_000),
  samples: Number(flags.samples ?? 3),
  timeoutMs: Number(flags.timeout ?? 60_000),
};
const run = groups.length ? groups : Object.keys(GROUPS);
if (flags['child-out']) {
  await GROUPS[run[0]!]!(opts);
  writeFileSync(flags['child-out'], JSON.stringify({ items: results.items, notes: results.notes }));
  process.exit(0);
}
const started = new Date();
mariadbNote(results);
for (const g of run) {
  console.log(`== ${g}`);
  if (run.length === 1) await GROUPS[g]!(opts);
  else runGroupInChild(g, argv, results);
}
printTable(results);

// The project root is the nearest folder with package.json above this file (bench/ or dist/bench/).
let root = dirname(fileURLToPath(import.meta.url));
while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
const out = flags.out ?? join(root, 'bench', 'results.json');
writeFileSync(
  out,
  `${JSON.stringify(
    {
      started: started.toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        arch: arch(),
        memGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      options: { groups: run, engines: opts.engines, sf: opts.sf, memoryRows: opts.memoryRows, samples: opts.samples },
      notes: results.notes,
      results: results.items,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nwrote ${out}`);
