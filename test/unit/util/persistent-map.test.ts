import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PersistentMap } from '../../../src/util/persistent-map.js';

type Op = { kind: 'set'; key: number | string; value: number } | { kind: 'delete'; key: number | string };

const key = fc.oneof(fc.integer({ min: -5, max: 300 }), fc.string({ maxLength: 3 }), fc.integer());
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key }),
);

function sortedEntries(entries: Iterable<[number | string, number]>): [number | string, number][] {
  return [...entries].sort(
    (a, b) => String(typeof a[0]).localeCompare(String(typeof b[0])) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
}

describe('PersistentMap', () => {
  it('behaves as a Map under random sets and deletes, and every older version stays as it was', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        let m = PersistentMap.empty<number | string, number>();
        const model = new Map<number | string, number>();
        const versions: [PersistentMap<number | string, number>, [number | string, number][]][] = [];
        for (const o of ops) {
          if (o.kind === 'set') {
            m = m.set(o.key, o.value);
            model.set(o.key, o.value);
          } else {
            m = m.delete(o.key);
            model.delete(o.key);
          }
          versions.push([m, sortedEntries(model.entries())]);
          assert.equal(m.size, model.size);
          assert.equal(m.get(o.key), model.get(o.key));
        }
        for (const [k, v] of model) assert.equal(m.get(k), v);
        for (const [version, entries] of versions) {
          assert.deepEqual(sortedEntries(version.entries()), entries);
          assert.equal(version.size, entries.length);
        }
      }),
      { numRuns: 200, seed: 20261127 },
    );
  });

  it('keeps keys whose hashes collide apart', () => {
    // Many keys: 32-bit hashes of 200k strings collide with high probability (birthday bound ~77k).
    let m = PersistentMap.empty<string, number>();
    for (let i = 0; i < 200_000; i++) m = m.set(`k${i}`, i);
    assert.equal(m.size, 200_000);
    for (let i = 0; i < 200_000; i += 997) assert.equal(m.get(`k${i}`), i);
    for (let i = 0; i < 200_000; i += 2) m = m.delete(`k${i}`);
    assert.equal(m.size, 100_000);
    assert.equal([...m.values()].length, 100_000);
    for (let i = 1; i < 200_000; i += 2) assert.equal(m.get(`k${i}`), i);
    assert.equal(m.get('k0'), undefined);
  });

  it('deleting an absent key returns the same map', () => {
    const m = PersistentMap.of<number, string>([
      [1, 'a'],
      [2, 'b'],
    ]);
    assert.equal(m.delete(3), m);
    assert.equal(m.delete(1).delete(2).size, 0);
    assert.deepEqual([...m.delete(1).delete(2).entries()], []);
  });
});
