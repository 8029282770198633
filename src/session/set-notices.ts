// What TiDB says (and keeps) around some system variable assignments: deprecated switches that stay on,
// and advice after switching partition pruning to dynamic mode. Warnings are code 1105, as TiDB's are.
import { ER, type SqlWarning } from '../errors/index.js';

const warning = (message: string): SqlWarning => ({ level: 'Warning', code: ER.UNKNOWN.code, message });

/** Whether the assignment is refused quietly (the variable keeps its value), after its warning. */
export function keepsItsValue(name: string, value: string | number | bigint | null, warnings: SqlWarning[]): boolean {
  if (name !== 'tidb_enable_exchange_partition') return false;
  const off = value === 0 || value === 0n || (typeof value === 'string' && /^(0|off|false)$/i.test(value.trim()));
  if (off) {
    warnings.push(
      warning(
        'tidb_enable_exchange_partition is always turned on. This variable has been deprecated and will be removed in the future releases',
      ),
    );
  }
  return true;
}

/** Advice after an assignment, given the variable's value before and after it. */
export function afterAssignment(
  name: string,
  global: boolean,
  before: string,
  after: string,
  warnings: SqlWarning[],
): void {
  if (name !== 'tidb_partition_prune_mode' || after !== 'dynamic') return;
  if (global || before === 'static') {
    warnings.push(
      warning('Please analyze all partition tables again for consistency between partition and global stats'),
    );
  }
  if (!global && before === 'static') {
    warnings.push(
      warning(
        'Please avoid setting partition prune mode to dynamic at session level and set partition prune mode to dynamic at global level',
      ),
    );
  }
}
