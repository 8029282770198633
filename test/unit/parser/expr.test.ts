import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expr, select, show } from './helpers.js';

describe('expression precedence', () => {
  it('arithmetic and bit operators', () => {
    assert.equal(show('1 + 2 * 3'), '1 + 2 * 3');
    assert.equal(show('(1 + 2) * 3'), '(1 + 2) * 3');
    assert.equal(show('1 - 2 - 3'), '1 - 2 - 3');
    assert.equal(show('1 - (2 - 3)'), '1 - (2 - 3)');
    assert.equal(show('a | b & c'), '`a` | `b` & `c`');
    assert.equal(show('a << 1 + 2'), '`a` << 1 + 2');
    assert.equal(show('a ^ b * c'), '`a` ^ `b` * `c`');
    assert.equal(show('(a * b) ^ c'), '(`a` * `b`) ^ `c`');
    assert.equal(show('7 DIV 2 MOD 3'), '7 div 2 % 3');
  });
  it('boolean operators: NOT looser than comparison, ! tight', () => {
    assert.deepEqual(expr('NOT a = 1'), {
      kind: 'unary',
      op: 'not',
      operand: {
        kind: 'binary',
        op: '=',
        left: { kind: 'column', column: 'a' },
        right: { kind: 'literal', type: 'int', text: '1' },
      },
    });
    const bang = expr('!a = 1');
    assert.equal(bang.kind, 'binary');
    assert.equal(show('a OR b AND c'), '`a` or `b` and `c`');
    assert.equal(show('(a OR b) AND c'), '(`a` or `b`) and `c`');
    assert.equal(show('a XOR b OR c'), '`a` xor `b` or `c`');
    assert.equal(show('a && b || c'), '`a` and `b` || `c`');
    assert.equal(show('-a * b'), '-`a` * `b`');
  });
  it('predicates', () => {
    assert.equal(show('a BETWEEN 1 AND 2 AND b'), '`a` between 1 and 2 and `b`');
    assert.equal(show('a NOT IN (1, 2)'), '`a` not in (1, 2)');
    assert.equal(show("a NOT LIKE 'x%' ESCAPE '!'"), "`a` not like 'x%' escape '!'");
    assert.equal(show("a REGEXP '^x'"), "`a` regexp '^x'");
    assert.equal(show('a IS NOT NULL'), '`a` is not null');
    assert.equal(show('a = 1 IS TRUE'), '`a` = 1 is true');
    assert.equal(show('a + 1 > b'), '`a` + 1 > `b`');
  });
  it('row constructors and subqueries', () => {
    const e = expr('(a, b) = (1, 2)');
    assert.equal(e.kind, 'binary');
    if (e.kind === 'binary') assert.equal(e.left.kind, 'row');
    assert.equal(expr('ROW(1, 2)').kind, 'row');
    assert.equal(expr('EXISTS (SELECT 1)').kind, 'exists');
    const ne = expr('NOT EXISTS (SELECT 1)');
    assert.ok(ne.kind === 'exists' && ne.not);
    const q = expr('a > ANY (SELECT b FROM t)');
    assert.ok(q.kind === 'quantified' && q.quantifier === 'any' && q.op === '>');
    const s = expr('a = SOME (SELECT b FROM t)');
    assert.ok(s.kind === 'quantified' && s.quantifier === 'any');
    const all = expr('a <> ALL (SELECT b FROM t)');
    assert.ok(all.kind === 'quantified' && all.quantifier === 'all' && all.op === '!=');
    const inq = expr('a IN (SELECT b FROM t)');
    assert.ok(inq.kind === 'in' && inq.query !== undefined);
    const u = expr('((SELECT 1) UNION (SELECT 2))');
    assert.ok(u.kind === 'subquery' && u.query.kind === 'setop');
  });
});

describe('literals', () => {
  it('numbers', () => {
    assert.deepEqual(expr('12'), { kind: 'literal', type: 'int', text: '12' });
    assert.deepEqual(expr('1.50'), { kind: 'literal', type: 'decimal', text: '1.50' });
    assert.deepEqual(expr('.5'), { kind: 'literal', type: 'decimal', text: '.5' });
    assert.deepEqual(expr('1e3'), { kind: 'literal', type: 'float', text: '1e3' });
    assert.deepEqual(expr('0x4142'), { kind: 'literal', type: 'hexString', text: 'AB' });
    assert.deepEqual(expr("x'41'"), { kind: 'literal', type: 'hexString', text: 'A' });
    assert.deepEqual(expr('0b1000001'), { kind: 'literal', type: 'bitString', text: 'A' });
    assert.deepEqual(expr("b'1'"), { kind: 'literal', type: 'bitString', text: '\x01' });
  });
  it('strings with escapes and concatenation', () => {
    assert.deepEqual(expr("'it''s'"), { kind: 'literal', type: 'string', text: "it's" });
    assert.deepEqual(expr('"a""b"'), { kind: 'literal', type: 'string', text: 'a"b' });
    assert.equal(expr("'a\\nb\\tc\\0\\\\\\Z'").kind, 'literal');
    assert.deepEqual(expr("'a\\nb\\tc\\0\\\\\\Z'"), { kind: 'literal', type: 'string', text: 'a\nb\tc\0\\\x1a' });
    assert.deepEqual(expr("'\\%\\_\\q'"), { kind: 'literal', type: 'string', text: '\\%\\_q' });
    assert.deepEqual(expr("'a' 'b' \"c\""), { kind: 'literal', type: 'string', text: 'abc' });
    assert.deepEqual(expr("_utf8mb4'x'"), { kind: 'literal', type: 'string', text: 'x', charset: 'utf8mb4' });
    assert.deepEqual(expr("_binary 'x'"), { kind: 'literal', type: 'string', text: 'x', charset: 'binary' });
    assert.deepEqual(expr("N'x'"), { kind: 'literal', type: 'string', text: 'x' });
  });
  it('typed and keyword literals', () => {
    assert.deepEqual(expr("DATE '2020-01-02'"), { kind: 'literal', type: 'date', text: '2020-01-02' });
    assert.deepEqual(expr("TIMESTAMP '2020-01-02 00:00:00'").kind, 'literal');
    assert.deepEqual(expr('NULL'), { kind: 'literal', type: 'null', text: 'NULL' });
    assert.deepEqual(expr('true'), { kind: 'literal', type: 'bool', text: 'TRUE' });
  });
  it('variables, params, assignment', () => {
    assert.deepEqual(expr('@a'), { kind: 'variable', name: 'a', system: false });
    assert.deepEqual(expr("@'my var'"), { kind: 'variable', name: 'my var', system: false });
    assert.deepEqual(expr('@@global.max_connections'), {
      kind: 'variable',
      name: 'max_connections',
      system: true,
      scope: 'global',
    });
    assert.deepEqual(expr('@@sql_mode'), { kind: 'variable', name: 'sql_mode', system: true });
    assert.equal(expr('@a := 1').kind, 'assign');
    const s = select('SELECT ?, ? FROM t WHERE a = ?');
    assert.deepEqual(
      s.fields.map((f) => f.expr),
      [
        { kind: 'param', index: 0 },
        { kind: 'param', index: 1 },
      ],
    );
  });
});

describe('normalizations', () => {
  it('interval arithmetic', () => {
    assert.equal(show('d + INTERVAL 1 DAY'), '`date_add`'.slice(1, -1) + '(`d`, interval 1 day)');
    assert.equal(show('INTERVAL 1 MONTH + d'), 'date_add(`d`, interval 1 month)');
    assert.equal(show('d - INTERVAL 2 HOUR'), 'date_sub(`d`, interval 2 hour)');
    assert.equal(show('DATE_ADD(d, INTERVAL 1 DAY)'), 'date_add(`d`, interval 1 day)');
    assert.equal(show('ADDDATE(d, 3)'), 'date_add(`d`, interval 3 day)');
    assert.equal(show('SUBDATE(d, INTERVAL 1 YEAR)'), 'date_sub(`d`, interval 1 year)');
    assert.equal(show('INTERVAL(5, 1, 10)'), 'interval(5, 1, 10)');
  });
  it('special call syntaxes', () => {
    assert.equal(show('EXTRACT(YEAR FROM d)'), 'extract(year from `d`)');
    assert.equal(show('TIMESTAMPDIFF(MONTH, a, b)'), 'timestampdiff(month, `a`, `b`)');
    assert.equal(show("TRIM(LEADING 'x' FROM s)"), "trim(leading 'x' from `s`)");
    assert.deepEqual(expr('TRIM(s)'), { kind: 'func', name: 'trim', args: [{ kind: 'column', column: 's' }] });
    assert.equal(show('TRIM(TRAILING FROM s)'), "trim(trailing ' ' from `s`)");
    assert.equal(show('POSITION(a IN b)'), 'locate(`a`, `b`)');
    assert.equal(show('SUBSTRING(s FROM 2 FOR 3)'), 'substring(`s`, 2, 3)');
    assert.equal(show('SUBSTRING(s, 2)'), 'substring(`s`, 2)');
    assert.equal(show('CHAR(65, 66 USING utf8mb4)'), "char(65, 66, 'utf8mb4')");
    assert.equal(show('CURRENT_TIMESTAMP'), 'current_timestamp()');
    assert.equal(show('CURRENT_TIMESTAMP(3)'), 'current_timestamp(3)');
    assert.equal(show('CURRENT_DATE + 0'), 'current_date() + 0');
    assert.equal(show('UTC_TIMESTAMP'), 'utc_timestamp()');
    assert.equal(show("c -> '$.a'"), "json_extract(`c`, '$.a')");
    assert.equal(show("c ->> '$.a'"), "json_unquote(json_extract(`c`, '$.a'))");
    assert.equal(show('CONVERT(a USING utf8mb4)'), 'convert(`a` using utf8mb4)');
    assert.equal(show('CONVERT(a, SIGNED)'), 'cast(`a` as signed)');
    assert.equal(show('CAST(a AS DECIMAL(10, 2))'), 'cast(`a` as decimal(10,2))');
    assert.equal(show('CAST(a AS CHAR(3))'), 'cast(`a` as char(3))');
    assert.equal(show('CAST(a AS UNSIGNED INTEGER)'), 'cast(`a` as unsigned)');
    assert.equal(show('BINARY a'), 'binary `a`');
    assert.equal(show('a COLLATE utf8mb4_bin'), '`a` collate utf8mb4_bin');
    assert.equal(show('to_days(d)'), 'to_days(`d`)');
  });
  it('aggregates and window functions', () => {
    assert.deepEqual(expr('COUNT(*)'), { kind: 'func', name: 'count', args: [], star: true });
    assert.equal(show('COUNT(DISTINCT a, b)'), 'count(distinct `a`, `b`)');
    assert.equal(
      show("GROUP_CONCAT(DISTINCT x ORDER BY y DESC SEPARATOR ',')"),
      "group_concat(distinct `x` order by `y` desc separator ',')",
    );
    assert.equal(
      show('SUM(a) OVER (PARTITION BY b ORDER BY c ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)'),
      'sum(`a`) over (partition by `b` order by `c` rows between 1 preceding and current row)',
    );
    assert.equal(show('ROW_NUMBER() OVER w'), 'row_number() over `w`');
    assert.equal(
      show('FIRST_VALUE(a) OVER (ORDER BY d RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND UNBOUNDED FOLLOWING)'),
      'first_value(`a`) over (order by `d` range between interval 1 day preceding and unbounded following)',
    );
  });
  it('keyword-named functions', () => {
    for (const f of [
      'IF(a, 1, 2)',
      'LEFT(s, 1)',
      'RIGHT(s, 1)',
      'REPLACE(s, a, b)',
      'INSERT(s, 1, 2, x)',
      'MOD(a, 2)',
    ]) {
      assert.equal(expr(f).kind, 'func', f);
    }
    for (const f of ['DATABASE()', 'SCHEMA()', 'USER()', 'DATE(d)', 'TIME(d)', 'YEAR(d)', 'MONTH(d)', 'DAY(d)']) {
      assert.equal(expr(f).kind, 'func', f);
    }
    for (const f of [
      'HOUR(d)',
      'WEEK(d)',
      'QUARTER(d)',
      'ASCII(s)',
      'REPEAT(s, 2)',
      'FORMAT(1, 2)',
      'COALESCE(a, b)',
    ]) {
      assert.equal(expr(f).kind, 'func', f);
    }
    assert.deepEqual(expr('DEFAULT(a)'), { kind: 'default', column: { kind: 'column', column: 'a' } });
    assert.deepEqual(expr('CASE WHEN a THEN 1 ELSE 2 END').kind, 'case');
    assert.equal(show('CASE a WHEN 1 THEN 2 END'), 'case `a` when 1 then 2 end');
  });
  it('non-reserved keywords are identifiers', () => {
    assert.equal(
      show('status + comment + date + timestamp + text + action + value'),
      '`status` + `comment` + `date` + `timestamp` + `text` + `action` + `value`',
    );
    assert.equal(show('t.`select`'), '`t`.`select`');
    assert.equal(show('db.t.c'), '`db`.`t`.`c`');
  });
});
