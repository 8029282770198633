// Error specs DDL needs that src/errors/codes.ts does not have yet (MySQL's codes and texts).
import type { ErrorSpec } from '../errors/index.js';

export const DDL_ER = {
  WRONG_SUB_KEY: {
    code: 1089,
    state: 'HY000',
    format:
      "Incorrect prefix key; the used key part isn't a string, the used length is longer than the key part, or the storage engine doesn't support unique prefix keys",
  },
  WRONG_NAME_FOR_INDEX: { code: 1280, state: '42000', format: "Incorrect index name '%s'" },
  INVALID_ON_UPDATE: { code: 1294, state: 'HY000', format: "Invalid ON UPDATE clause for '%s' column" },
  PK_INDEX_CANT_BE_INVISIBLE: { code: 3522, state: 'HY000', format: 'A primary key index cannot be invisible' },
} as const satisfies Record<string, ErrorSpec>;
