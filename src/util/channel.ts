// A bounded async channel: how concurrent workers hand results to their consumer (the concurrency
// rules in docs/architecture.md). Senders wait while the buffer is full; receivers (one or several
// workers) wait while it is empty. Closing wakes everyone; an error closes the channel and reaches the receivers.

type Waiter = () => void;

export class Channel<T> {
  private readonly buffer: T[] = [];
  private head = 0;
  private readonly capacity: number;
  private closed = false;
  private failure: unknown = undefined;
  private readonly sendWaiters: Waiter[] = [];
  private readonly recvWaiters: Waiter[] = [];

  constructor(capacity = 1) {
    this.capacity = Math.max(1, capacity);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Resolves once the item is buffered; false if the channel closed first (the item is dropped). */
  async send(item: T): Promise<boolean> {
    while (!this.closed && this.buffer.length - this.head >= this.capacity) {
      await new Promise<void>((resolve) => this.sendWaiters.push(resolve));
      await schedulerHook.yieldPoint('channel.send');
    }
    if (this.closed) return false;
    this.buffer.push(item);
    this.wakeReceiver();
    return true;
  }

  /** The next item, or undefined once the channel is closed and drained. Rethrows a sender's failure. */
  async recv(): Promise<T | undefined> {
    for (;;) {
      if (this.head < this.buffer.length) {
        const item = this.buffer[this.head]!;
        this.buffer[this.head] = undefined as T;
        this.head++;
        if (this.head > 1024 && this.head * 2 > this.buffer.length) {
          this.buffer.splice(0, this.head);
          this.head = 0;
        }
        this.sendWaiters.shift()?.();
        await schedulerHook.yieldPoint('channel.recv');
        return item;
      }
      if (this.failure !== undefined) throw this.failure;
      if (this.closed) return undefined;
      await new Promise<void>((resolve) => this.recvWaiters.push(resolve));
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.recvWaiters.splice(0)) w();
    for (const w of this.sendWaiters.splice(0)) w();
  }

  /** Closes the channel with an error: the receiver gets it after draining what was sent before. */
  fail(err: unknown): void {
    if (this.failure === undefined) this.failure = err ?? new Error('channel failed');
    this.close();
  }

  private wakeReceiver(): void {
    this.recvWaiters.shift()?.();
  }
}

/**
 * The test scheduler's hook: in test mode it injects seeded random delays and reorderings at every
 * channel operation and storage await, to shake out ordering assumptions. In production it does nothing.
 */
export interface SchedulerHook {
  yieldPoint(site: string): Promise<void> | void;
}

const NOOP_HOOK: SchedulerHook = { yieldPoint() {} };
let schedulerHook: SchedulerHook = NOOP_HOOK;

export function setSchedulerHook(hook: SchedulerHook | null): void {
  schedulerHook = hook ?? NOOP_HOOK;
}

export function yieldPoint(site: string): Promise<void> | void {
  return schedulerHook.yieldPoint(site);
}
