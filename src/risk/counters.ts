// What the guard counts per gateway: orders and cancels in sliding one-second and one-minute windows, and
// today's totals. "Today" is the machine's local calendar date (not the China trading day: a night-session
// order at 21:00 counts for the date it was sent), the same day the audit file is named after.

/** Timestamps inside a sliding window; adding and counting are O(1) amortized (a queue with a head index). */
export class SlidingWindow {
  private times: number[] = [];
  private head = 0;

  constructor(readonly windowMs: number) {}

  count(now: number): number {
    this.prune(now);
    return this.times.length - this.head;
  }

  add(now: number): void {
    this.prune(now);
    this.times.push(now);
  }

  private prune(now: number): void {
    const oldest = now - this.windowMs;
    while (this.head < this.times.length && this.times[this.head] <= oldest) this.head += 1;
    // Compact once the dead prefix dominates, so the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}

/** A rate over one second and one minute. */
export class RateCounter {
  private readonly second = new SlidingWindow(1000);
  private readonly minute = new SlidingWindow(60_000);

  add(now: number): void {
    this.second.add(now);
    this.minute.add(now);
  }

  lastSecond(now: number): number {
    return this.second.count(now);
  }

  lastMinute(now: number): number {
    return this.minute.count(now);
  }
}

export interface DailyTotals {
  orders: number;
  cancels: number;
  refused: number;
}

/** One gateway's counters. Daily totals reset when the local date changes. */
export class GatewayCounters {
  readonly orders = new RateCounter();
  readonly cancels = new RateCounter();
  private day = "";
  private totals: DailyTotals = { orders: 0, cancels: 0, refused: 0 };

  today(now: number): DailyTotals {
    const day = localDay(now);
    if (day !== this.day) {
      this.day = day;
      this.totals = { orders: 0, cancels: 0, refused: 0 };
    }
    return this.totals;
  }

  orderSent(now: number): void {
    this.orders.add(now);
    this.today(now).orders += 1;
  }

  cancelSent(now: number): void {
    this.cancels.add(now);
    this.today(now).cancels += 1;
  }

  refused(now: number): void {
    this.today(now).refused += 1;
  }
}

/** YYYYMMDD of the local calendar date. Cached until local midnight: it is asked several times per order. */
export function localDay(time: number): string {
  if (time >= dayCache.start && time < dayCache.end) return dayCache.day;
  const date = new Date(time);
  const month = String(date.getMonth() + 1).padStart(2, "0");
  const day = String(date.getDate()).padStart(2, "0");
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  const end = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
  dayCache = { day: `${date.getFullYear()}${month}${day}`, start, end };
  return dayCache.day;
}

let dayCache = { day: "", start: 0, end: 0 };
