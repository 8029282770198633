import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Snapshot } from '../../../src/kv/kv.js';
import { createMemoryStorage } from '../../../src/store/memory.js';

async function batchSizes(r: Snapshot, fullBatches?: boolean): Promise<number[]> {
  const sizes: number[] = [];
  for await (const b of r.scan('k', 'l', fullBatches ? { fullBatches } : undefined)) sizes.push(b.length);
  return sizes;
}

describe('scan batch sizes', () => {
  it('grow from small batches, or are full-sized from the first with fullBatches', async () => {
    const s = createMemoryStorage();
    const w = s.begin();
    for (let i = 0; i < 1500; i++) w.set(`k${String(i).padStart(5, '0')}`, 'v');
    await w.commit();
    assert.deepEqual(await batchSizes(s.snapshot()), [32, 64, 128, 256, 512, 508]);
    assert.deepEqual(await batchSizes(s.snapshot(), true), [1024, 476]);
    // A transaction's view passes the option to its snapshot, also with writes buffered.
    const t = s.begin();
    assert.deepEqual(await batchSizes(t, true), [1024, 476]);
    t.set('k99999', 'new');
    // The buffered key after the snapshot's last pair comes once the snapshot has said it is done.
    assert.deepEqual(await batchSizes(t, true), [1024, 476, 1]);
    t.rollback();
  });
});
