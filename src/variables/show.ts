// How variable values are presented: SHOW VARIABLES prints the stored text ('ON', 'REPEATABLE-READ');
// SELECT @@x gives numbers for boolean and numeric variables (@@autocommit is 1), as MySQL does.
import { getSysVarDef } from './sysvar.js';

/** The Value column of SHOW [GLOBAL|SESSION] VARIABLES. */
export function formatForShow(name: string, value: string): string {
  const def = getSysVarDef(name);
  if (def?.type === 'bool') return value.toUpperCase() === 'ON' || value === '1' ? 'ON' : 'OFF';
  return value;
}

/**
 * The result of SELECT @@name: 1/0 for booleans, a number for integer and float variables
 * (a decimal string for integers beyond 2^53, such as sql_select_limit's default), the text otherwise.
 */
export function formatForSelect(name: string, value: string): string | number {
  const def = getSysVarDef(name);
  if (!def) return value;
  switch (def.type) {
    case 'bool':
      return value.toUpperCase() === 'ON' || value === '1' ? 1 : 0;
    case 'int':
    case 'uint': {
      if (!/^-?\d+$/.test(value)) return value;
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : value;
    }
    case 'float': {
      const n = Number(value);
      return value !== '' && Number.isFinite(n) ? n : value;
    }
    default:
      return value;
  }
}
