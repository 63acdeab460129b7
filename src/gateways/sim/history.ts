// SIM's history bars: a seeded random walk run backwards from yesterday's settlement through the day
// session's bar times (1m, 1h, d), so the same seed gives the same bars and the series meets today's price.
import { Interval } from "../../core/constant";
import { TradingError } from "../../core/errors";
import { createBar, type BarData, type HistoryRequest } from "../../core/object";
import type { SimInstrument } from "./instruments";
import { hashString, mulberry32 } from "./market";
import { priceOfTicks, ticksOf } from "./prices";

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const CHINA_OFFSET_MS = 8 * 60 * MINUTE_MS;
/** Walking further back than this many bars is refused rather than left to run for minutes. */
const MAX_BARS_WALKED = 400_000;

/** Day-session bar starts as minutes after midnight China time (night sessions are not modelled). */
const SESSION_MINUTES: Record<string, readonly number[]> = {
  [Interval.DAILY]: [0],
  [Interval.HOUR]: [9 * 60, 10 * 60, 11 * 60, 13 * 60, 14 * 60],
  [Interval.MINUTE]: [
    ...range(9 * 60, 10 * 60 + 15), ...range(10 * 60 + 30, 11 * 60 + 30), ...range(13 * 60 + 30, 15 * 60),
  ],
};

/** Typical move per bar as a fraction of the price. */
const VOLATILITY: Record<string, number> = { [Interval.DAILY]: 0.012, [Interval.HOUR]: 0.004, [Interval.MINUTE]: 0.0008 };

export function historyBars(
  gatewayName: string, instrument: SimInstrument, req: HistoryRequest, tradingDay: Date, seed: number,
): BarData[] {
  const minutes = SESSION_MINUTES[req.interval];
  if (!minutes) {
    throw new TradingError("NO_HISTORY", `SIM serves 1m, 1h and d bars, not ${req.interval}; resample daily bars for weeks`);
  }
  if (req.end.getTime() < req.start.getTime()) {
    throw new TradingError("BAD_REQUEST", `history request for ${req.vt_symbol} ends (${req.end.toISOString()}) before it starts`);
  }
  const random = mulberry32(seed ^ hashString(`${instrument.contract.vt_symbol}|${req.interval}`));
  const tick = instrument.contract.pricetick;
  const sigma = VOLATILITY[req.interval];
  const bars: BarData[] = [];
  let closeTicks = ticksOf(instrument.preSettle, tick);
  let openInterest = 20_000 + Math.floor(random() * 80_000);
  let walked = 0;
  for (const start of barStartsBackwards(tradingDay, minutes)) {
    if (start.getTime() < req.start.getTime()) break;
    if (++walked > MAX_BARS_WALKED) {
      throw new TradingError("BAD_REQUEST", `SIM walks at most ${MAX_BARS_WALKED} ${req.interval} bars back from today; start later`);
    }
    const typicalTicks = (sigma * priceOfTicks(closeTicks, tick)) / tick;
    const openTicks = Math.max(1, closeTicks - Math.round(gaussian(random) * typicalTicks));
    // Wicks reach up to about half a typical move beyond the body.
    const highTicks = Math.max(openTicks, closeTicks) + Math.floor(random() * (typicalTicks / 2 + 1));
    const lowTicks = Math.max(1, Math.min(openTicks, closeTicks) - Math.floor(random() * (typicalTicks / 2 + 1)));
    const volume = 1 + Math.floor(random() * 2000);
    openInterest = Math.max(0, openInterest + Math.round((random() - 0.5) * volume * 0.2));
    if (start.getTime() <= req.end.getTime()) {
      const close = priceOfTicks(closeTicks, tick);
      bars.push(createBar({
        gateway_name: gatewayName, symbol: instrument.contract.symbol, exchange: instrument.contract.exchange,
        datetime: start, interval: req.interval, volume, turnover: volume * close * instrument.contract.size,
        open_interest: openInterest, open_price: priceOfTicks(openTicks, tick), high_price: priceOfTicks(highTicks, tick),
        low_price: priceOfTicks(lowTicks, tick), close_price: close,
      }));
    }
    closeTicks = openTicks;
  }
  return bars.reverse();
}

/** Bar start instants before the trading day, newest first, over weekdays only. */
function* barStartsBackwards(tradingDay: Date, minutes: readonly number[]): Generator<Date> {
  for (let day = tradingDay.getTime() - DAY_MS; ; day -= DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let k = minutes.length - 1; k >= 0; k--) yield new Date(day + minutes[k] * MINUTE_MS - CHINA_OFFSET_MS);
  }
}

/** A standard normal draw, near enough: the sum of four uniforms, rescaled. */
function gaussian(random: () => number): number {
  return (random() + random() + random() + random() - 2) * Math.sqrt(3);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
