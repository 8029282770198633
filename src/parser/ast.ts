// The abstract syntax tree the parser produces: plain, JSON-like objects discriminated by `kind`,
// never mutated after parsing (the planner builds its own structures from it). One file per family.
export type * from './ast-ddl.js';
export type * from './ast-dml.js';
export type * from './ast-expr.js';
export type * from './ast-query.js';
export type * from './ast-stmt.js';
