// Type names as MySQL/TiDB print them in SHOW CREATE TABLE, information_schema and EXPLAIN.
import { type FieldType, Flag, TypeCode, UNSPECIFIED } from './field-type.js';

const BASE_NAMES: Record<number, string> = {
  [TypeCode.Tiny]: 'tinyint',
  [TypeCode.Short]: 'smallint',
  [TypeCode.Int24]: 'mediumint',
  [TypeCode.Long]: 'int',
  [TypeCode.LongLong]: 'bigint',
  [TypeCode.Float]: 'float',
  [TypeCode.Double]: 'double',
  [TypeCode.NewDecimal]: 'decimal',
  [TypeCode.Decimal]: 'decimal',
  [TypeCode.Null]: 'null',
  [TypeCode.Timestamp]: 'timestamp',
  [TypeCode.Date]: 'date',
  [TypeCode.NewDate]: 'date',
  [TypeCode.Duration]: 'time',
  [TypeCode.Datetime]: 'datetime',
  [TypeCode.Year]: 'year',
  [TypeCode.Bit]: 'bit',
  [TypeCode.JSON]: 'json',
  [TypeCode.Enum]: 'enum',
  [TypeCode.Set]: 'set',
  [TypeCode.Geometry]: 'geometry',
};

/** The SQL name of a string/blob type, which depends on the charset (binary → BINARY/BLOB names). */
function stringTypeName(ft: FieldType): string {
  const bin = ft.charset === 'binary';
  switch (ft.tp) {
    case TypeCode.Varchar:
    case TypeCode.VarString:
      return bin ? 'varbinary' : 'varchar';
    case TypeCode.String:
      return bin ? 'binary' : 'char';
    case TypeCode.TinyBlob:
      return bin ? 'tinyblob' : 'tinytext';
    case TypeCode.Blob:
      return bin ? 'blob' : 'text';
    case TypeCode.MediumBlob:
      return bin ? 'mediumblob' : 'mediumtext';
    case TypeCode.LongBlob:
      return bin ? 'longblob' : 'longtext';
    default:
      return BASE_NAMES[ft.tp] ?? 'unknown';
  }
}

function quoteElem(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** `int(11)`, `decimal(10,2)`, `varchar(20)`, `datetime(3)`, `enum('a','b')`, with ` unsigned` / ` zerofill`. */
export function typeToString(ft: FieldType): string {
  let s = stringTypeName(ft);
  switch (ft.tp) {
    case TypeCode.Enum:
    case TypeCode.Set:
      s += `(${(ft.elems ?? []).map(quoteElem).join(',')})`;
      break;
    case TypeCode.NewDecimal:
    case TypeCode.Decimal:
      if (ft.flen !== UNSPECIFIED) s += `(${ft.flen},${Math.max(ft.decimal, 0)})`;
      break;
    case TypeCode.Float:
    case TypeCode.Double:
      if (ft.flen !== UNSPECIFIED && ft.decimal !== UNSPECIFIED) s += `(${ft.flen},${ft.decimal})`;
      break;
    case TypeCode.Datetime:
    case TypeCode.Timestamp:
    case TypeCode.Duration:
      if (ft.decimal > 0) s += `(${ft.decimal})`;
      break;
    case TypeCode.Date:
    case TypeCode.NewDate:
    case TypeCode.JSON:
    case TypeCode.Null:
    case TypeCode.TinyBlob:
    case TypeCode.Blob:
    case TypeCode.MediumBlob:
    case TypeCode.LongBlob:
      break;
    case TypeCode.Year:
      s += '(4)';
      break;
    default:
      if (ft.flen !== UNSPECIFIED) s += `(${ft.flen})`;
  }
  if (ft.flag & Flag.Unsigned) s += ' unsigned';
  if (ft.flag & Flag.Zerofill) s += ' zerofill';
  return s;
}
