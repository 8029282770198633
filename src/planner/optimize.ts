// The optimizer: logical rewrite rules in order, then physical choices.
import type { Plan } from './plans.js';
import { chooseIndexJoins, type IndexJoinEnv } from './rules/index-join.js';
import { chooseAccessPaths } from './rules/access-path.js';
import { pruneColumns } from './rules/column-pruning.js';
import { decorrelateSubqueries } from './rules/decorrelate.js';
import { deriveStats } from './rules/derive-stats.js';
import { extractDnfCommonFactors } from './rules/dnf-common-factors.js';
import { substituteIndexExpressions } from './rules/expression-index.js';
import { reorderJoins } from './rules/join-reorder.js';
import { keepOrder } from './rules/keep-order.js';
import { prunePartitionedSources } from './rules/partition-pruning.js';
import { pushDownPredicates } from './rules/predicate-push-down.js';
import { pushDownToReaders } from './rules/push-down-to-readers.js';
import { eliminateProjections } from './rules/projection-elimination.js';
import { planRuntimeFilters } from './rules/runtime-filter.js';
import { pushDownTopN } from './rules/topn-push-down.js';

/** `joins`: hints, warning sink and prune mode for join algorithm choice (queries); without it joins hash. */
export function optimize(p: Plan, joins?: IndexJoinEnv): Plan {
  p = decorrelateSubqueries(p);
  p = extractDnfCommonFactors(p);
  p = pushDownPredicates(p);
  p = substituteIndexExpressions(p);
  p = reorderJoins(p);
  p = pushDownTopN(p);
  // Before partition pruning: static mode's per-partition readers then share the pruned schema.
  p = pruneColumns(p);
  p = prunePartitionedSources(p);
  p = chooseAccessPaths(p);
  p = eliminateProjections(p);
  // After access paths: a Sort or TopN the chosen (or an equally full) path already orders goes.
  p = keepOrder(p);
  // After keep order (its Limits over ordered paths stay as they are): aggregations split, partitions limit.
  p = pushDownToReaders(p);
  deriveStats(p);
  if (joins) p = chooseIndexJoins(p, joins);
  return planRuntimeFilters(p);
}
