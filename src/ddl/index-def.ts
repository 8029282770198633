// Index definitions on a draft TableInfo (CREATE TABLE, ADD INDEX, CREATE INDEX): naming, key-part
// validation, and the column key flags (PRI/UNI/MUL) and offsets that follow from the indexes.
import type { IndexInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { IndexPart } from '../parser/ast.js';
import { type FieldType, Flag, isBlobType, isStringType, TypeCode } from '../types/field-type.js';
import { typeToString } from '../types/type-name.js';
import { checkIdentLength } from './context.js';
import { DDL_ER } from './errors.js';

/** TiDB's default max-index-length. */
const MAX_KEY_BYTES = 3072;

export interface IndexSpec {
  kind: 'primary' | 'unique' | 'index';
  name?: string;
  parts: readonly IndexPart[];
  comment?: string;
  invisible?: boolean;
  indexType?: string;
  /** The GLOBAL option (checked against the table's partitioning by checkUniqueKeys). */
  global?: boolean;
}

function charsetMaxBytes(charset: string): number {
  switch (charset) {
    case 'utf8mb4':
      return 4;
    case 'utf8':
    case 'utf8mb3':
      return 3;
    case 'gbk':
      return 2;
    default:
      return 1;
  }
}

function keyPartBytes(ft: FieldType, length: number): number {
  if (isStringType(ft.tp) && ft.tp !== TypeCode.Enum && ft.tp !== TypeCode.Set) {
    const chars = length >= 0 ? length : Math.max(ft.flen, 0);
    return chars * charsetMaxBytes(ft.charset);
  }
  if (ft.tp === TypeCode.NewDecimal) return Math.ceil(ft.flen / 2) + 1;
  return 8;
}

/** The name an unnamed index gets: its first column's name, then name_2, name_3... when taken. */
function defaultIndexName(t: TableInfo, first: string): string {
  const taken = (n: string) => t.indices.some((i) => i.name.toLowerCase() === n.toLowerCase());
  if (!taken(first) && first.toLowerCase() !== 'primary') return first;
  for (let i = 2; ; i++) if (!taken(`${first}_${i}`)) return `${first}_${i}`;
}

/** Validates an index over the draft's columns and appends it to the draft. */
export function addIndexToDraft(t: TableInfo, spec: IndexSpec): IndexInfo {
  if (spec.kind === 'primary' && t.indices.some((i) => i.primary)) throw sqlError(ER.MULTIPLE_PRI_KEY);
  const columns: IndexInfo['columns'] = [];
  let keyBytes = 0;
  for (const part of spec.parts) {
    if (!part.column) throw sqlError(ER.NOT_SUPPORTED_YET, 'functional index');
    const col = t.columns.find((c) => c.name.toLowerCase() === part.column!.toLowerCase() && c.state !== 'none');
    if (!col) throw sqlError(ER.KEY_COLUMN_DOES_NOT_EXIST, part.column);
    if (columns.some((c) => c.name.toLowerCase() === col.name.toLowerCase()))
      throw sqlError(ER.DUP_FIELDNAME, col.name);
    const ft = col.type;
    if (ft.tp === TypeCode.JSON) throw sqlError(ER.JSON_USED_AS_KEY, col.name);
    const length = part.length ?? -1;
    if (length >= 0) {
      const stringish = isStringType(ft.tp) && ft.tp !== TypeCode.Enum && ft.tp !== TypeCode.Set;
      if (!stringish || length === 0 || (!isBlobType(ft.tp) && ft.flen >= 0 && length > ft.flen)) {
        throw sqlError(DDL_ER.WRONG_SUB_KEY);
      }
    } else if (isBlobType(ft.tp)) {
      throw sqlError(ER.BLOB_KEY_WITHOUT_LENGTH, col.name);
    }
    keyBytes += keyPartBytes(ft, length);
    columns.push({ name: col.name, offset: col.offset, length, ...(part.desc ? { desc: true } : {}) });
  }
  if (keyBytes > MAX_KEY_BYTES) throw sqlError(ER.TOO_LONG_KEY, MAX_KEY_BYTES);
  let name: string;
  if (spec.kind === 'primary') {
    name = 'PRIMARY';
  } else if (spec.name) {
    checkIdentLength(spec.name);
    if (spec.name.toLowerCase() === 'primary') throw sqlError(DDL_ER.WRONG_NAME_FOR_INDEX, spec.name);
    if (t.indices.some((i) => i.name.toLowerCase() === spec.name!.toLowerCase())) {
      throw sqlError(ER.DUP_KEYNAME, spec.name);
    }
    name = spec.name;
  } else {
    name = defaultIndexName(t, columns[0]!.name);
  }
  if (spec.kind === 'primary' && spec.invisible) throw sqlError(DDL_ER.PK_INDEX_CANT_BE_INVISIBLE);
  const idx: IndexInfo = {
    id: ++t.maxIndexId,
    name,
    columns,
    unique: spec.kind !== 'index',
    primary: spec.kind === 'primary',
    comment: spec.comment ?? '',
    visible: !spec.invisible,
    indexType: spec.indexType ?? '',
    state: 'public',
    restoreData: true,
    ...(spec.global ? { global: true } : {}),
  };
  if (idx.primary) {
    for (const c of columns) t.columns[c.offset]!.type.flag |= Flag.NotNull;
  }
  t.indices.push(idx);
  return idx;
}

/** Sets offsets from column positions and index column offsets from names (after reorder or rename). */
export function syncOffsets(t: TableInfo): void {
  t.columns.forEach((c, i) => {
    c.offset = i;
  });
  for (const idx of t.indices) {
    for (const ic of idx.columns) {
      const col = t.columns.find((c) => c.name.toLowerCase() === ic.name.toLowerCase());
      if (col) {
        ic.offset = col.offset;
        ic.name = col.name;
      }
    }
  }
}

/** PRI/UNI/MUL column flags as MySQL derives them from the indexes. */
export function recomputeKeyFlags(t: TableInfo): void {
  const keyFlags = Flag.PriKey | Flag.UniqueKey | Flag.MultipleKey;
  for (const c of t.columns) c.type.flag &= ~keyFlags;
  for (const idx of t.indices) {
    if (idx.state === 'none') continue;
    if (idx.primary) {
      for (const ic of idx.columns) t.columns[ic.offset]!.type.flag |= Flag.PriKey | Flag.NotNull;
    }
  }
  for (const idx of t.indices) {
    if (idx.state === 'none' || idx.primary) continue;
    const first = t.columns[idx.columns[0]!.offset]!;
    if (idx.unique && idx.columns.length === 1) first.type.flag |= Flag.UniqueKey;
    else first.type.flag |= Flag.MultipleKey;
  }
}

/** One AUTO_INCREMENT column at most (1075); since TiDB 7.0 it need not lead an index, as InnoDB's must. */
export function checkAutoIncrement(t: TableInfo): void {
  if (t.columns.filter((c) => c.autoIncrement).length > 1) throw sqlError(ER.WRONG_AUTO_KEY);
}

/** TiDB's largest AUTO_RANDOM shard bits. */
const MAX_AUTO_RANDOM_SHARD_BITS = 15;

/** An AUTO_RANDOM column must be the table's clustered BIGINT primary key, without AUTO_INCREMENT or DEFAULT (8216). */
export function checkAutoRandom(t: TableInfo): void {
  const col = t.columns.find((c) => c.autoRandomBits !== undefined);
  if (!col) return;
  const fail = (msg: string) => sqlError(ER.INVALID_AUTO_RANDOM, msg);
  const pk = t.indices.find((i) => i.primary);
  if (!pk) throw fail('auto_random is only supported on the tables with clustered primary key');
  if (!t.pkIsHandle || pk.columns[0]!.offset !== col.offset)
    throw fail(`column ${col.name} is not the integer primary key, or the primary key is nonclustered`);
  if (col.type.tp !== TypeCode.LongLong)
    throw fail(
      `auto_random option must be defined on \`bigint\` column, but not on \`${typeToString(col.type).replace(/\(.*$/, '')}\` column`,
    );
  if (col.autoIncrement) throw fail('auto_random is incompatible with auto_increment');
  if (col.default) throw fail('auto_random is incompatible with default value');
  const bits = col.autoRandomBits!;
  if (bits > MAX_AUTO_RANDOM_SHARD_BITS)
    throw fail(
      `max allowed auto_random shard bits is ${MAX_AUTO_RANDOM_SHARD_BITS}, but got ${bits} on column \`${col.name}\``,
    );
  if (bits < 1) throw fail(`auto_random shard bits must be greater than 0, but got ${bits} on column \`${col.name}\``);
}

/** Whether the table's primary key, as defined, is the int handle (a single integer column, not NONCLUSTERED). */
export function isIntHandlePk(t: TableInfo, pk: IndexInfo, clustered: boolean | undefined): boolean {
  if (clustered === false || pk.columns.length !== 1) return false;
  const col = t.columns[pk.columns[0]!.offset]!;
  const tp = col.type.tp;
  const isInt =
    tp === TypeCode.Tiny ||
    tp === TypeCode.Short ||
    tp === TypeCode.Int24 ||
    tp === TypeCode.Long ||
    tp === TypeCode.LongLong;
  return isInt && pk.columns[0]!.length < 0;
}
