// Turns a type as written in SQL (DDL, CAST) into a FieldType with MySQL's defaults and limits.
import { ER, sqlError } from '../errors/index.js';
import type { TypeSpec } from '../parser/ast.js';
import { getCharset } from '../types/charset.js';
import { getCollation } from '../types/collation.js';
import {
  CHARSET_BIN,
  COLLATE_BIN,
  defaultFlen,
  type FieldType,
  Flag,
  MAX_DECIMAL_PRECISION,
  MAX_DECIMAL_SCALE,
  newFieldType,
  TypeCode,
  UNSPECIFIED,
} from '../types/field-type.js';

const INT_CODES: Record<string, TypeCode> = {
  TINYINT: TypeCode.Tiny,
  SMALLINT: TypeCode.Short,
  MEDIUMINT: TypeCode.Int24,
  INT: TypeCode.Long,
  BIGINT: TypeCode.LongLong,
};

const BLOB_CODES: Record<string, [TypeCode, number, boolean]> = {
  TINYTEXT: [TypeCode.TinyBlob, 255, false],
  TEXT: [TypeCode.Blob, 65535, false],
  MEDIUMTEXT: [TypeCode.MediumBlob, 16777215, false],
  LONGTEXT: [TypeCode.LongBlob, 4294967295, false],
  TINYBLOB: [TypeCode.TinyBlob, 255, true],
  BLOB: [TypeCode.Blob, 65535, true],
  MEDIUMBLOB: [TypeCode.MediumBlob, 16777215, true],
  LONGBLOB: [TypeCode.LongBlob, 4294967295, true],
};

export interface StringDefaults {
  charset: string;
  collate: string;
}

/** A column type; `colName` is for error messages. */
export function fieldTypeFromSpec(spec: TypeSpec, defaults: StringDefaults, colName = ''): FieldType {
  const name = spec.name.toUpperCase();
  let flag = 0;
  if (spec.unsigned || spec.zerofill) flag |= Flag.Unsigned;
  if (spec.zerofill) flag |= Flag.Zerofill;
  const intCode = INT_CODES[name];
  if (intCode !== undefined) {
    const flen = spec.length ?? defaultFlen(intCode, (flag & Flag.Unsigned) !== 0);
    if (flen > 255) throw sqlError(ER.TOO_BIG_DISPLAYWIDTH, colName, 255);
    return newFieldType(intCode, { flag, flen, decimal: 0 });
  }
  switch (name) {
    case 'BOOL':
    case 'BOOLEAN':
      return newFieldType(TypeCode.Tiny, { flag, flen: 1, decimal: 0 });
    case 'SIGNED':
      return newFieldType(TypeCode.LongLong, { flen: 22, decimal: 0 });
    case 'UNSIGNED':
      return newFieldType(TypeCode.LongLong, { flag: Flag.Unsigned, flen: 22, decimal: 0 });
    case 'DECIMAL': {
      const flen = spec.length ?? 10;
      const decimal = spec.decimals ?? 0;
      if (flen > MAX_DECIMAL_PRECISION) throw sqlError(ER.TOO_BIG_PRECISION, flen, colName, MAX_DECIMAL_PRECISION);
      if (decimal > MAX_DECIMAL_SCALE) throw sqlError(ER.TOO_BIG_SCALE, decimal, colName, MAX_DECIMAL_SCALE);
      if (decimal > flen) throw sqlError(ER.M_BIGGER_THAN_D, colName);
      return newFieldType(TypeCode.NewDecimal, { flag, flen, decimal });
    }
    case 'FLOAT': {
      if (spec.length !== undefined && spec.decimals === undefined && spec.length > 24) {
        return newFieldType(TypeCode.Double, { flag, flen: 22, decimal: UNSPECIFIED });
      }
      return newFieldType(TypeCode.Float, { flag, flen: spec.length ?? 12, decimal: spec.decimals ?? UNSPECIFIED });
    }
    case 'DOUBLE':
      return newFieldType(TypeCode.Double, { flag, flen: spec.length ?? 22, decimal: spec.decimals ?? UNSPECIFIED });
    case 'BIT':
      return newFieldType(TypeCode.Bit, { flag: flag | Flag.Unsigned, flen: spec.length ?? 1, decimal: 0 });
    case 'YEAR':
      return newFieldType(TypeCode.Year, { flag: flag | Flag.Unsigned | Flag.Zerofill, flen: 4, decimal: 0 });
    case 'DATE':
      return newFieldType(TypeCode.Date, { flag: flag | Flag.Binary, flen: 10, decimal: 0 });
    case 'DATETIME':
    case 'TIMESTAMP':
    case 'TIME': {
      const fsp = spec.length ?? 0;
      if (fsp > 6) throw sqlError(ER.TOO_BIG_PRECISION, fsp, colName, 6);
      const tp =
        name === 'DATETIME' ? TypeCode.Datetime : name === 'TIMESTAMP' ? TypeCode.Timestamp : TypeCode.Duration;
      const base = name === 'TIME' ? 10 : 19;
      return newFieldType(tp, { flag: flag | Flag.Binary, flen: fsp ? base + 1 + fsp : base, decimal: fsp });
    }
    case 'GEOMETRY':
    case 'POINT':
    case 'LINESTRING':
    case 'POLYGON':
    case 'MULTIPOINT':
    case 'MULTILINESTRING':
    case 'MULTIPOLYGON':
    case 'GEOMETRYCOLLECTION':
      return newFieldType(TypeCode.Geometry, {
        flag: Flag.Binary | Flag.Blob,
        flen: 4294967295,
        decimal: 0,
        charset: CHARSET_BIN,
        collate: COLLATE_BIN,
      });
    case 'JSON':
      return newFieldType(TypeCode.JSON, {
        flag: Flag.Binary,
        flen: 4294967295,
        decimal: 0,
        charset: CHARSET_BIN,
        collate: COLLATE_BIN,
      });
  }
  const blob = BLOB_CODES[name];
  if (blob) {
    const [tp, flen, binary] = blob;
    const cs = binary ? { charset: CHARSET_BIN, collate: COLLATE_BIN } : stringCharset(spec, defaults);
    const f = cs.charset === CHARSET_BIN ? Flag.Binary | Flag.Blob : Flag.Blob;
    return newFieldType(tp, { flag: flag | f, flen, decimal: 0, ...cs });
  }
  switch (name) {
    case 'CHAR':
    case 'VARCHAR':
    case 'BINARY':
    case 'VARBINARY': {
      const binary = name === 'BINARY' || name === 'VARBINARY';
      const cs = binary ? { charset: CHARSET_BIN, collate: COLLATE_BIN } : stringCharset(spec, defaults);
      const tp = name === 'CHAR' || name === 'BINARY' ? TypeCode.String : TypeCode.Varchar;
      let flen = spec.length ?? (tp === TypeCode.String ? 1 : UNSPECIFIED);
      if (tp === TypeCode.String && flen > 255) throw sqlError(ER.TOO_BIG_FIELDLENGTH, colName, 255);
      if (tp === TypeCode.Varchar) {
        // A VARCHAR holds at most 65535 bytes: 16383 utf8mb4 characters.
        const max = Math.floor(65535 / (BYTES_PER_CHAR[cs.charset] ?? 1));
        if (flen > max) throw sqlError(ER.TOO_BIG_FIELDLENGTH, colName, max);
      }
      if (flen === UNSPECIFIED) flen = -1;
      return newFieldType(tp, { flag: flag | (cs.charset === CHARSET_BIN ? Flag.Binary : 0), flen, decimal: 0, ...cs });
    }
    case 'ENUM':
    case 'SET': {
      const cs = stringCharset(spec, defaults);
      const elems = spec.elems ?? [];
      const flen =
        name === 'ENUM'
          ? Math.max(0, ...elems.map((e) => e.length))
          : elems.reduce((a, e) => a + e.length, 0) + Math.max(0, elems.length - 1);
      return newFieldType(name === 'ENUM' ? TypeCode.Enum : TypeCode.Set, {
        flag: flag | (name === 'ENUM' ? Flag.Enum : Flag.Set),
        flen,
        decimal: 0,
        elems,
        ...cs,
      });
    }
  }
  throw sqlError(ER.NOT_SUPPORTED_YET, `type ${spec.name}`);
}

const BYTES_PER_CHAR: Record<string, number> = { utf8mb4: 4, utf8: 3, utf8mb3: 3, gbk: 2 };

function stringCharset(spec: TypeSpec, defaults: StringDefaults): StringDefaults {
  if (spec.collate) {
    const coll = getCollation(spec.collate);
    if (!coll) throw sqlError(ER.UNKNOWN_COLLATION, spec.collate);
    return { charset: coll.charset, collate: coll.name };
  }
  if (spec.charset) {
    const cs = getCharset(spec.charset);
    if (!cs) throw sqlError(ER.UNKNOWN_CHARACTER_SET, spec.charset);
    if (spec.binaryAttr) return { charset: cs.name, collate: `${cs.name}_bin` };
    return { charset: cs.name, collate: cs.defaultCollation };
  }
  if (spec.binaryAttr) return { charset: defaults.charset, collate: `${defaults.charset}_bin` };
  return defaults;
}
