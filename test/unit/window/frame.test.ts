import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeFrames, computePeers, type FrameSpec, type RangeKeys } from '../../../src/expression/window/frame.js';
import type { Value } from '../../../src/types/value.js';

const num = (a: Value, b: Value) => Math.sign((a as number) - (b as number));

function frames(spec: FrameSpec, keys: Value[], range?: Omit<RangeKeys, 'keys' | 'cmp'>): [number, number][] {
  const peers = computePeers(keys.length, (i, j) => keys[i] === keys[j]);
  const r = range ? { ...range, keys, cmp: num } : undefined;
  const f = computeFrames(spec, keys.length, peers, r);
  return Array.from(f.start, (s, i) => [s, f.end[i]!]);
}

describe('window peers', () => {
  it('groups equal neighbours', () => {
    const p = computePeers(5, (i, j) => [1, 2, 2, 2, 3][i] === [1, 2, 2, 2, 3][j]);
    assert.deepEqual([...p.start], [0, 1, 1, 1, 4]);
    assert.deepEqual([...p.end], [1, 4, 4, 4, 5]);
  });
});

describe('window frames', () => {
  it('ROWS offsets clamp to the partition and may be empty', () => {
    const spec: FrameSpec = {
      unit: 'rows',
      start: { type: 'preceding', rows: 1 },
      end: { type: 'following', rows: 1 },
    };
    assert.deepEqual(frames(spec, [1, 2, 3]), [
      [0, 2],
      [0, 3],
      [1, 3],
    ]);
    const after: FrameSpec = {
      unit: 'rows',
      start: { type: 'following', rows: 2 },
      end: { type: 'following', rows: 3 },
    };
    assert.deepEqual(frames(after, [1, 2, 3]), [
      [2, 3],
      [3, 3],
      [3, 3],
    ]);
  });

  it('RANGE CURRENT ROW spans the peer group', () => {
    const spec: FrameSpec = { unit: 'range', start: { type: 'unboundedPreceding' }, end: { type: 'currentRow' } };
    assert.deepEqual(frames(spec, [1, 2, 2, 4]), [
      [0, 1],
      [0, 3],
      [0, 3],
      [0, 4],
    ]);
  });

  it('RANGE n PRECEDING/FOLLOWING ascending, NULL keys frame their NULL peers', () => {
    const keys: Value[] = [null, 1, 2, 2, 4, 7];
    const minus = keys.map((k) => (k === null ? null : (k as number) - 1));
    const plus = keys.map((k) => (k === null ? null : (k as number) + 1));
    const spec: FrameSpec = { unit: 'range', start: { type: 'preceding' }, end: { type: 'following' } };
    assert.deepEqual(frames(spec, keys, { startTargets: minus, endTargets: plus, desc: false }), [
      [0, 1],
      [1, 4],
      [1, 4],
      [1, 4],
      [4, 5],
      [5, 6],
    ]);
  });

  it('RANGE descending mirrors the comparison', () => {
    const keys: Value[] = [7, 4, 2, 2, 1, null];
    const plus2 = keys.map((k) => (k === null ? null : (k as number) + 2));
    const spec: FrameSpec = { unit: 'range', start: { type: 'preceding' }, end: { type: 'currentRow' } };
    assert.deepEqual(frames(spec, keys, { startTargets: plus2, desc: true }), [
      [0, 1],
      [1, 2],
      [1, 4],
      [1, 4],
      [2, 5],
      [5, 6],
    ]);
  });
});
