// Accounts and privileges through the embedded API: CREATE/ALTER/DROP USER, GRANT/REVOKE at every level,
// SHOW GRANTS, CURRENT_USER()/USER(), and enforcement with MySQL's errors 1142, 1044, 1227.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TiLite, type TiLiteSession } from '../../../src/index.js';
import { hostMatches, nativeAuthString, PrivilegeStore } from '../../../src/privilege/store.js';

async function fails(p: Promise<unknown>, code: number, message?: RegExp): Promise<void> {
  await assert.rejects(p, (e: { code?: number; message?: string }) => {
    assert.equal(e.code, code, e.message);
    if (message) assert.match(e.message ?? '', message);
    return true;
  });
}

describe('privilege store', () => {
  test('native password hash is stored as MySQL does', () => {
    assert.equal(nativeAuthString('password'), '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19');
    assert.equal(nativeAuthString(''), '');
  });

  test('host patterns', () => {
    assert.ok(hostMatches('%', '10.0.0.1'));
    assert.ok(hostMatches('localhost', '127.0.0.1'));
    assert.ok(hostMatches('10.0.%', '10.0.3.4'));
    assert.ok(!hostMatches('10.0.%', '10.1.3.4'));
    assert.ok(hostMatches('192.168.1._', '192.168.1.7'));
    assert.ok(!hostMatches('localhost', '10.0.0.1'));
  });

  test('the most specific host wins', () => {
    const s = new PrivilegeStore();
    s.createUser('u', '%', 'a', 'mysql_native_password');
    s.createUser('u', 'localhost', 'b', 'mysql_native_password');
    assert.equal(s.match('u', '127.0.0.1')?.host, 'localhost');
    assert.equal(s.match('u', '10.2.3.4')?.host, '%');
    assert.equal(s.match('nobody', '127.0.0.1'), undefined);
    assert.equal(s.match('root', '1.2.3.4')?.host, '%');
  });
});

describe('account statements and enforcement', () => {
  let db: TiLite;
  let u: TiLiteSession;
  before(async () => {
    db = await TiLite.open();
    await db.exec('create table t (a int); create table t2 (a int); insert into t values (1)');
    await db.query("create user 'u'@'%' identified by 'pw'");
    u = await db.session({ user: 'u', host: '127.0.0.1' });
  });
  after(async () => {
    await u.close();
    await db.close();
  });

  test('CREATE USER twice fails; IF NOT EXISTS leaves a note', async () => {
    await fails(db.query("create user 'u'@'%'"), 1396, /Operation CREATE USER failed for 'u'@'%'/);
    const r = await db.query("create user if not exists 'u'@'%'");
    assert.equal(r.warnings[0]?.code, 3163);
  });

  test('CURRENT_USER() is the account, USER() the login', async () => {
    const r = await u.query('select current_user() c, user() s');
    assert.deepEqual(r.rows, [{ c: 'u@%', s: 'u@127.0.0.1' }]);
  });

  test('without grants: 1142 on tables, 1044 on databases, 1227 for global operations', async () => {
    await fails(u.query('select * from t'), 1142, /SELECT command denied to user 'u'@'%' for table 't'/);
    await fails(u.query('insert into t values (2)'), 1142, /INSERT command denied/);
    await fails(u.query('create database d9'), 1044, /Access denied for user 'u'@'%' to database 'd9'/);
    await fails(u.query('use test'), 1044);
    await fails(u.query('set global wait_timeout = 100'), 1227, /SUPER/);
    await fails(u.query("create user 'x'"), 1227, /CREATE USER/);
    await fails(u.query('grant select on test.* to u'), 1044);
    const r = await u.query('select 1 + 1 v');
    assert.deepEqual(r.rows, [{ v: 2 }]);
  });

  test('table, database and global grants', async () => {
    await db.query("grant select on test.t to 'u'@'%'");
    assert.deepEqual((await u.query('select a from t')).rows, [{ a: 1 }]);
    await fails(u.query('select * from t2'), 1142, /for table 't2'/);
    await fails(u.query('select * from t where a in (select a from t2)'), 1142, /for table 't2'/);
    await fails(u.query('update t set a = 2'), 1142, /UPDATE command denied/);
    await u.query('use test');
    await db.query('grant insert, update, delete on test.* to u');
    await u.query('insert into t2 values (5)');
    await fails(u.query('insert into t2 select * from t2'), 1142, /SELECT command denied.*'t2'/);
    await db.query('grant all on *.* to u');
    assert.deepEqual((await u.query('select count(*) n from t2')).rows, [{ n: 1 }]);
    await u.query('create database d_u');
    await u.query('drop database d_u');
    await db.query('revoke all on *.* from u');
    await fails(u.query('select * from t2'), 1142);
  });

  test('SHOW GRANTS in MySQL 8 form', async () => {
    await db.query("create user 'g'@'localhost'");
    await db.query("grant select, insert on test.* to 'g'@'localhost' with grant option");
    await db.query("grant all privileges on test.t to 'g'@'localhost'");
    const r = await db.query("show grants for 'g'@'localhost'", [], { rowMode: 'array' });
    assert.deepEqual(
      r.fields.map((f) => f.name),
      ['Grants for g@localhost'],
    );
    assert.deepEqual(r.rows, [
      ['GRANT USAGE ON *.* TO `g`@`localhost`'],
      ['GRANT SELECT, INSERT ON `test`.* TO `g`@`localhost` WITH GRANT OPTION'],
      ['GRANT ALL PRIVILEGES ON `test`.`t` TO `g`@`localhost`'],
    ]);
    const root = await db.query('show grants', [], { rowMode: 'array' });
    assert.deepEqual(root.rows, [['GRANT ALL PRIVILEGES ON *.* TO `root`@`%` WITH GRANT OPTION']]);
    await fails(db.query("show grants for 'nobody'"), 1141);
  });

  test('REVOKE of a grant never given; GRANT to a missing account; illegal level', async () => {
    await fails(db.query('revoke select on test.t2 from u'), 1147);
    await fails(db.query('revoke select on d_none.* from u'), 1141);
    await fails(db.query('grant select on *.* to nobody'), 1410);
    await fails(db.query('grant super on test.* to u'), 1144);
    await fails(db.query('grant select on test.missing to u'), 1146);
  });

  test('ALTER USER / SET PASSWORD / DROP USER', async () => {
    await db.query("create user 'p'@'%' identified by 'one'");
    await db.query("alter user 'p'@'%' identified by 'two'");
    assert.equal(db.domain.privileges.account('p', '%')?.authString, nativeAuthString('two'));
    await db.query("set password for 'p'@'%' = 'three'");
    assert.equal(db.domain.privileges.account('p', '%')?.authString, nativeAuthString('three'));
    await fails(db.query("alter user 'zz'@'%' identified by 'x'"), 1396);
    const p = await db.session({ user: 'p', host: '10.0.0.1' });
    await p.query("set password = 'own'");
    assert.equal(db.domain.privileges.account('p', '%')?.authString, nativeAuthString('own'));
    await fails(p.query("alter user 'u'@'%' identified by 'x'"), 1227);
    await p.close();
    await db.query("drop user 'p'@'%'");
    await fails(db.query("drop user 'p'@'%'"), 1396, /Operation DROP USER failed for 'p'@'%'/);
    const r = await db.query("drop user if exists 'p'@'%'");
    assert.equal(r.warnings[0]?.code, 3162);
  });

  test('KILL of another user needs SUPER', async () => {
    const other = await db.session({ user: 'root', host: 'localhost' });
    await fails(u.query(`kill query ${other.id}`), 1095);
    await other.close();
  });
});

test('accounts and grants survive a restart of a persistent store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tilite-priv-'));
  try {
    const db = await TiLite.open({ dir });
    await db.query("create user 'keep'@'%' identified by 'pw'");
    await db.query("grant select on test.* to 'keep'@'%'");
    await db.close();
    const again = await TiLite.open({ dir });
    assert.equal(again.domain.privileges.account('keep', '%')?.authString, nativeAuthString('pw'));
    const r = await again.query("show grants for 'keep'@'%'", [], { rowMode: 'array' });
    assert.deepEqual(r.rows, [['GRANT USAGE ON *.* TO `keep`@`%`'], ['GRANT SELECT ON `test`.* TO `keep`@`%`']]);
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
