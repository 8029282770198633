// INFORMATION_SCHEMA: virtual tables whose rows are computed from the schema snapshot when read.
import type { ColumnInfo, TableInfo } from '../catalog/model.js';
import { publicColumns } from '../catalog/model.js';
import type { VirtualTableProvider } from '../planner/builder/env.js';
import { type FieldType, Flag, newFieldType, TypeCode } from '../types/field-type.js';
import { typeToString } from '../types/type-name.js';
import type { Row } from '../types/value.js';
import { countPhysical } from '../ddl/partition-data.js';
import { partitionDescription, partitionExpression, partitionMethod } from '../ddl/partition-format.js';
import type { Domain } from './domain.js';
import type { Session } from './session.js';
import { defaultText } from './show-create.js';

export const INFORMATION_SCHEMA = 'information_schema';

type ColSpec = [name: string, kind: 'str' | 'int'];

const SPECS: Record<string, ColSpec[]> = {
  SCHEMATA: [
    ['CATALOG_NAME', 'str'],
    ['SCHEMA_NAME', 'str'],
    ['DEFAULT_CHARACTER_SET_NAME', 'str'],
    ['DEFAULT_COLLATION_NAME', 'str'],
    ['SQL_PATH', 'str'],
  ],
  TABLES: [
    ['TABLE_CATALOG', 'str'],
    ['TABLE_SCHEMA', 'str'],
    ['TABLE_NAME', 'str'],
    ['TABLE_TYPE', 'str'],
    ['ENGINE', 'str'],
    ['VERSION', 'int'],
    ['ROW_FORMAT', 'str'],
    ['TABLE_ROWS', 'int'],
    ['AVG_ROW_LENGTH', 'int'],
    ['DATA_LENGTH', 'int'],
    ['AUTO_INCREMENT', 'int'],
    ['CREATE_TIME', 'str'],
    ['TABLE_COLLATION', 'str'],
    ['CREATE_OPTIONS', 'str'],
    ['TABLE_COMMENT', 'str'],
    ['TIDB_TABLE_ID', 'int'],
    ['TIDB_PLACEMENT_POLICY_NAME', 'str'],
  ],
  PLACEMENT_POLICIES: [
    ['POLICY_ID', 'int'],
    ['CATALOG_NAME', 'str'],
    ['POLICY_NAME', 'str'],
    ['PRIMARY_REGION', 'str'],
    ['REGIONS', 'str'],
    ['CONSTRAINTS', 'str'],
    ['LEADER_CONSTRAINTS', 'str'],
    ['FOLLOWER_CONSTRAINTS', 'str'],
    ['LEARNER_CONSTRAINTS', 'str'],
    ['SCHEDULE', 'str'],
    ['FOLLOWERS', 'int'],
    ['LEARNERS', 'int'],
  ],
  COLUMNS: [
    ['TABLE_CATALOG', 'str'],
    ['TABLE_SCHEMA', 'str'],
    ['TABLE_NAME', 'str'],
    ['COLUMN_NAME', 'str'],
    ['ORDINAL_POSITION', 'int'],
    ['COLUMN_DEFAULT', 'str'],
    ['IS_NULLABLE', 'str'],
    ['DATA_TYPE', 'str'],
    ['CHARACTER_MAXIMUM_LENGTH', 'int'],
    ['CHARACTER_OCTET_LENGTH', 'int'],
    ['NUMERIC_PRECISION', 'int'],
    ['NUMERIC_SCALE', 'int'],
    ['DATETIME_PRECISION', 'int'],
    ['CHARACTER_SET_NAME', 'str'],
    ['COLLATION_NAME', 'str'],
    ['COLUMN_TYPE', 'str'],
    ['COLUMN_KEY', 'str'],
    ['EXTRA', 'str'],
    ['PRIVILEGES', 'str'],
    ['COLUMN_COMMENT', 'str'],
    ['GENERATION_EXPRESSION', 'str'],
  ],
  KEY_COLUMN_USAGE: [
    ['CONSTRAINT_CATALOG', 'str'],
    ['CONSTRAINT_SCHEMA', 'str'],
    ['CONSTRAINT_NAME', 'str'],
    ['TABLE_CATALOG', 'str'],
    ['TABLE_SCHEMA', 'str'],
    ['TABLE_NAME', 'str'],
    ['COLUMN_NAME', 'str'],
    ['ORDINAL_POSITION', 'int'],
    ['POSITION_IN_UNIQUE_CONSTRAINT', 'int'],
    ['REFERENCED_TABLE_SCHEMA', 'str'],
    ['REFERENCED_TABLE_NAME', 'str'],
    ['REFERENCED_COLUMN_NAME', 'str'],
  ],
  TABLE_CONSTRAINTS: [
    ['CONSTRAINT_CATALOG', 'str'],
    ['CONSTRAINT_SCHEMA', 'str'],
    ['CONSTRAINT_NAME', 'str'],
    ['TABLE_SCHEMA', 'str'],
    ['TABLE_NAME', 'str'],
    ['CONSTRAINT_TYPE', 'str'],
    ['ENFORCED', 'str'],
  ],
  CHECK_CONSTRAINTS: [
    ['CONSTRAINT_CATALOG', 'str'],
    ['CONSTRAINT_SCHEMA', 'str'],
    ['CONSTRAINT_NAME', 'str'],
    ['CHECK_CLAUSE', 'str'],
  ],
  TIDB_CHECK_CONSTRAINTS: [
    ['CONSTRAINT_CATALOG', 'str'],
    ['CONSTRAINT_SCHEMA', 'str'],
    ['CONSTRAINT_NAME', 'str'],
    ['CHECK_CLAUSE', 'str'],
    ['TABLE_NAME', 'str'],
    ['TABLE_ID', 'int'],
  ],
  REFERENTIAL_CONSTRAINTS: [
    ['CONSTRAINT_CATALOG', 'str'],
    ['CONSTRAINT_SCHEMA', 'str'],
    ['CONSTRAINT_NAME', 'str'],
    ['UNIQUE_CONSTRAINT_CATALOG', 'str'],
    ['UNIQUE_CONSTRAINT_SCHEMA', 'str'],
    ['UNIQUE_CONSTRAINT_NAME', 'str'],
    ['MATCH_OPTION', 'str'],
    ['UPDATE_RULE', 'str'],
    ['DELETE_RULE', 'str'],
    ['TABLE_NAME', 'str'],
    ['REFERENCED_TABLE_NAME', 'str'],
  ],
  STATISTICS: [
    ['TABLE_CATALOG', 'str'],
    ['TABLE_SCHEMA', 'str'],
    ['TABLE_NAME', 'str'],
    ['NON_UNIQUE', 'int'],
    ['INDEX_SCHEMA', 'str'],
    ['INDEX_NAME', 'str'],
    ['SEQ_IN_INDEX', 'int'],
    ['COLUMN_NAME', 'str'],
    ['NULLABLE', 'str'],
    ['INDEX_TYPE', 'str'],
    ['IS_VISIBLE', 'str'],
  ],
  PARTITIONS: [
    ['TABLE_CATALOG', 'str'],
    ['TABLE_SCHEMA', 'str'],
    ['TABLE_NAME', 'str'],
    ['PARTITION_NAME', 'str'],
    ['PARTITION_ORDINAL_POSITION', 'int'],
    ['PARTITION_METHOD', 'str'],
    ['PARTITION_EXPRESSION', 'str'],
    ['PARTITION_DESCRIPTION', 'str'],
    ['TABLE_ROWS', 'int'],
    ['PARTITION_COMMENT', 'str'],
    ['TIDB_PARTITION_ID', 'int'],
    ['TIDB_PLACEMENT_POLICY_NAME', 'str'],
  ],
  VIEWS: [
    ['TABLE_CATALOG', 'str'],
    ['TABLE_SCHEMA', 'str'],
    ['TABLE_NAME', 'str'],
    ['VIEW_DEFINITION', 'str'],
    ['CHECK_OPTION', 'str'],
    ['IS_UPDATABLE', 'str'],
    ['DEFINER', 'str'],
    ['SECURITY_TYPE', 'str'],
  ],
};

const TABLE_INFOS = new Map<string, TableInfo>();
let nextId = -1;
for (const [name, spec] of Object.entries(SPECS)) {
  const columns: ColumnInfo[] = spec.map(([n, kind], i) => ({
    id: i + 1,
    name: n,
    offset: i,
    type:
      kind === 'int'
        ? newFieldType(TypeCode.LongLong, { flen: 21, decimal: 0 })
        : newFieldType(TypeCode.VarString, { flen: 512, decimal: 0, flag: 0 & Flag.NotNull }),
    autoIncrement: false,
    onUpdateNow: false,
    comment: '',
    state: 'public',
  }));
  TABLE_INFOS.set(name, {
    id: nextId--,
    name,
    charset: 'utf8mb4',
    collate: 'utf8mb4_bin',
    comment: '',
    columns,
    indices: [],
    pkIsHandle: false,
    isCommonHandle: false,
    maxColumnId: columns.length,
    maxIndexId: 0,
    createTime: 0,
    updateTime: 0,
  });
}

export function infoSchemaTableNames(): string[] {
  return [...TABLE_INFOS.keys()];
}

export function virtualTables(_domain: Domain): VirtualTableProvider {
  return {
    lookup(db, table) {
      if (db.toLowerCase() !== INFORMATION_SCHEMA) return undefined;
      return TABLE_INFOS.get(table.toUpperCase());
    },
  };
}

export async function virtualRows(s: Session, t: TableInfo): Promise<Row[]> {
  const is = s.domain.infoSchema();
  const out: Row[] = [];
  const dbs = is.databases();
  switch (t.name) {
    case 'SCHEMATA':
      out.push(['def', INFORMATION_SCHEMA, 'utf8mb4', 'utf8mb4_bin', null]);
      for (const db of dbs) out.push(['def', db.name, db.charset, db.collate, null]);
      break;
    case 'TABLES':
      for (const name of TABLE_INFOS.keys()) {
        out.push([
          'def',
          INFORMATION_SCHEMA,
          name,
          'SYSTEM VIEW',
          null,
          10,
          null,
          null,
          0,
          0,
          null,
          null,
          'utf8mb4_bin',
          '',
          '',
          null,
          null,
        ]);
      }
      for (const db of dbs) {
        for (const tb of is.tables(db.name)) {
          const view = tb.view !== undefined;
          out.push([
            'def',
            db.name,
            tb.name,
            view ? 'VIEW' : 'BASE TABLE',
            view ? null : 'InnoDB',
            10,
            view ? null : 'Compact',
            view ? null : 0,
            view ? null : 0,
            view ? null : 0,
            null,
            new Date(tb.createTime).toISOString().slice(0, 19).replace('T', ' '),
            view ? null : tb.collate,
            tb.partition ? 'partitioned' : '',
            view ? 'VIEW' : tb.comment,
            tb.id,
            tb.placementPolicy ?? null,
          ]);
        }
      }
      break;
    case 'COLUMNS':
      for (const db of dbs) {
        for (const tb of is.tables(db.name)) {
          publicColumns(tb).forEach((c, i) => {
            const ft = c.type;
            const str = ft.charset !== 'binary' || ft.tp === TypeCode.String || ft.tp === TypeCode.Varchar;
            const typeName = typeToString(ft);
            out.push([
              'def',
              db.name,
              tb.name,
              c.name,
              i + 1,
              defaultText(c),
              ft.flag & Flag.NotNull ? 'NO' : 'YES',
              typeName.replace(/\(.*$/, '').replace(/ .*$/, ''),
              str && ft.flen > 0 ? ft.flen : null,
              str && ft.flen > 0 ? ft.flen * (ft.charset === 'binary' ? 1 : 4) : null,
              ...numericPrecision(ft),
              ft.tp === TypeCode.Datetime || ft.tp === TypeCode.Timestamp || ft.tp === TypeCode.Duration
                ? Math.max(0, ft.decimal)
                : null,
              ft.charset === 'binary' ? null : ft.charset,
              ft.charset === 'binary' ? null : ft.collate,
              typeName,
              columnKey(tb, c),
              c.autoIncrement ? 'auto_increment' : c.onUpdateNow ? 'on update CURRENT_TIMESTAMP' : '',
              'select,insert,update,references',
              c.comment,
              '',
            ]);
          });
        }
      }
      break;
    case 'STATISTICS':
      for (const db of dbs) {
        for (const tb of is.tables(db.name)) {
          for (const idx of tb.indices) {
            idx.columns.forEach((ic, i) => {
              const col = tb.columns[ic.offset]!;
              out.push([
                'def',
                db.name,
                tb.name,
                idx.unique ? 0 : 1,
                db.name,
                idx.name,
                i + 1,
                col.name,
                col.type.flag & Flag.NotNull ? '' : 'YES',
                'BTREE',
                idx.visible ? 'YES' : 'NO',
              ]);
            });
          }
        }
      }
      break;
    case 'KEY_COLUMN_USAGE':
    case 'TABLE_CONSTRAINTS':
      for (const db of dbs) {
        for (const tb of is.tables(db.name)) {
          for (const idx of tb.indices) {
            if (!idx.primary && !idx.unique) continue;
            const name = idx.primary ? 'PRIMARY' : idx.name;
            if (t.name === 'TABLE_CONSTRAINTS') {
              out.push(['def', db.name, name, db.name, tb.name, idx.primary ? 'PRIMARY KEY' : 'UNIQUE', 'YES']);
              continue;
            }
            idx.columns.forEach((ic, i) => {
              const col = tb.columns[ic.offset]!.name;
              out.push(['def', db.name, name, 'def', db.name, tb.name, col, i + 1, null, null, null, null]);
            });
          }
          if (t.name !== 'TABLE_CONSTRAINTS') continue;
          for (const c of tb.checks ?? []) {
            out.push(['def', db.name, c.name, db.name, tb.name, 'CHECK', c.enforced ? 'YES' : 'NO']);
          }
        }
      }
      break;
    case 'CHECK_CONSTRAINTS':
    case 'TIDB_CHECK_CONSTRAINTS':
      for (const db of dbs) {
        for (const tb of is.tables(db.name)) {
          for (const c of tb.checks ?? []) {
            const row: Row = ['def', db.name, c.name, `(${c.expr})`];
            if (t.name === 'TIDB_CHECK_CONSTRAINTS') row.push(tb.name, tb.id);
            out.push(row);
          }
        }
      }
      break;
    case 'PARTITIONS':
      for (const db of dbs) {
        for (const tb of is.tables(db.name)) {
          if (tb.view) continue;
          const p = tb.partition;
          if (!p) {
            out.push(['def', db.name, tb.name, null, null, null, null, null, 0, '', null, null]);
            continue;
          }
          const reader = s.txn ?? s.domain.storage.snapshot();
          for (const [i, d] of p.definitions.entries()) {
            out.push([
              'def',
              db.name,
              tb.name,
              d.name,
              i + 1,
              partitionMethod(p),
              partitionExpression(p),
              partitionDescription(p, d),
              await countPhysical(reader, tb, d.id),
              d.comment ?? '',
              d.id,
              d.placementPolicy ?? null,
            ]);
          }
        }
      }
      break;
    case 'VIEWS':
      for (const db of dbs) {
        for (const tb of is.tables(db.name)) {
          if (!tb.view) continue;
          out.push([
            'def',
            db.name,
            tb.name,
            tb.view.select,
            tb.view.checkOption || 'NONE',
            'YES',
            tb.view.definer,
            tb.view.security,
          ]);
        }
      }
      break;
    case 'PLACEMENT_POLICIES':
      for (const p of is.policies()) {
        const o = p.settings;
        out.push([
          p.id,
          'def',
          p.name,
          o.primaryRegion ?? '',
          o.regions ?? '',
          o.constraints ?? '',
          o.leaderConstraints ?? '',
          o.followerConstraints ?? '',
          o.learnerConstraints ?? '',
          o.schedule ?? '',
          o.followers ?? 0,
          o.learners ?? 0,
        ]);
      }
      break;
  }
  return out;
}

/** NUMERIC_PRECISION and NUMERIC_SCALE of a column type (null for non-numeric types). */
function numericPrecision(ft: FieldType): [number | null, number | null] {
  const unsigned = (ft.flag & Flag.Unsigned) !== 0;
  switch (ft.tp) {
    case TypeCode.Tiny:
      return [3, 0];
    case TypeCode.Short:
      return [5, 0];
    case TypeCode.Int24:
      return [7, 0];
    case TypeCode.Long:
      return [10, 0];
    case TypeCode.LongLong:
      return [unsigned ? 20 : 19, 0];
    case TypeCode.NewDecimal:
      return [ft.flen, Math.max(0, ft.decimal)];
    case TypeCode.Float:
      return [12, ft.decimal > 0 && ft.decimal < 31 ? ft.decimal : null];
    case TypeCode.Double:
      return [22, ft.decimal > 0 && ft.decimal < 31 ? ft.decimal : null];
    case TypeCode.Bit:
      return [ft.flen, null];
    default:
      return [null, null];
  }
}

export function columnKey(t: TableInfo, c: ColumnInfo): string {
  for (const idx of t.indices) {
    if (idx.columns[0]?.offset !== c.offset) continue;
    if (idx.primary) return 'PRI';
  }
  for (const idx of t.indices) {
    if (idx.columns[0]?.offset !== c.offset) continue;
    if (idx.unique && idx.columns.length === 1) return 'UNI';
  }
  for (const idx of t.indices) if (idx.columns[0]?.offset === c.offset) return 'MUL';
  return '';
}
