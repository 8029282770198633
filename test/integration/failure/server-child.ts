// Run by the failure tests in a child process: a TiLite server on an ephemeral port over the data
// directory in argv[2] (in memory without one). Prints `port <n>` once it listens; the server's log
// (connections closed on malformed input, errors without a MySQL code) goes to stderr as `log: ...`.
import { startServer } from '../../../src/server/index.js';

const dir = process.argv[2];
const server = await startServer({
  port: 0,
  ...(dir ? { dir } : { memory: true }),
  log: (s) => process.stderr.write(`log: ${s}\n`),
});
process.stdout.write(`port ${server.port}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
