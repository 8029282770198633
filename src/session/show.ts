// SHOW statements.
import type { QueryResult, RowMode } from '../api-types.js';
import { publicColumns } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import { ansiQuote, backtickQuote } from '../ddl/partition-format.js';
import { aggregateNames } from '../expression/aggregation/desc.js';
import { Column } from '../expression/expression.js';
import { registeredFunctionNames } from '../expression/function.js';
import { windowFunctionNames } from '../expression/window/desc.js';
import type { ShowStmt } from '../parser/index.js';
import { isTrue } from '../executor/executor.js';
import { ExprRewriter } from '../planner/rewriter.js';
import { Scope } from '../planner/scope.js';
import { allCharsets } from '../types/charset.js';
import { allCollations } from '../types/collation.js';
import { Flag, newFieldType, TypeCode } from '../types/field-type.js';
import { typeToString } from '../types/type-name.js';
import type { Value } from '../types/value.js';
import { allSysVarDefs } from '../variables/sysvar.js';
import { formatForShow } from '../variables/show.js';
import { columnKey, INFORMATION_SCHEMA, infoSchemaTableNames } from './infoschema-tables.js';
import type { Session } from './session.js';
import { defaultText, showCreateDatabase, showCreateTable, showCreateView } from './show-create.js';
import { showGrants } from './run-account.js';
import { showCreatePolicyRows, showPlacementRows } from './show-placement.js';
import { simpleResult } from './simple-result.js';
import type { StmtContext } from './stmt-context.js';

function likeRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}

export async function runShow(s: Session, ctx: StmtContext, stmt: ShowStmt, rowMode: RowMode): Promise<QueryResult> {
  const { names, rows, likeColumn } = showRows(s, stmt);
  let out = rows;
  if (stmt.like !== undefined) {
    const re = likeRegExp(stmt.like);
    out = out.filter((r) => re.test(String(r[likeColumn] ?? '')));
  }
  if (stmt.where) out = filterWhere(s, ctx, names, out, stmt);
  return simpleResult(names, out, rowMode);
}

function filterWhere(s: Session, ctx: StmtContext, names: string[], rows: Value[][], stmt: ShowStmt): Value[][] {
  const cols = names.map((n) => new Column(newFieldType(TypeCode.VarString, { flen: 256, decimal: 0 }), { column: n }));
  const scope = new Scope(names.map((n, i) => ({ db: '', table: '', name: n, col: cols[i]! })));
  const expr = new ExprRewriter(scope, s.buildContext(ctx), 'where clause').rewrite(stmt.where!);
  const f = expr.compile({ indexOf: (uid) => cols.findIndex((c) => c.uid === uid) });
  return rows.filter((r) =>
    isTrue(
      f(
        r.map((v) => (v === null ? null : String(v))),
        ctx,
      ),
    ),
  );
}

interface ShowRows {
  names: string[];
  rows: Value[][];
  likeColumn: number;
}

function requireDbName(s: Session, db: string | undefined): string {
  const name = db ?? s.currentDbName;
  if (!name) throw sqlError(ER.NO_DB);
  if (name.toLowerCase() === INFORMATION_SCHEMA) return INFORMATION_SCHEMA;
  const info = s.domain.infoSchema().database(name);
  if (!info) throw sqlError(ER.BAD_DB, name);
  return info.name;
}

function requireTable(s: Session, stmt: ShowStmt) {
  const t = stmt.table!;
  const dbName = requireDbName(s, t.db ?? stmt.db);
  // SHOW CREATE TABLE, SHOW COLUMNS and DESCRIBE see the session's temporary tables.
  const is = s.infoSchema();
  const table = is.table(dbName, t.name);
  if (!table) throw sqlError(ER.NO_SUCH_TABLE, dbName, t.name);
  return { db: is.database(dbName)!, table };
}

function showRows(s: Session, stmt: ShowStmt): ShowRows {
  const is = s.domain.infoSchema();
  switch (stmt.target) {
    case 'databases': {
      const names = [INFORMATION_SCHEMA, ...is.databases().map((d) => d.name)].sort();
      return { names: ['Database'], rows: names.map((n) => [n]), likeColumn: 0 };
    }
    case 'tables': {
      const db = requireDbName(s, stmt.db);
      const tables =
        db === INFORMATION_SCHEMA
          ? infoSchemaTableNames().map((n) => ({ name: n, view: false }))
          : is.tables(db).map((t) => ({ name: t.name, view: t.view !== undefined }));
      tables.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const names = [`Tables_in_${db}`, ...(stmt.full ? ['Table_type'] : [])];
      const rows = tables.map((t) => (stmt.full ? [t.name, t.view ? 'VIEW' : 'BASE TABLE'] : [t.name]));
      return { names, rows, likeColumn: 0 };
    }
    case 'columns': {
      const { table } = requireTable(s, stmt);
      const names = stmt.full
        ? ['Field', 'Type', 'Collation', 'Null', 'Key', 'Default', 'Extra', 'Privileges', 'Comment']
        : ['Field', 'Type', 'Null', 'Key', 'Default', 'Extra'];
      const rows = publicColumns(table).map((c) => {
        const nul = c.type.flag & Flag.NotNull ? 'NO' : 'YES';
        const extra = c.autoIncrement
          ? 'auto_increment'
          : c.onUpdateNow
            ? 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP'
            : '';
        const base: Value[] = [c.name, typeToString(c.type)];
        if (stmt.full) base.push(c.type.charset === 'binary' ? null : c.type.collate);
        base.push(nul, columnKey(table, c), defaultText(c), extra);
        if (stmt.full) base.push('select,insert,update,references', c.comment);
        return base;
      });
      return { names, rows, likeColumn: 0 };
    }
    case 'createTable': {
      const { table } = requireTable(s, stmt);
      if (table.view) {
        return {
          names: ['View', 'Create View', 'character_set_client', 'collation_connection'],
          rows: [[table.name, showCreateView(table), 'utf8mb4', 'utf8mb4_general_ci']],
          likeColumn: 0,
        };
      }
      return {
        names: ['Table', 'Create Table'],
        rows: [[table.name, showCreateTable(table, s.vars.sqlMode.has('ANSI_QUOTES') ? ansiQuote : backtickQuote)]],
        likeColumn: 0,
      };
    }
    case 'createView': {
      const { db, table } = requireTable(s, stmt);
      if (!table.view) throw sqlError(ER.WRONG_OBJECT, db.name, table.name, 'VIEW');
      return {
        names: ['View', 'Create View', 'character_set_client', 'collation_connection'],
        rows: [[table.name, showCreateView(table), 'utf8mb4', 'utf8mb4_general_ci']],
        likeColumn: 0,
      };
    }
    case 'createDatabase': {
      const db = is.database(stmt.db ?? '');
      if (!db) throw sqlError(ER.BAD_DB, stmt.db ?? '');
      return {
        names: ['Database', 'Create Database'],
        rows: [[db.name, showCreateDatabase(db, stmt.ifNotExists ?? false)]],
        likeColumn: 0,
      };
    }
    case 'index': {
      const { table } = requireTable(s, stmt);
      const names = [
        'Table',
        'Non_unique',
        'Key_name',
        'Seq_in_index',
        'Column_name',
        'Collation',
        'Cardinality',
        'Sub_part',
        'Packed',
        'Null',
        'Index_type',
        'Comment',
        'Index_comment',
        'Visible',
        'Expression',
        'Clustered',
      ];
      const rows: Value[][] = [];
      for (const idx of table.indices) {
        idx.columns.forEach((ic, i) => {
          const col = table.columns[ic.offset]!;
          const clustered = idx.primary && (table.pkIsHandle || table.isCommonHandle) ? 'YES' : 'NO';
          rows.push([
            table.name,
            idx.unique ? 0 : 1,
            idx.name,
            i + 1,
            col.name,
            'A',
            0,
            ic.length > 0 ? ic.length : null,
            null,
            col.type.flag & Flag.NotNull ? '' : 'YES',
            'BTREE',
            '',
            idx.comment,
            idx.visible ? 'YES' : 'NO',
            null,
            clustered,
          ]);
        });
      }
      return { names, rows, likeColumn: 2 };
    }
    case 'variables': {
      const rows: Value[][] = [];
      for (const def of allSysVarDefs()) {
        if (stmt.global && def.scope === 'session') continue;
        const v = stmt.global ? s.vars.getGlobal(def.name) : s.vars.get(def.name);
        rows.push([def.name, formatForShow(def.name, v)]);
      }
      rows.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
      return { names: ['Variable_name', 'Value'], rows, likeColumn: 0 };
    }
    case 'status':
      return {
        names: ['Variable_name', 'Value'],
        rows: [
          ['Uptime', '0'],
          ['Threads_connected', String(s.domain.sessions.size)],
        ],
        likeColumn: 0,
      };
    case 'warnings':
    case 'errors': {
      const list = stmt.target === 'errors' ? s.lastWarnings.filter((w) => w.level === 'Error') : s.lastWarnings;
      if (stmt.count) {
        const n = stmt.target === 'errors' ? list.length : s.lastWarningCount;
        return {
          names: [`@@session.${stmt.target === 'errors' ? 'error' : 'warning'}_count`],
          rows: [[n]],
          likeColumn: 0,
        };
      }
      return {
        names: ['Level', 'Code', 'Message'],
        rows: list.map((w) => [w.level, w.code, w.message]),
        likeColumn: 2,
      };
    }
    case 'processlist': {
      const rows = [...s.domain.sessions.values()].map((e) => [
        e.id,
        e.user,
        e.host,
        e.db(),
        e.command(),
        e.time(),
        e.command() === 'Query' ? 'autocommit' : '',
        stmt.full ? e.info() : (e.info()?.slice(0, 100) ?? null),
      ]);
      return { names: ['Id', 'User', 'Host', 'db', 'Command', 'Time', 'State', 'Info'], rows, likeColumn: 0 };
    }
    case 'engines':
      return {
        names: ['Engine', 'Support', 'Comment', 'Transactions', 'XA', 'Savepoints'],
        rows: [
          ['InnoDB', 'DEFAULT', 'Supports transactions, row-level locking, and foreign keys', 'YES', 'YES', 'YES'],
        ],
        likeColumn: 0,
      };
    case 'charset':
      return {
        names: ['Charset', 'Description', 'Default collation', 'Maxlen'],
        rows: allCharsets().map((c) => [c.name, c.description, c.defaultCollation, c.maxLen]),
        likeColumn: 0,
      };
    case 'collation':
      return {
        names: ['Collation', 'Charset', 'Id', 'Default', 'Compiled', 'Sortlen', 'Pad_attribute'],
        rows: allCollations().map((c) => [
          c.name,
          c.charset,
          c.id,
          c.isDefault ? 'Yes' : '',
          'Yes',
          1,
          c.padSpace ? 'PAD SPACE' : 'NO PAD',
        ]),
        likeColumn: 0,
      };
    case 'tableStatus': {
      const db = requireDbName(s, stmt.db);
      const rows = is
        .tables(db)
        .map((t) => [
          t.name,
          t.view ? null : 'InnoDB',
          t.view ? null : 10,
          t.view ? null : 'Compact',
          0,
          0,
          0,
          0,
          0,
          0,
          null,
          new Date(t.createTime).toISOString().slice(0, 19).replace('T', ' '),
          null,
          null,
          t.view ? null : t.collate,
          null,
          t.partition ? 'partitioned' : '',
          t.view ? 'VIEW' : t.comment,
        ]);
      return {
        names: [
          'Name',
          'Engine',
          'Version',
          'Row_format',
          'Rows',
          'Avg_row_length',
          'Data_length',
          'Max_data_length',
          'Index_length',
          'Data_free',
          'Auto_increment',
          'Create_time',
          'Update_time',
          'Check_time',
          'Collation',
          'Checksum',
          'Create_options',
          'Comment',
        ],
        rows,
        likeColumn: 0,
      };
    }
    case 'grants':
      return { ...showGrants(s, stmt.user), likeColumn: 0 };
    case 'placement':
      return { ...showPlacementRows(is), likeColumn: 0 };
    case 'createPlacementPolicy':
      return { ...showCreatePolicyRows(is, stmt.policy ?? ''), likeColumn: 0 };
    case 'builtins': {
      const names = new Set([...registeredFunctionNames(), ...aggregateNames(), ...windowFunctionNames()]);
      return { names: ['Supported_builtin_functions'], rows: [...names].sort().map((n) => [n]), likeColumn: 0 };
    }
    case 'statsMeta':
    case 'statsHealthy': {
      const is = s.domain.infoSchema();
      const rows: Value[][] = [];
      for (const [id, v] of s.domain.allTableStats()) {
        const e = is.tableById(id);
        if (!e) continue;
        if (stmt.target === 'statsHealthy') {
          rows.push([e.db.name, e.table.name, '', statsHealthy(v.stats.count || v.realtimeCount, v.modifyCount)]);
          continue;
        }
        const when = new Date(v.stats.analyzedAt).toISOString().slice(0, 19).replace('T', ' ');
        rows.push([e.db.name, e.table.name, '', when, v.modifyCount, v.realtimeCount]);
      }
      rows.sort((a, b) => `${a[0]}.${a[1]}`.localeCompare(`${b[0]}.${b[1]}`));
      const names =
        stmt.target === 'statsHealthy'
          ? ['Db_name', 'Table_name', 'Partition_name', 'Healthy']
          : ['Db_name', 'Table_name', 'Partition_name', 'Update_time', 'Modify_count', 'Row_count'];
      return { names, rows, likeColumn: 1 };
    }
    default:
      return { names: ['Name', 'Value'], rows: [], likeColumn: 0 };
  }
}

/** TiDB's statistics health: the share of the analyzed rows not modified since, 0..100. */
function statsHealthy(count: number, modified: number): number {
  if (count <= 0) return modified === 0 ? 100 : 0;
  return modified < count ? Math.trunc((1 - modified / count) * 100) : 0;
}
