// Monotonic timestamps in the style of TiDB's TSO: a physical clock in milliseconds and a logical
// counter packed into one number. TiDB uses 18 logical bits over Unix milliseconds, which needs 64 bits;
// TiLite keeps timestamps safe JS integers, so the physical part counts milliseconds since TSO_EPOCH_MS
// and the logical part has TSO_LOGICAL_BITS bits (4096 timestamps per millisecond, ~69 years of range).

export const TSO_LOGICAL_BITS = 12;
const LOGICAL_SPAN = 2 ** TSO_LOGICAL_BITS;
/** 2024-01-01T00:00:00Z: the zero of the physical part. */
export const TSO_EPOCH_MS = Date.UTC(2024, 0, 1);

export function composeTs(unixMs: number, logical: number): number {
  return (unixMs - TSO_EPOCH_MS) * LOGICAL_SPAN + logical;
}

/** The wall-clock time (Unix milliseconds) a timestamp was taken at. */
export function tsPhysicalMs(ts: number): number {
  return Math.floor(ts / LOGICAL_SPAN) + TSO_EPOCH_MS;
}

export class TimestampOracle {
  private last: number;

  /** `floor`: a timestamp already handed out (e.g. persisted by an engine); every new one is greater. */
  constructor(
    floor = 0,
    private readonly clock: () => number = Date.now,
  ) {
    this.last = floor;
  }

  /** A timestamp greater than every timestamp handed out before. */
  next(): number {
    const physical = composeTs(this.clock(), 0);
    // When the clock stalls or goes backwards, the logical part keeps counting (carrying into the physical).
    this.last = physical > this.last ? physical : this.last + 1;
    return this.last;
  }

  /** The newest timestamp handed out (0 before the first). */
  get lastTs(): number {
    return this.last;
  }

  /** Makes every future timestamp greater than `ts` (after loading a persisted one). */
  advanceTo(ts: number): void {
    if (ts > this.last) this.last = ts;
  }
}
