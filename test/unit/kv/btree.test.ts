// The copy-on-write B+tree against a model (a Map, sorted on demand): random sequences of writes, reads,
// scans, batched lookups and clones, on trees with tiny nodes (deep trees from few keys) and default ones.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BTree } from '../../../src/kv/btree.js';
import type { BNode } from '../../../src/kv/btree-node.js';

type Model = Map<string, number>;

/** Short keys over a small alphabet with the extreme bytes, so that keys collide and ranges hit. */
const key = fc
  .array(fc.constantFrom('\x00', 'a', 'b', 'c', '\xff'), { minLength: 0, maxLength: 4 })
  .map((cs) => cs.join(''));

type Op =
  | { t: 'set'; k: string; v: number }
  | { t: 'del'; k: string }
  | { t: 'fill'; k: string; n: number }
  | { t: 'drop'; start: string; end: string }
  | { t: 'get'; k: string }
  | { t: 'scan'; start: string; end: string; reverse: boolean; limit: number }
  | { t: 'many'; keys: string[] }
  | { t: 'ranges'; ranges: [string, string][] }
  | { t: 'batch'; entries: [string, number | undefined][] }
  | { t: 'clone' }
  | { t: 'switch'; to: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant('set' as const), k: key, v: fc.integer() }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('del' as const), k: key }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('fill' as const), k: key, n: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('drop' as const), start: key, end: key }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('get' as const), k: key }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('scan' as const),
      start: key,
      end: key,
      reverse: fc.boolean(),
      limit: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(Number.POSITIVE_INFINITY)),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('many' as const), keys: fc.array(key, { maxLength: 12 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('ranges' as const), ranges: fc.array(fc.tuple(key, key), { maxLength: 6 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('batch' as const),
      entries: fc.array(fc.tuple(key, fc.option(fc.integer(), { nil: undefined })), { maxLength: 40 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('clone' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('switch' as const), to: fc.nat() }) },
);

function sortedKeys(m: Model): string[] {
  return [...m.keys()].sort();
}

function modelScan(m: Model, start: string, end: string, reverse: boolean, limit: number) {
  const keys = sortedKeys(m).filter((k) => k >= start && k < end);
  if (reverse) keys.reverse();
  return keys.slice(0, limit).map((k) => ({ key: k, value: m.get(k)! }));
}

/** Structure: no empty node but an empty root leaf, leaves all at one depth, keys within separators, sizes bounded. */
function checkShape(tree: BTree<number>, maxNode: number): void {
  const root = (tree as unknown as { root: BNode<number> }).root;
  const leafDepths = new Set<number>();
  const walk = (n: BNode<number>, depth: number, lo: string | undefined, hi: string | undefined) => {
    assert.ok(n.keys.length <= maxNode, 'node over capacity');
    if (n !== root) assert.ok(n.keys.length > 0, 'empty node');
    if (n.leaf) {
      leafDepths.add(depth);
      assert.equal(n.vals.length, n.keys.length);
      for (const k of n.keys)
        assert.ok((lo === undefined || k >= lo) && (hi === undefined || k < hi), 'key out of range');
      return;
    }
    assert.equal(n.kids.length, n.keys.length);
    if (n === root) assert.ok(n.kids.length >= 2, 'root with one child');
    for (let i = 0; i < n.kids.length; i++) {
      walk(n.kids[i]!, depth + 1, i > 0 ? n.keys[i] : lo, i + 1 < n.keys.length ? n.keys[i + 1] : hi);
    }
  };
  walk(root, 0, undefined, undefined);
  assert.ok(leafDepths.size <= 1, 'leaves at different depths');
}

function checkWhole(tree: BTree<number>, m: Model, maxNode: number): void {
  assert.equal(tree.size, m.size);
  const expected = sortedKeys(m).map((k) => [k, m.get(k)!]);
  assert.deepEqual([...tree.entries()], expected);
  const back: [string, number][] = [];
  const c = tree.cursor();
  for (let ok = c.seekBefore('\uffff'); ok; ok = c.prev()) back.push([c.key, c.value]);
  assert.deepEqual(back, expected.reverse());
  checkShape(tree, maxNode);
}

/** Runs `ops` over a family of clones, each with its own model; every tree must match its model at the end. */
function run(ops: Op[], maxNode: number): void {
  const trees: BTree<number>[] = [new BTree<number>(maxNode)];
  const models: Model[] = [new Map()];
  let cur = 0;
  for (const o of ops) {
    const tree = trees[cur]!;
    const m = models[cur]!;
    switch (o.t) {
      case 'set':
        tree.set(o.k, o.v);
        m.set(o.k, o.v);
        break;
      case 'del':
        assert.equal(tree.delete(o.k), m.delete(o.k));
        break;
      case 'fill':
        for (let i = 0; i < o.n; i++) {
          const k = `${o.k}${String.fromCharCode(40 + i)}`;
          tree.set(k, i);
          m.set(k, i);
        }
        break;
      case 'drop':
        for (const k of sortedKeys(m)) {
          if (k >= o.start && k < o.end) {
            assert.ok(tree.delete(k));
            m.delete(k);
          }
        }
        break;
      case 'get':
        assert.equal(tree.get(o.k), m.get(o.k));
        break;
      case 'scan':
        assert.deepEqual(
          tree.scan(o.start, o.end, o.reverse, o.limit),
          modelScan(m, o.start, o.end, o.reverse, o.limit),
        );
        break;
      case 'many': {
        for (const keys of [o.keys, [...o.keys].sort()]) {
          const out: (number | undefined)[] = [];
          tree.getMany(keys, out);
          assert.deepEqual(
            out,
            keys.map((k) => m.get(k)),
          );
        }
        break;
      }
      case 'ranges': {
        const byStart = [...o.ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        for (const ranges of [o.ranges, byStart]) {
          assert.deepEqual(
            tree.scanRanges(ranges),
            ranges.map(([s, e]) => modelScan(m, s, e, false, Number.POSITIVE_INFINITY)),
          );
        }
        break;
      }
      case 'batch': {
        // A commit's mutations: one per key, in ascending key order; undefined deletes.
        const last = new Map(o.entries);
        const sorted = [...last].sort((a, b) => (a[0] < b[0] ? -1 : 1));
        tree.applySorted(sorted);
        for (const [k, v] of sorted) {
          if (v === undefined) m.delete(k);
          else m.set(k, v);
        }
        break;
      }
      case 'clone':
        trees.push(tree.clone());
        models.push(new Map(m));
        break;
      case 'switch':
        cur = o.to % trees.length;
        break;
    }
  }
  for (let i = 0; i < trees.length; i++) checkWhole(trees[i]!, models[i]!, maxNode);
}

describe('BTree (copy-on-write B+tree)', () => {
  it('matches a sorted-map model with tiny nodes (deep trees), across clone generations', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 100, maxLength: 300 }), fc.integer({ min: 2, max: 5 }), (ops, maxNode) =>
        run(ops, maxNode),
      ),
      { numRuns: 300 },
    );
  });

  it('matches the model with mid-size nodes and keys sharing long prefixes (table-key shapes)', () => {
    // Keys like table keys: long shared prefixes, then a few distinguishing bytes (including 0x00/0xff).
    const prefixes = ['', 't\x80\x00\x00\x00\x00\x00\x00\x07_r', 't\x80\x00\x00\x00\x00\x00\x00\x07_i\x80'];
    // Every fourth key repeats a byte run after its first character: keys alike far into their bytes.
    const long = (k: string) =>
      k.length % 4 === 3 ? `${prefixes[1]}${k[0]}${'\x05'.repeat(8)}${k.slice(1)}` : prefixes[k.length % 3]! + k;
    const mapOp = (o: Op): Op => {
      switch (o.t) {
        case 'set':
        case 'del':
        case 'get':
        case 'fill':
          return { ...o, k: long(o.k) };
        case 'drop':
        case 'scan':
          return { ...o, start: long(o.start), end: long(o.end) };
        case 'many':
          return { ...o, keys: o.keys.map(long) };
        case 'ranges':
          return { ...o, ranges: o.ranges.map(([a, b]) => [long(a), long(b)] as [string, string]) };
        case 'batch':
          return { ...o, entries: o.entries.map(([k, v]) => [long(k), v] as [string, number | undefined]) };
        default:
          return o;
      }
    };
    fc.assert(
      fc.property(fc.array(op, { minLength: 200, maxLength: 500 }), fc.integer({ min: 12, max: 40 }), (ops, maxNode) =>
        run(ops.map(mapOp), maxNode),
      ),
      { numRuns: 80 },
    );
  });

  it('matches the model with the default node size', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 200, maxLength: 500 }), (ops) => run(ops, 64)),
      { numRuns: 60 },
    );
  });

  it('keeps every clone generation unchanged while later ones are written', () => {
    const gens: { tree: BTree<number>; model: Model }[] = [];
    let tree = new BTree<number>(4);
    const model: Model = new Map();
    for (let g = 0; g < 40; g++) {
      for (let i = 0; i < 50; i++) {
        const k = `k${(g * 37 + i * 11) % 500}`;
        if ((g + i) % 3 === 0) {
          tree.delete(k);
          model.delete(k);
        } else {
          tree.set(k, g);
          model.set(k, g);
        }
      }
      gens.push({ tree, model: new Map(model) });
      tree = tree.clone();
    }
    for (const { tree: t, model: m } of gens) checkWhole(t, m, 4);
    // Writing to an old generation leaves its successors alone too.
    gens[5]!.tree.clear();
    gens[6]!.tree.set('k1', -1);
    for (const { tree: t, model: m } of gens.slice(7)) checkWhole(t, m, 4);
  });

  it('shrinks back to an empty root when every key is deleted, then grows again', () => {
    const tree = new BTree<number>(3);
    for (let i = 0; i < 200; i++) tree.set(String(1000 + i), i);
    const copy = tree.clone();
    for (let i = 0; i < 200; i++) assert.ok(tree.delete(String(1000 + i)));
    checkWhole(tree, new Map(), 3);
    assert.equal(copy.size, 200);
    tree.set('x', 1);
    checkWhole(tree, new Map([['x', 1]]), 3);
  });

  it('fills nodes on ascending inserts', () => {
    const tree = new BTree<number>(64);
    for (let i = 0; i < 64 * 64; i++) tree.set(String(100000 + i), i);
    const root = (tree as unknown as { root: BNode<number> }).root;
    assert.equal(root.kids.length, 64);
    assert.ok(root.kids.every((leaf) => leaf.keys.length === 64));
  });
});
