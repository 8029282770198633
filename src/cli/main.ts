// `tilite` command line: serve | shell [-e sql] | --version.
import { startServer } from '../server/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenOptions } from '../api-types.js';
import { projectRoot } from '../tools/engine.js';
import { errorMessage, runBatch, runInteractive } from './shell.js';
import { tuneHeapForStatements } from '../util/process-heap.js';

const USAGE = `usage:
  tilite serve [--host H] [--port 4000] [--dir D | --memory]   MySQL-protocol server
  tilite shell [--dir D] [-e "sql"]                             SQL shell (batch output with -e)
  tilite run FILE.sql [--dir D]                                 runs a SQL script (tab-separated results)
  tilite --version`;

interface CliOptions {
  command: string;
  host: string;
  port: number;
  dir?: string;
  execute?: string;
  /** `tilite run FILE`: the script to run. */
  file?: string;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = { command: '', host: '127.0.0.1', port: 4000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--version' || a === '-V') opts.command = 'version';
    else if (a === '--help' || a === '-h') opts.command = 'help';
    else if (a === '--host') opts.host = argv[++i];
    else if (a === '--port' || a === '-P') opts.port = Number(argv[++i]);
    else if (a === '--dir' || a === '-d') opts.dir = argv[++i];
    else if (a === '--memory') opts.dir = undefined;
    else if (a === '-e' || a === '--execute') opts.execute = argv[++i];
    else if (!a.startsWith('-') && opts.command === '') opts.command = a;
    else if (!a.startsWith('-') && opts.command === 'run' && opts.file === undefined) opts.file = a;
    else throw new Error(`unknown argument: ${a}`);
  }
  if (opts.command === '') opts.command = opts.execute !== undefined ? 'shell' : 'help';
  return opts;
}

function readScript(file: string | undefined): string {
  if (file === undefined) throw new Error('tilite run: no script file given');
  return readFileSync(file, 'utf8');
}

/** The library as `import 'tilite'` loads it (the bundle through its code cache: a faster start than the modules). */
async function loadEngine(): Promise<typeof import('../index.js').TiLite> {
  return (await import('../package-entry/index.js')).TiLite;
}

function version(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

async function shell(opts: CliOptions): Promise<number> {
  const TiLite = await loadEngine();
  const openOpts: OpenOptions = opts.dir ? { dir: opts.dir } : {};
  const script = opts.command === 'run' ? readScript(opts.file) : opts.execute;
  const db = await TiLite.open(openOpts);
  try {
    if (script !== undefined) {
      return await runBatch(
        db,
        script,
        (s) => process.stdout.write(`${s}\n`),
        (s) => process.stderr.write(`${s}\n`),
      );
    }
    const where = opts.dir ? `data directory ${opts.dir}` : 'in-memory database';
    return await runInteractive(db, `TiLite ${version()} shell (${where}). End statements with ';', \\q to quit.`);
  } finally {
    await db.close();
  }
}

/** `tilite serve`: runs until SIGINT/SIGTERM, then closes connections (rolling back open transactions) and the store. */
async function serve(opts: CliOptions): Promise<number> {
  const TiLite = await loadEngine();
  const engine = await TiLite.open(opts.dir ? { dir: opts.dir } : {});
  const server = await startServer({ host: opts.host, port: opts.port, engine }).catch(async (err: unknown) => {
    await engine.close();
    throw err;
  });
  const where = opts.dir ? `data in ${opts.dir}` : 'in memory';
  console.error(`TiLite ${version()} listening on ${opts.host}:${server.port} (${where})`);
  console.error(`Connect with: mysql -h ${opts.host} -P ${server.port} -u root`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  tuneHeapForStatements();
  let opts: CliOptions;
  try {
    opts = parseCliArgs(argv);
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    switch (opts.command) {
      case 'version':
        console.log(`tilite ${version()}`);
        return 0;
      case 'shell':
      case 'run':
        return await shell(opts);
      case 'serve':
        return await serve(opts);
      case 'help':
        console.log(USAGE);
        return 0;
      default:
        console.error(`unknown command: ${opts.command}\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    console.error(errorMessage(e));
    return 1;
  }
}
