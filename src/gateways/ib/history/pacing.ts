// IB's historical-data pacing rules as a governor that makes each request wait until it is within all of them,
// on an injectable clock (a simulated clock lets tests and the bench run an hour of pacing in milliseconds).
// Rules (IB "Historical Data Limitations"): no identical request within 15 s; at most 5 requests for one
// contract + exchange + tick type within 2 s (the 6th is a violation); at most 60 within any 10 minutes; at
// most 50 open at once. BID_ASK requests count twice.

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A clock that only moves when someone sleeps: concurrent sleepers wake at their own deadlines. */
export class SimulatedClock implements Clock {
  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    this.time = Math.max(this.time, this.time + Math.max(0, ms));
    return Promise.resolve();
  }
}

export interface PacingRules {
  readonly identicalMs: number;
  readonly contractWindowMs: number;
  readonly contractMax: number;
  readonly windowMs: number;
  readonly windowMax: number;
  readonly openMax: number;
}

export const IB_PACING: PacingRules = {
  identicalMs: 15_000, contractWindowMs: 2_000, contractMax: 5, windowMs: 600_000, windowMax: 60, openMax: 50,
};

export interface PacedRequest {
  /** Equal for requests IB would call identical (contract, end, duration, bar size, what to show, RTH). */
  readonly identical: string;
  /** Contract + exchange + tick type. */
  readonly contract: string;
  /** 2 for BID_ASK, else 1. */
  readonly weight: number;
}

interface Sent extends PacedRequest {
  readonly at: number;
}

export class PacingGovernor {
  private sent: Sent[] = [];
  private open = 0;
  private readonly openWaiters: Array<() => void> = [];

  constructor(
    private readonly clock: Clock,
    private readonly rules: PacingRules = IB_PACING,
    /** Extra wait past each limit, so clock skew against TWS never lands a request on the boundary. */
    private readonly marginMs = 250,
  ) {}

  /** Waits until the request may be sent, records it, and returns the function that marks it answered. */
  async acquire(request: PacedRequest): Promise<() => void> {
    await this.openSlot();
    for (let wait = this.waitMs(request); wait > 0; wait = this.waitMs(request)) await this.clock.sleep(wait);
    this.sent.push({ ...request, at: this.clock.now() });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open -= 1;
      this.openWaiters.shift()?.();
    };
  }

  /** Milliseconds until `request` breaks no rule (0 = now). */
  waitMs(request: PacedRequest): number {
    const now = this.clock.now();
    this.sent = this.sent.filter((s) => now - s.at < this.rules.windowMs);
    const identical = this.sent.filter((s) => s.identical === request.identical).map((s) => s.at + this.rules.identicalMs);
    const sameContract = this.sent.filter((s) => s.contract === request.contract && now - s.at < this.rules.contractWindowMs);
    const deadlines = [
      ...identical,
      freeAt(sameContract, this.rules.contractMax - request.weight, this.rules.contractWindowMs),
      freeAt(this.sent, this.rules.windowMax - request.weight, this.rules.windowMs),
    ];
    const latest = Math.max(now, ...deadlines.filter((d): d is number => d !== undefined));
    return latest > now ? latest - now + this.marginMs : 0;
  }

  private openSlot(): Promise<void> {
    if (this.open < this.rules.openMax) {
      this.open += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.openWaiters.push(() => { this.open += 1; resolve(); }));
  }
}

/** When enough of `entries` (sorted by time) leave the window for their total weight to be <= `allowed`. */
function freeAt(entries: readonly Sent[], allowed: number, windowMs: number): number | undefined {
  let total = entries.reduce((sum, e) => sum + e.weight, 0);
  for (const entry of entries) {
    if (total <= allowed) return undefined;
    total -= entry.weight;
    if (total <= allowed) return entry.at + windowMs;
  }
  return undefined;
}

/**
 * The least time (seconds) `count` distinct requests for one contract take under the rules with instant
 * answers: when the last one may be sent. Pure, for estimates and the benchmark's lower bound.
 */
export function minimumPullSeconds(count: number, rules: PacingRules = IB_PACING): number {
  const starts: number[] = [];
  for (let i = 0; i < count; i += 1) {
    let t = starts.length ? starts[starts.length - 1] : 0;
    const inWindow = starts.length >= rules.windowMax ? starts[starts.length - rules.windowMax] + rules.windowMs : 0;
    const inContract = starts.length >= rules.contractMax ? starts[starts.length - rules.contractMax] + rules.contractWindowMs : 0;
    t = Math.max(t, inWindow, inContract);
    starts.push(t);
  }
  return count === 0 ? 0 : starts[starts.length - 1] / 1000;
}
