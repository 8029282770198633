// The test scheduler: a seeded SchedulerHook that, at every channel operation and storage await,
// either continues, yields to the microtask queue a few times, or sleeps on a macrotask — chosen by a
// reproducible pseudo-random sequence — so concurrent workers interleave and finish in varied orders.
import type { SchedulerHook } from './channel.js';

export class SeededScheduler implements SchedulerHook {
  private state: number;
  /** Yield points passed, by site (what the test scheduler has shaken). */
  readonly sites = new Map<string, number>();

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  private nextRandom(): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }

  yieldPoint(site: string): Promise<void> | void {
    this.sites.set(site, (this.sites.get(site) ?? 0) + 1);
    const r = this.nextRandom();
    if (r < 0.3) return;
    if (r < 0.8) return microYields(1 + Math.floor(this.nextRandom() * 4));
    return new Promise((resolve) => setImmediate(resolve));
  }
}

async function microYields(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}
