// History pulls, the pure part: checks a request before anything is sent, splits a long range into chunks
// CopyRates can serve, and turns reply bars (server time) into bars stamped with true instants.
import { Exchange } from "../../core/constant";
import { TradingError } from "../../core/errors";
import type { BarData } from "../../core/object";
import type { WireBar } from "./protocol";
import { timeframeOf, type Mt5Interval } from "./timeframes";
import { dateToServerSeconds, parseServerTime, serverSecondsToDate, type ServerTimeZone } from "./timezone";

/** A bar of any MT5 timeframe; for vn.py's own intervals ("1m", "1h", "d", "w") it is exactly a BarData. */
export type Mt5Bar<I extends Mt5Interval = Mt5Interval> = Omit<BarData, "interval"> & { readonly interval: I };

/** Bars per request: CopyRates serves at most the terminal's "Max bars in chart" and replies stay a few MB. */
export const DEFAULT_CHUNK_BARS = 50_000;
/** More than this would take many minutes and gigabytes: refused up front. */
export const MAX_BARS = 10_000_000;

/** One request's range in server wall-clock seconds, both ends inclusive (CopyRates' rule). */
export interface HistoryChunk {
  readonly from: number;
  readonly to: number;
}

export interface HistoryPlan {
  readonly code: number;
  readonly chunks: readonly HistoryChunk[];
}

export function planHistory(
  start: Date, end: Date, interval: Mt5Interval, zone: ServerTimeZone, chunkBars = DEFAULT_CHUNK_BARS,
): HistoryPlan {
  const timeframe = timeframeOf(interval);
  checkRange(start, end);
  const estimate = Math.ceil((end.getTime() - start.getTime()) / 1000 / timeframe.seconds);
  if (estimate > MAX_BARS) {
    throw new TradingError(
      "BAD_REQUEST",
      `${start.toISOString().slice(0, 10)} to ${end.toISOString().slice(0, 10)} is about ${estimate.toLocaleString("en-US")} ${timeframe.mt5} bars, more than ${MAX_BARS.toLocaleString("en-US")}: shorten the range or use a longer timeframe`,
    );
  }
  const from = dateToServerSeconds(start, zone);
  const to = dateToServerSeconds(end, zone);
  const span = chunkBars * timeframe.seconds;
  const chunks: HistoryChunk[] = [];
  for (let a = from; a <= to; a += span) chunks.push({ from: a, to: Math.min(a + span - 1, to) });
  return { code: timeframe.code, chunks };
}

function checkRange(start: Date, end: Date): void {
  if (!(start instanceof Date) || !(end instanceof Date) || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    throw new TradingError("BAD_REQUEST", "start and end must be valid dates, e.g. 2024-01-02 or 2024-01-02T09:00");
  }
  if (end.getTime() <= start.getTime()) {
    throw new TradingError("BAD_REQUEST", `end ${end.toISOString()} is not after start ${start.toISOString()}`);
  }
}

/** The bar's open time in server seconds: our EA's exact `timestamp`, else vn.py's minute-precision string. */
function barServerSeconds(wire: WireBar): number {
  if (typeof wire.timestamp === "number") return wire.timestamp;
  const parsed = typeof wire.time === "string" ? parseServerTime(wire.time) : undefined;
  if (parsed === undefined) {
    throw new TradingError("NO_HISTORY", `MT5 sent a bar with an unreadable time ${JSON.stringify(wire.time)}; is the EA ours or vn.py's?`);
  }
  return parsed;
}

export interface BarContext<I extends Mt5Interval> {
  readonly gatewayName: string;
  readonly symbol: string;
  readonly interval: I;
  readonly zone: ServerTimeZone;
}

/** Bars from reply data. Forex symbols have no real volume, so tick volume stands in when real is 0. */
export function barsFromWire<I extends Mt5Interval>(data: readonly WireBar[], context: BarContext<I>): Mt5Bar<I>[] {
  return data.map((wire) => {
    const symbol = context.symbol;
    const realVolume = Number(wire.real_volume) || 0;
    return {
      gateway_name: context.gatewayName, symbol, exchange: Exchange.OTC, vt_symbol: `${symbol}.${Exchange.OTC}`,
      datetime: serverSecondsToDate(barServerSeconds(wire), context.zone), interval: context.interval,
      volume: realVolume > 0 ? realVolume : Number(wire.tick_volume) || 0, turnover: 0, open_interest: 0,
      open_price: wire.open, high_price: wire.high, low_price: wire.low, close_price: wire.close,
    };
  });
}

/** Chunks share no bars by construction, but a terminal may repeat an edge bar: keep one per time, in order. */
export function mergeBars<B extends { readonly datetime: Date }>(bars: readonly B[]): B[] {
  const byTime = new Map<number, B>();
  for (const bar of bars) byTime.set(bar.datetime.getTime(), bar);
  return [...byTime.values()].sort((a, b) => a.datetime.getTime() - b.datetime.getTime());
}
