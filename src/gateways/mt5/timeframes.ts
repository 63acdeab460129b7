// Every MT5 chart timeframe the EA can serve: its ENUM_TIMEFRAMES code, its interval string in vn.py's
// style ("1m", "1h", "d", "w" are vn.py's own; "5m", "4h", "mn" extend them), and its nominal length.
import { Interval } from "../../core/constant";
import { TradingError } from "../../core/errors";

interface Timeframe {
  /** ENUM_TIMEFRAMES value sent as the history request's `interval`. */
  readonly code: number;
  /** MT5's name, e.g. "M5", for messages. */
  readonly mt5: string;
  /** Nominal bar length, used to size request chunks (a month counts as 31 days). */
  readonly seconds: number;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

const minutes = (n: number): Timeframe => ({ code: n, mt5: `M${n}`, seconds: n * MINUTE });
// ENUM_TIMEFRAMES sets bit 14 for hours (0x4000 | hours), D1 is 0x4018 (24 hours), W1 0x8001, MN1 0xC001.
const hours = (n: number): Timeframe => ({ code: 0x4000 | n, mt5: `H${n}`, seconds: n * HOUR });

export const TIMEFRAMES = {
  "1m": minutes(1), "2m": minutes(2), "3m": minutes(3), "4m": minutes(4), "5m": minutes(5), "6m": minutes(6),
  "10m": minutes(10), "12m": minutes(12), "15m": minutes(15), "20m": minutes(20), "30m": minutes(30),
  "1h": hours(1), "2h": hours(2), "3h": hours(3), "4h": hours(4), "6h": hours(6), "8h": hours(8), "12h": hours(12),
  d: { code: 0x4018, mt5: "D1", seconds: DAY },
  w: { code: 0x8001, mt5: "W1", seconds: 7 * DAY },
  mn: { code: 0xc001, mt5: "MN1", seconds: 31 * DAY },
} as const satisfies Record<string, Timeframe>;

/** An interval the MT5 gateway serves: vn.py's Interval values plus the finer MT5 timeframes. */
export type Mt5Interval = keyof typeof TIMEFRAMES;

export function isMt5Interval(text: string): text is Mt5Interval {
  return Object.prototype.hasOwnProperty.call(TIMEFRAMES, text);
}

export function tickHistoryError(): TradingError {
  return new TradingError("BAD_REQUEST", "MT5 history here is bars only; tick history is not served by the bridge");
}

/** The timeframe for an interval string, or a clear refusal listing what MT5 serves. */
export function timeframeOf(interval: string): Timeframe {
  if (interval === Interval.TICK) {
    throw new TradingError("BAD_REQUEST", "MT5 history here is bars only; tick history is not served by the bridge");
  }
  if (!isMt5Interval(interval)) {
    throw new TradingError(
      "BAD_REQUEST",
      `MT5 has no "${interval}" timeframe; use one of ${Object.keys(TIMEFRAMES).join(", ")} (d = D1, w = W1, mn = MN1)`,
    );
  }
  return TIMEFRAMES[interval];
}
