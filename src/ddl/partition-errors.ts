// Partition error specs with TiDB's texts where they differ from MySQL's or are missing in codes.ts.
import type { ErrorSpec } from '../errors/index.js';

export const PART_ER = {
  REQUIRES_VALUES: {
    code: 1479,
    state: 'HY000',
    format: 'Syntax : %s PARTITIONING requires definition of VALUES %s for each partition',
  },
  VALUES_NOT_INT: { code: 1697, state: 'HY000', format: "VALUES value for partition '%s' must have type INT" },
  WRONG_EXPR_IN_PARTITION_FUNC: {
    code: 1486,
    state: 'HY000',
    format: 'Constant, random or timezone-dependent expressions in (sub)partitioning function are not allowed',
  },
  NO_TEMPORARY: { code: 1562, state: 'HY000', format: 'Cannot create temporary table with partitions' },
  SAME_NAME_FIELD: { code: 1652, state: 'HY000', format: "Duplicate partition field name '%s'" },
  TOO_MANY_VALUES: {
    code: 1657,
    state: 'HY000',
    format: 'Cannot have more than one value for this type of %s partitioning',
  },
} as const satisfies Record<string, ErrorSpec>;
