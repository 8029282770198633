// Results of SHOW-like statements: named VARCHAR columns (BIGINT where a value is numeric).
import type { QueryResult, RowMode } from '../api-types.js';
import { Column } from '../expression/expression.js';
import { Flag, newFieldType, TypeCode } from '../types/field-type.js';
import type { Value } from '../types/value.js';
import { fieldInfo, formatRows } from './result-format.js';

export function simpleResult(names: string[], rows: Value[][], rowMode: RowMode, table = ''): QueryResult {
  const types = names.map((_, i) => {
    const numeric =
      rows.length > 0 && rows.every((r) => r[i] === null || typeof r[i] === 'number' || typeof r[i] === 'bigint');
    return numeric
      ? newFieldType(TypeCode.LongLong, { flen: 21, decimal: 0 })
      : newFieldType(TypeCode.VarString, { flen: 256, decimal: 0, flag: 0 & Flag.NotNull });
  });
  const cols = names.map((n, i) => new Column(types[i]!, { column: n }));
  const fields = cols.map((c, i) =>
    fieldInfo(c, { name: names[i]!, orgName: names[i]!, table, orgTable: table, db: '' }),
  );
  return {
    rows: formatRows(rows, types, names, rowMode),
    fields,
    affectedRows: 0,
    insertId: 0,
    info: '',
    warnings: [],
  };
}
