import type { KvPair, Snapshot } from '../../../src/kv/kv.js';

/** Every pair of a scan, flattened. */
export async function collect(
  s: Snapshot,
  start: string,
  end: string,
  options?: { reverse?: boolean; limit?: number },
): Promise<KvPair[]> {
  const out: KvPair[] = [];
  for await (const batch of s.scan(start, end, options)) out.push(...batch);
  return out;
}

export function keysOf(pairs: KvPair[]): string[] {
  return pairs.map((p) => p.key);
}
