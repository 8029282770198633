// Run by lmdb.test.ts in a child process: commits one row, reports it, then waits to be killed.
import { openLmdbStorage } from '../../../src/store/lmdb.js';

const storage = openLmdbStorage(process.argv[2]);
const txn = storage.begin();
txn.set('durable', 'yes');
const commitTs = await txn.commit();
process.stdout.write(`committed ${commitTs}\n`);
setInterval(() => {}, 1000);
