// Protocol benchmarks: sysbench (the real client, over TCP) oltp_point_select and oltp_read_write QPS at 1 and
// 4 threads against TiLite's server and, when a MariaDB server binary is installed, against MariaDB in the same
// run, printed with the TiLite/MariaDB ratio (goal: point select ≥ 1.0×).
// Run alone: `npx tsx bench/protocol.ts [--time S] [--table-size N]`; from bench/main.ts: `benchProtocol(opts)`.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../src/server/index.js';
import type { Results } from './harness.js';

export interface ProtocolBenchOptions {
  /** Seconds per sysbench run. */
  seconds?: number;
  tableSize?: number;
  threads?: number[];
  /** When given, each QPS is also recorded as 'us/op' (1e6 / QPS) under group 'protocol'. */
  results?: Results;
}

interface Target {
  name: string;
  port: number;
  stop(): Promise<void>;
}

const WORKLOADS = ['oltp_point_select', 'oltp_read_write'] as const;

function run(cmd: string, args: string[], timeoutMs = 600_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stdout}${stderr}`));
      else resolve(stdout + stderr);
    });
  });
}

function which(name: string): Promise<string | null> {
  return run('sh', ['-c', `command -v ${name}`]).then(
    (out) => out.trim() || null,
    () => null,
  );
}

async function tiliteTarget(): Promise<Target> {
  const server = await startServer({ port: 0, memory: true });
  return { name: 'tilite', port: server.port, stop: () => server.close() };
}

function waitForPort(port: number, child: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`server exited with ${child.exitCode}`));
      const sock = createConnection({ host: '127.0.0.1', port }, () => {
        sock.destroy();
        resolve();
      });
      sock.on('error', () => {
        if (Date.now() > deadline) reject(new Error(`no server on port ${port} after ${ms} ms`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

/** A throwaway MariaDB (datadir in a temp dir, grant tables skipped), or null with the reason printed. */
async function mariadbTarget(port: number): Promise<Target | null> {
  const server = (await which('mariadbd')) ?? (await which('mysqld'));
  const installDb = (await which('mariadb-install-db')) ?? (await which('mysql_install_db'));
  if (!server || !installDb) {
    console.log('  MariaDB server not installed: comparison skipped (install: apt-get install -y mariadb-server)');
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tilite-bench-mariadb-'));
  // mariadbd refuses to run as root unless told which user to run as.
  const asUser = process.getuid?.() === 0 ? ['--user=root'] : [];
  await run(installDb, [
    '--no-defaults',
    ...asUser,
    `--datadir=${dir}/data`,
    '--auth-root-authentication-method=normal',
  ]);
  const child = spawn(
    server,
    [
      '--no-defaults',
      ...asUser,
      `--datadir=${dir}/data`,
      `--socket=${dir}/mysqld.sock`,
      `--pid-file=${dir}/mysqld.pid`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--skip-grant-tables',
      '--skip-log-bin',
      '--innodb-buffer-pool-size=256M',
    ],
    { stdio: 'ignore' },
  );
  await waitForPort(port, child, 30_000);
  await run('mariadb', [
    '-h',
    '127.0.0.1',
    '-P',
    String(port),
    '-u',
    'root',
    '-e',
    'create database if not exists test',
  ]);
  return {
    name: 'mariadb',
    port,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Queries per second of one sysbench run (prepare, run, cleanup). */
async function sysbenchQps(t: Target, workload: string, threads: number, o: Required<ProtocolBenchOptions>) {
  const common = [
    workload,
    '--db-driver=mysql',
    '--mysql-host=127.0.0.1',
    `--mysql-port=${t.port}`,
    '--mysql-user=root',
    '--mysql-db=test',
    '--tables=1',
    `--table-size=${o.tableSize}`,
  ];
  await run('sysbench', [...common, 'prepare']);
  try {
    const out = await run('sysbench', [...common, `--threads=${threads}`, `--time=${o.seconds}`, 'run']);
    const m = /queries:\s+\d+\s+\(([\d.]+) per sec\.\)/.exec(out);
    if (!m) throw new Error(`no QPS in sysbench output:\n${out}`);
    return Number(m[1]);
  } finally {
    await run('sysbench', [...common, 'cleanup']);
  }
}

export async function benchProtocol(options: ProtocolBenchOptions = {}): Promise<void> {
  const o: Required<ProtocolBenchOptions> = {
    seconds: options.seconds ?? 10,
    tableSize: options.tableSize ?? 10_000,
    threads: options.threads ?? [1, 4],
    results: options.results as Results,
  };
  console.log('protocol (sysbench over TCP, QPS; higher is better)');
  if (!(await which('sysbench'))) {
    console.log('  sysbench not installed: skipped (install: apt-get install -y sysbench)');
    return;
  }
  const targets: Target[] = [await tiliteTarget()];
  const maria = await mariadbTarget(targets[0]!.port + 1).catch((e: Error) => {
    console.log(`  MariaDB could not start: ${e.message.split('\n')[0]}`);
    return null;
  });
  if (maria) targets.push(maria);
  try {
    for (const workload of WORKLOADS) {
      for (const threads of o.threads) {
        const qps: Record<string, number> = {};
        for (const t of targets) {
          try {
            qps[t.name] = await sysbenchQps(t, workload, threads, o);
            options.results?.add({
              group: 'protocol',
              name: `${workload} ${threads} thread${threads > 1 ? 's' : ''}`,
              // The table's engine labels, so the TiLite/MariaDB ratio column is filled.
              engine: t.name === 'tilite' ? 'TiLite' : 'MariaDB',
              median: 1e6 / qps[t.name]!,
              unit: 'us/op',
              samples: [1e6 / qps[t.name]!],
            });
          } catch (e) {
            console.log(`  ${workload} threads=${threads} ${t.name}: failed: ${(e as Error).message.split('\n')[0]}`);
          }
        }
        const ratio =
          qps.tilite !== undefined && qps.mariadb !== undefined
            ? `  ratio ${(qps.tilite / qps.mariadb).toFixed(2)}×`
            : '';
        const cells = targets.map((t) => `${t.name} ${qps[t.name]?.toFixed(0) ?? 'n/a'} qps`).join('  ');
        console.log(`  ${workload.padEnd(18)} threads=${threads}  ${cells}${ratio}`);
      }
    }
  } finally {
    for (const t of targets) await t.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  await benchProtocol({ seconds: arg('--time'), tableSize: arg('--table-size') });
}
