// Drives SIM's market in real time: steps it at the configured rate, in batches per timer turn so high rates
// cost one timer callback rather than one per tick, and pushes account and positions every second. When the
// consumer falls behind, the steps of that turn are skipped (conflated), as a feed does for a slow reader:
// a queue that only grows would slow everything down to a crawl.
const MIN_PERIOD_MS = 10;
const MAX_PERIOD_MS = 500;
const FUNDS_PERIOD_MS = 1000;
/** After a stall (a long cell, a debugger) skip what was missed beyond this rather than burst. */
const MAX_CATCH_UP_MS = 1000;

export class MarketTimer {
  private readonly handle: NodeJS.Timeout | undefined;
  private last = performance.now();
  private owed = 0;
  private sinceFunds = 0;

  /** `rate` steps per second per symbol; 0 means manual: no timer at all. */
  constructor(
    private readonly rate: number,
    private readonly step: (steps: number) => void,
    private readonly pushFunds: () => void,
    /** True while the event queue holds a backlog; the market then skips a turn instead of adding to it. */
    private readonly behind: () => boolean,
  ) {
    if (rate <= 0) return;
    const period = Math.min(MAX_PERIOD_MS, Math.max(MIN_PERIOD_MS, 1000 / rate));
    this.handle = setInterval(() => this.turn(), period);
  }

  stop(): void {
    if (this.handle) clearInterval(this.handle);
  }

  private turn(): void {
    const now = performance.now();
    const elapsed = Math.min(MAX_CATCH_UP_MS, now - this.last);
    this.last = now;
    this.owed += (this.rate * elapsed) / 1000;
    const steps = Math.floor(this.owed);
    this.owed -= steps;
    if (steps > 0 && !this.behind()) this.step(steps);
    this.sinceFunds += elapsed;
    if (this.sinceFunds >= FUNDS_PERIOD_MS) {
      this.sinceFunds = 0;
      this.pushFunds();
    }
  }
}
