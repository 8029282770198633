// The process-wide telemetry collector, owned by the domain. Sessions count the builtin functions
// their statements build (by signature) in their own map and hand it over once, when they close;
// every method here finishes its read-modify-write synchronously (no await inside). Usage lands in
// 10-second sub-windows that roll into hourly windows; six hours are kept. Nothing is ever sent
// anywhere: ADMIN SHOW TELEMETRY shows what would be reported.

export const SUB_WINDOW_MS = 10_000;
export const WINDOW_MS = 3_600_000;
export const KEPT_WINDOWS = 6;

export interface UsageWindow {
  /** Start of the window (ms since the epoch), aligned to its length. */
  beginAt: number;
  usage: Map<string, number>;
}

function addInto(target: Map<string, number>, usage: ReadonlyMap<string, number>): void {
  for (const [sig, n] of usage) target.set(sig, (target.get(sig) ?? 0) + n);
}

export class TelemetryCollector {
  private sub: UsageWindow | null = null;
  /** Closed hourly windows and the current one, oldest first. */
  private readonly hours: UsageWindow[] = [];
  readonly trackingId: string;

  constructor(
    private readonly now: () => number = Date.now,
    trackingId?: string,
  ) {
    this.trackingId = trackingId ?? randomId();
  }

  /** Adds one session's builtin-function usage (called once per session, at close). */
  mergeUsage(usage: ReadonlyMap<string, number>): void {
    if (usage.size === 0) return;
    const t = this.now();
    this.roll(t);
    if (!this.sub) this.sub = { beginAt: t - (t % SUB_WINDOW_MS), usage: new Map() };
    addInto(this.sub.usage, usage);
  }

  /** Closes the sub-window if its 10 s are over, rolling it into its hour; drops hours beyond six. */
  private roll(t: number): void {
    if (this.sub && t >= this.sub.beginAt + SUB_WINDOW_MS) this.flushSub();
    const oldest = t - (t % WINDOW_MS) - (KEPT_WINDOWS - 1) * WINDOW_MS;
    while (this.hours.length && this.hours[0]!.beginAt < oldest) this.hours.shift();
  }

  private flushSub(): void {
    const sub = this.sub!;
    this.sub = null;
    const hourStart = sub.beginAt - (sub.beginAt % WINDOW_MS);
    let hour = this.hours[this.hours.length - 1];
    if (!hour || hour.beginAt !== hourStart) {
      hour = { beginAt: hourStart, usage: new Map() };
      this.hours.push(hour);
    }
    addInto(hour.usage, sub.usage);
  }

  /** The kept hourly windows (the open sub-window rolled in first), oldest first. */
  windows(): UsageWindow[] {
    const t = this.now();
    this.roll(t);
    if (this.sub) this.flushSub();
    return this.hours.map((h) => ({ beginAt: h.beginAt, usage: new Map(h.usage) }));
  }

  /** Usage summed over the kept windows. */
  builtinFunctionsUsage(): Map<string, number> {
    const total = new Map<string, number>();
    for (const w of this.windows()) addInto(total, w.usage);
    return total;
  }

  /** The data that would be reported, as ADMIN SHOW TELEMETRY's DATA_PREVIEW shows it. */
  preview(info: { version: string; enabled: boolean }): Record<string, unknown> {
    const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    return {
      trackingId: this.trackingId,
      telemetryEnabled: info.enabled,
      version: info.version,
      builtinFunctionsUsage: sorted(this.builtinFunctionsUsage()),
      windows: this.windows().map((w) => ({
        beginAt: new Date(w.beginAt).toISOString(),
        endAt: new Date(w.beginAt + WINDOW_MS).toISOString(),
        builtinFunctionsUsage: sorted(w.usage),
      })),
    };
  }
}

function randomId(): string {
  const hex = '0123456789abcdef';
  let s = '';
  for (let i = 0; i < 32; i++) s += hex[Math.floor(Math.random() * 16)];
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
