// Sequelize (mysql2 dialect) against the server: sync() with its introspection, model CRUD, a managed
// transaction committed and one rolled back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DataTypes, type Model, type ModelStatic, Op, Sequelize } from 'sequelize';
import { startTestServer, type TestServer } from './orm-server.js';

let ts: TestServer;
let sequelize: Sequelize;
before(async () => {
  ts = await startTestServer('seqdb');
  const { host, port, user, password, database } = ts.connection;
  sequelize = new Sequelize(database, user, password, { host, port, dialect: 'mysql', logging: false });
});
after(async () => {
  await sequelize.close();
  await ts.server.close();
});

test('sequelize: sync, create, find, update, destroy, transactions', { timeout: 60_000 }, async () => {
  await sequelize.authenticate();
  const Item: ModelStatic<Model> = sequelize.define('Item', {
    name: { type: DataTypes.STRING(40), allowNull: false, unique: true },
    qty: { type: DataTypes.INTEGER, defaultValue: 0 },
    price: { type: DataTypes.DECIMAL(8, 2) },
    tags: { type: DataTypes.JSON },
    active: { type: DataTypes.BOOLEAN, defaultValue: true },
  });
  await sequelize.sync({ force: true });
  await sequelize.sync({ alter: true });
  const a = await Item.create({ name: 'apple', qty: 3, price: '1.25', tags: ['fruit'] });
  assert.equal(a.get('id'), 1);
  await Item.bulkCreate([{ name: 'pear', qty: 5 }, { name: 'plum' }]);
  const found = await Item.findAll({ where: { qty: { [Op.gte]: 3 } }, order: [['name', 'ASC']] });
  assert.deepEqual(
    found.map((i) => i.get('name')),
    ['apple', 'pear'],
  );
  const apple = await Item.findOne({ where: { name: 'apple' } });
  assert.deepEqual(apple?.get('tags'), ['fruit']);
  assert.equal(apple?.get('price'), '1.25');
  assert.equal(apple?.get('active'), true);
  const [changed] = await Item.update({ qty: 10 }, { where: { name: 'plum' } });
  assert.equal(changed, 1);
  assert.equal(await Item.destroy({ where: { name: 'pear' } }), 1);
  await sequelize.transaction(async (t) => {
    await Item.create({ name: 'kiwi', qty: 1 }, { transaction: t });
    await Item.increment('qty', { by: 2, where: { name: 'apple' }, transaction: t });
  });
  await assert.rejects(
    sequelize.transaction(async (t) => {
      await Item.create({ name: 'lime' }, { transaction: t });
      await Item.create({ name: 'lime' }, { transaction: t });
    }),
  );
  const names = (await Item.findAll({ order: [['id', 'ASC']] })).map((i) => i.get('name'));
  assert.deepEqual(names, ['apple', 'plum', 'kiwi']);
  assert.equal((await Item.findOne({ where: { name: 'apple' } }))?.get('qty'), 5);
  assert.equal(await Item.count(), 3);
  await Item.drop();
});
