// TypeORM (mysql2 driver) against the server: synchronize (schema introspection and DDL), repository CRUD,
// query builder, a transaction committed and one rolled back.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DataSource, EntitySchema } from 'typeorm';
import { startTestServer, type TestServer } from './orm-server.js';

interface Book {
  id: number;
  title: string;
  pages: number;
  price: string | null;
  published: Date | null;
}

const BookSchema = new EntitySchema<Book>({
  name: 'Book',
  tableName: 'books',
  columns: {
    id: { type: Number, primary: true, generated: 'increment' },
    title: { type: String, length: 80, unique: true },
    pages: { type: 'int', default: 0 },
    price: { type: 'decimal', precision: 8, scale: 2, nullable: true },
    published: { type: 'datetime', nullable: true },
  },
  indices: [{ name: 'idx_pages', columns: ['pages'] }],
});

let ts: TestServer;
let ds: DataSource;
before(async () => {
  ts = await startTestServer('typeormdb');
  const { host, port, user, password, database } = ts.connection;
  ds = new DataSource({
    type: 'mysql',
    host,
    port,
    username: user,
    password,
    database,
    entities: [BookSchema],
    synchronize: true,
    logging: false,
  });
  await ds.initialize();
});
after(async () => {
  await ds.destroy();
  await ts.server.close();
});

test('typeorm: synchronize, save, find, update, delete, transactions', { timeout: 60_000 }, async () => {
  const repo = ds.getRepository(BookSchema);
  const saved = await repo.save({
    title: 'Dune',
    pages: 412,
    price: '9.99',
    published: new Date('1965-08-01T00:00:00Z'),
  });
  assert.equal(saved.id, 1);
  await repo.save([
    { title: 'Emma', pages: 474 },
    { title: 'Ulysses', pages: 730 },
  ]);
  const long = await repo.find({ where: {}, order: { pages: 'DESC' }, take: 2 });
  assert.deepEqual(
    long.map((b) => b.title),
    ['Ulysses', 'Emma'],
  );
  const dune = await repo.findOneByOrFail({ title: 'Dune' });
  assert.equal(dune.price, '9.99');
  await repo.update({ title: 'Emma' }, { price: '5.50' });
  assert.equal((await repo.findOneByOrFail({ title: 'Emma' })).price, '5.50');
  const stats = await repo
    .createQueryBuilder('b')
    .select('COUNT(*)', 'n')
    .addSelect('SUM(b.pages)', 'total')
    .where('b.pages > :min', { min: 400 })
    .getRawOne();
  assert.equal(Number(stats.n), 3);
  assert.equal(Number(stats.total), 1616);
  await repo.delete({ title: 'Ulysses' });
  await ds.transaction(async (m) => {
    await m.save(BookSchema, { title: 'Beloved', pages: 324 });
    await m.increment(BookSchema, { title: 'Dune' }, 'pages', 1);
  });
  await assert.rejects(
    ds.transaction(async (m) => {
      await m.save(BookSchema, { title: 'Walden', pages: 352 });
      await m.save(BookSchema, { title: 'Walden', pages: 1 });
    }),
  );
  const titles = (await repo.find({ order: { id: 'ASC' } })).map((b) => b.title);
  assert.deepEqual(titles, ['Dune', 'Emma', 'Beloved']);
  assert.equal((await repo.findOneByOrFail({ title: 'Dune' })).pages, 413);
  await ds.synchronize();
  assert.equal(await repo.count(), 3);
});
