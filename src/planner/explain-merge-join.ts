// EXPLAIN rows of a merge join, as TiDB prints them: `inner join, left key:..., right key:...`, the
// build (inner) child first.
import { joinKindText, list, type Node, node, toNode } from './explain.js';
import type { Join } from './plans.js';

export function mergeJoinNode(j: Join): Node {
  const parts = [
    joinKindText(j),
    `left key:${list(j.eqConds.map((p) => p[0]))}`,
    `right key:${list(j.eqConds.map((p) => p[1]))}`,
  ];
  if (j.leftConds.length) parts.push(`left cond:[${list(j.leftConds)}]`);
  if (j.rightConds.length) parts.push(`right cond:[${list(j.rightConds)}]`);
  if (j.otherConds.length) parts.push(`other cond:${list(j.otherConds)}`);
  const [left, right] = j.children.map(toNode) as [Node, Node];
  const buildLeft = j.joinType === 'right';
  const kids = buildLeft ? [left, right] : [right, left];
  return node('MergeJoin', j, 'root', '', parts.join(', '), [
    { ...kids[0]!, label: 'Build' },
    { ...kids[1]!, label: 'Probe' },
  ]);
}
