// V8 heap tuning for processes TiLite owns (the `tilite` command, the test runners), never for a program
// that embeds the library: a library must not change its host's VM flags.
//
// V8 "pretenures" objects from allocation sites whose objects often survive a young-generation GC,
// allocating them straight in the old generation. A statement's parse tree, plan and executors live for
// one statement — long enough to survive a scavenge now and then, so V8 starts pretenuring them, and
// they then die in the old generation, which only full collections reclaim. Measured on small distinct
// queries: about half the time went to GC with pretenuring, a quarter without (docs/performance.md).
import { setFlagsFromString } from 'node:v8';

export function tuneHeapForStatements(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
