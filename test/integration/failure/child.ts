// Starting and stopping a server child process (server-child.ts) for the failure tests: from source
// through tsx when the tests run from source, compiled otherwise.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const fromSource = import.meta.url.endsWith('.ts');

export interface ServerChild {
  child: ChildProcess;
  port: number;
  /** Lines the server printed on stderr (its log lines are prefixed `log: `). */
  stderr: string[];
  /** Resolves with the exit code or signal when the process ends. */
  exited: Promise<number | string>;
  alive(): boolean;
}

/** Starts a server child on `dir` (memory when undefined) and waits until it listens. */
export async function startServerChild(dir?: string): Promise<ServerChild> {
  const path = fileURLToPath(new URL(fromSource ? './server-child.ts' : './server-child.js', import.meta.url));
  const child = spawn(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), path, ...(dir ? [dir] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  let running = true;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      resolve(code ?? signal ?? 'unknown');
    });
  });
  let errBuf = '';
  child.stderr!.on('data', (d: Buffer) => {
    errBuf += d.toString();
    const lines = errBuf.split('\n');
    errBuf = lines.pop()!;
    stderr.push(...lines);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /^port (\d+)$/m.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    void exited.then((how) => reject(new Error(`server child exited before listening (${how}): ${stderr.join('\n')}`)));
  });
  return { child, port, stderr, exited, alive: () => running };
}

/** kill -9, and wait for the process to be gone. */
export async function killHard(s: ServerChild): Promise<void> {
  if (s.alive()) s.child.kill('SIGKILL');
  await s.exited;
}
