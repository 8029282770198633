import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flatMap, flatten } from '../../../src/util/arrays.js';

describe('array helpers', () => {
  it('flatMap matches Array.prototype.flatMap one level deep', () => {
    const items = [1, 2, 0, 3];
    const fn = (n: number) => Array.from({ length: n }, (_, i) => [n, i]);
    assert.deepEqual(flatMap(items, fn), items.flatMap(fn));
    assert.deepEqual(flatMap([], fn), []);
  });

  it('flatten matches Array.prototype.flat for one level', () => {
    const lists = [[1], [], [2, [3]], [4, 5]];
    assert.deepEqual(flatten<unknown>(lists), lists.flat());
    assert.deepEqual(flatten([]), []);
  });
});
