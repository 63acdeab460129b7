// A fixed-size ring of tick points (time, last, bid, ask) in typed arrays: memory is set by the window, not by
// how long the chart runs or how fast ticks arrive.
import type { TickData } from "../core/object";

export interface TickSeries {
  /** Exchange time, epoch milliseconds. */
  readonly times: number[];
  readonly last: Array<number | null>;
  readonly bid: Array<number | null>;
  readonly ask: Array<number | null>;
}

export class TickRing {
  private readonly times: Float64Array;
  private readonly last: Float64Array;
  private readonly bid: Float64Array;
  private readonly ask: Float64Array;
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) {
      throw new RangeError(`a chart window must be a whole number of at least 2 points, got ${capacity}`);
    }
    this.times = new Float64Array(capacity);
    this.last = new Float64Array(capacity);
    this.bid = new Float64Array(capacity);
    this.ask = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(tick: TickData): void {
    const i = this.next;
    this.times[i] = tick.datetime.getTime();
    this.last[i] = tick.last_price;
    this.bid[i] = tick.bid_price_1;
    this.ask[i] = tick.ask_price_1;
    this.next = (i + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** Oldest first. A zero price is vn.py's "no quote" (e.g. an empty book side), so it becomes a gap. */
  series(): TickSeries {
    const out: TickSeries = { times: [], last: [], bid: [], ask: [] };
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let k = 0; k < this.count; k += 1) {
      const i = (start + k) % this.capacity;
      out.times.push(this.times[i]);
      out.last.push(priceOrGap(this.last[i]));
      out.bid.push(priceOrGap(this.bid[i]));
      out.ask.push(priceOrGap(this.ask[i]));
    }
    return out;
  }
}

function priceOrGap(price: number): number | null {
  return price > 0 && Number.isFinite(price) ? price : null;
}
