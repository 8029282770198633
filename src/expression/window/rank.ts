// Ranking window functions: ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE. They see
// the whole partition (never a frame); peers are rows equal on every ORDER BY key.
import type { Value } from '../../types/value.js';
import type { WindowFuncDesc } from './desc.js';
import type { PartitionData, WindowEvaluator } from './evaluator.js';

function rowNumber(p: PartitionData): Value[] {
  return Array.from({ length: p.n }, (_, i) => i + 1);
}

function rank(p: PartitionData): Value[] {
  return Array.from({ length: p.n }, (_, i) => p.peers.start[i]! + 1);
}

function denseRank(p: PartitionData): Value[] {
  const out: Value[] = new Array(p.n);
  let r = 0;
  for (let i = 0; i < p.n; i++) {
    if (i === 0 || p.peers.start[i] !== p.peers.start[i - 1]) r++;
    out[i] = r;
  }
  return out;
}

/** (rank - 1) / (rows - 1); 0 for a one-row partition. */
function percentRank(p: PartitionData): Value[] {
  return Array.from({ length: p.n }, (_, i) => (p.n > 1 ? p.peers.start[i]! / (p.n - 1) : 0));
}

/** Rows up to the current row's last peer, over all rows. */
function cumeDist(p: PartitionData): Value[] {
  return Array.from({ length: p.n }, (_, i) => p.peers.end[i]! / p.n);
}

/** Buckets 1..k of sizes differing by at most one, the larger ones first. */
function ntile(k: number): WindowEvaluator {
  return (p) => {
    const out: Value[] = new Array(p.n);
    const small = Math.floor(p.n / k);
    const bigCount = p.n % k;
    const bigRows = bigCount * (small + 1);
    for (let i = 0; i < p.n; i++) {
      out[i] = i < bigRows ? Math.floor(i / (small + 1)) + 1 : bigCount + Math.floor((i - bigRows) / small) + 1;
    }
    return out;
  };
}

export function rankingEvaluator(desc: WindowFuncDesc): WindowEvaluator | undefined {
  switch (desc.name) {
    case 'row_number':
      return rowNumber;
    case 'rank':
      return rank;
    case 'dense_rank':
      return denseRank;
    case 'percent_rank':
      return percentRank;
    case 'cume_dist':
      return cumeDist;
    case 'ntile':
      return ntile(desc.n!);
    default:
      return undefined;
  }
}
