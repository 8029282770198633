// knex (mysql2 driver) against the server: schema builder, insert/select/update/delete, a transaction
// committed and one rolled back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import knexFactory, { type Knex } from 'knex';
import { startTestServer, type TestServer } from './orm-server.js';

let ts: TestServer;
let knex: Knex;
before(async () => {
  ts = await startTestServer('knexdb');
  knex = knexFactory({ client: 'mysql2', connection: ts.connection, pool: { min: 0, max: 4 } });
});
after(async () => {
  await knex.destroy();
  await ts.server.close();
});

test('knex: create, insert, select, update, delete, transactions', { timeout: 60_000 }, async () => {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('name', 50).notNullable();
    t.integer('age').unsigned();
    t.decimal('balance', 10, 2).defaultTo(0);
    t.timestamp('created_at').defaultTo(knex.fn.now());
    t.index(['name']);
  });
  assert.equal(await knex.schema.hasTable('users'), true);
  assert.equal(await knex.schema.hasColumn('users', 'age'), true);
  const [id] = await knex('users').insert({ name: 'ann', age: 30 });
  assert.equal(id, 1);
  await knex('users').insert([
    { name: 'bob', age: 25 },
    { name: 'cy', age: 41 },
  ]);
  const rows = await knex('users').select('name', 'age').where('age', '>', 26).orderBy('name');
  assert.deepEqual(
    rows.map((r) => ({ ...r })),
    [
      { name: 'ann', age: 30 },
      { name: 'cy', age: 41 },
    ],
  );
  assert.equal(await knex('users').where({ name: 'bob' }).update({ balance: 12.5 }), 1);
  const bob = await knex('users').where({ name: 'bob' }).first();
  assert.equal(bob.balance, '12.50');
  assert.equal(await knex('users').where('age', '>', 40).del(), 1);
  await knex.transaction(async (trx) => {
    await trx('users').insert({ name: 'dee', age: 19 });
    await trx('users').where({ name: 'ann' }).increment('age', 1);
  });
  await assert.rejects(
    knex.transaction(async (trx) => {
      await trx('users').insert({ name: 'eve', age: 50 });
      throw new Error('roll back');
    }),
    /roll back/,
  );
  const all = await knex('users').orderBy('id').pluck('name');
  assert.deepEqual(all, ['ann', 'bob', 'dee']);
  const [{ n }] = await knex('users').count({ n: '*' });
  assert.equal(Number(n), 3);
  assert.equal((await knex('users').where({ name: 'ann' }).first()).age, 31);
  await knex.schema.alterTable('users', (t) => t.string('email', 100).nullable());
  await knex.schema.dropTable('users');
  assert.equal(await knex.schema.hasTable('users'), false);
});
