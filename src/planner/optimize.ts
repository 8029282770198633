// The optimizer: logical rewrite rules in order, then physical choices.
import type { Plan } from './plans.js';
import { chooseAccessPaths } from './rules/access-path.js';
import { reorderJoins } from './rules/join-reorder.js';
import { pushDownPredicates } from './rules/predicate-push-down.js';
import { pushDownTopN } from './rules/topn-push-down.js';

export function optimize(p: Plan): Plan {
  p = pushDownPredicates(p);
  p = reorderJoins(p);
  p = pushDownTopN(p);
  p = chooseAccessPaths(p);
  return p;
}
