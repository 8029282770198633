// The optimizer: logical rewrite rules in order, then physical choices.
import type { Plan } from './plans.js';
import { chooseAccessPaths } from './rules/access-path.js';
import { deriveStats } from './rules/derive-stats.js';
import { reorderJoins } from './rules/join-reorder.js';
import { prunePartitionedSources } from './rules/partition-pruning.js';
import { pushDownPredicates } from './rules/predicate-push-down.js';
import { eliminateProjections } from './rules/projection-elimination.js';
import { pushDownTopN } from './rules/topn-push-down.js';

export function optimize(p: Plan): Plan {
  p = pushDownPredicates(p);
  p = reorderJoins(p);
  p = prunePartitionedSources(p);
  p = pushDownTopN(p);
  p = chooseAccessPaths(p);
  p = eliminateProjections(p);
  deriveStats(p);
  return p;
}
