// Run by crash.test.ts in a child process: transfers money between accounts of the database in
// argv[2], each transfer in one transaction that also records it, and prints `ack <seq>` for every
// COMMIT that returned success, until it is killed.
import { TiLite } from '../../../src/index.js';

const ACCOUNTS = 10;
const db = await TiLite.open({ dir: process.argv[2] });
const result = await db.query<unknown[]>('select coalesce(max(seq), 0) from transfers', [], { rowMode: 'array' });
let seq = Number(result.rows[0]?.[0] ?? 0);
process.stdout.write('ready\n');
for (;;) {
  seq++;
  const from = seq % ACCOUNTS;
  const to = (from + 1 + (seq % (ACCOUNTS - 1))) % ACCOUNTS;
  const amount = 1 + (seq % 7);
  await db.query('begin');
  await db.query('update accounts set balance = balance - ? where id = ?', [amount, from]);
  await db.query('update accounts set balance = balance + ? where id = ?', [amount, to]);
  await db.query('insert into transfers values (?, ?, ?, ?)', [seq, from, to, amount]);
  await db.query('commit');
  process.stdout.write(`ack ${seq}\n`);
}
