// What the TWS simulator knows: scripted contracts with quotes and permissions, deterministic bars, the account.

export type SimSecType = "STK" | "FUT" | "CASH" | "OPT" | "FOP" | "IND" | "CMDTY" | "CFD";

export interface SimQuote {
  bid: number; ask: number; last: number; bidSize: number; askSize: number; lastSize: number; volume: number;
}

export interface SimContract {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: SimSecType;
  readonly currency: string;
  readonly exchange: string;
  readonly primaryExchange: string;
  readonly lastTradeDateOrContractMonth: string;
  readonly strike: number;
  readonly right: "" | "C" | "P";
  readonly multiplier: string;
  readonly localSymbol: string;
  readonly tradingClass: string;
  readonly longName: string;
  readonly minTick: number;
  readonly minSize: number;
  readonly timeZoneId: string;
  readonly underConId: number;
  /** False: only delayed data (live requests get 354 until the client asks for market data type 3). */
  readonly liveData: boolean;
  quote: SimQuote;
}

function stock(conId: number, symbol: string, primary: string, longName: string, price: number, liveData = true): SimContract {
  return {
    conId, symbol, secType: "STK", currency: "USD", exchange: "SMART", primaryExchange: primary,
    lastTradeDateOrContractMonth: "", strike: 0, right: "", multiplier: "", localSymbol: symbol, tradingClass: primary === "ARCA" ? symbol : "NMS",
    longName, minTick: 0.01, minSize: 1, timeZoneId: "US/Eastern", underConId: 0, liveData,
    quote: { bid: price - 0.01, ask: price + 0.01, last: price, bidSize: 300, askSize: 500, lastSize: 100, volume: 120000 },
  };
}

/** A fresh copy of the default contracts (quotes are mutable per simulator). */
export function defaultContracts(): SimContract[] {
  return [
    stock(756733, "SPY", "ARCA", "SPDR S&P 500 ETF TRUST", 470.5),
    stock(265598, "AAPL", "NASDAQ", "APPLE INC", 190.25),
    stock(8314, "IBM", "NYSE", "INTL BUSINESS MACHINES CORP", 160.1, false),
    {
      conId: 495512563, symbol: "ES", secType: "FUT", currency: "USD", exchange: "GLOBEX", primaryExchange: "",
      lastTradeDateOrContractMonth: "20251219", strike: 0, right: "", multiplier: "50", localSymbol: "ESZ5", tradingClass: "ES",
      longName: "E-mini S&P 500", minTick: 0.25, minSize: 1, timeZoneId: "US/Central", underConId: 11004968, liveData: true,
      quote: { bid: 6000, ask: 6000.25, last: 6000, bidSize: 20, askSize: 25, lastSize: 1, volume: 900000 },
    },
    {
      conId: 12087792, symbol: "EUR", secType: "CASH", currency: "USD", exchange: "IDEALPRO", primaryExchange: "",
      lastTradeDateOrContractMonth: "", strike: 0, right: "", multiplier: "", localSymbol: "EUR.USD", tradingClass: "EUR.USD",
      longName: "European Monetary Union Euro", minTick: 0.00005, minSize: 1, timeZoneId: "US/Eastern", underConId: 0, liveData: true,
      quote: { bid: 1.0851, ask: 1.08515, last: 0, bidSize: 1000000, askSize: 2000000, lastSize: 0, volume: 0 },
    },
    {
      conId: 700000001, symbol: "SPY", secType: "OPT", currency: "USD", exchange: "SMART", primaryExchange: "",
      lastTradeDateOrContractMonth: "20251219", strike: 600, right: "C", multiplier: "100", localSymbol: "SPY   251219C00600000",
      tradingClass: "SPY", longName: "SPDR S&P 500 ETF TRUST", minTick: 0.01, minSize: 1, timeZoneId: "US/Eastern",
      underConId: 756733, liveData: true,
      quote: { bid: 12.1, ask: 12.3, last: 12.2, bidSize: 10, askSize: 12, lastSize: 1, volume: 3000 },
    },
  ];
}

export type SimBarSize = "1 min" | "1 hour" | "1 day";

export const BAR_SECONDS: Readonly<Record<SimBarSize, number>> = { "1 min": 60, "1 hour": 3600, "1 day": 86400 };

export interface SimBar {
  /** Bar start, ms since the epoch (UTC); daily bars start at 00:00 UTC of their date. */
  readonly time: number;
  readonly open: number; readonly high: number; readonly low: number; readonly close: number;
  readonly volume: number; readonly wap: number; readonly count: number;
}

const DAY = 86_400_000;
const SESSION_OPEN = (14 * 60 + 30) * 60_000; // 14:30 UTC
const SESSION_CLOSE = 21 * 60 * 60_000; // 21:00 UTC

/** Deterministic bars whose start lies in [startMs, endMs): weekdays only, 14:30-21:00 UTC for intraday bars. */
export function barsInWindow(conId: number, barSize: SimBarSize, startMs: number, endMs: number): SimBar[] {
  const bars: SimBar[] = [];
  for (let day = Math.floor(startMs / DAY) * DAY; day < endMs; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const time of barTimesOfDay(day, barSize)) {
      if (time >= startMs && time < endMs) bars.push(makeBar(conId, time, BAR_SECONDS[barSize] * 1000));
    }
  }
  return bars;
}

function barTimesOfDay(day: number, barSize: SimBarSize): number[] {
  if (barSize === "1 day") return [day];
  const step = BAR_SECONDS[barSize] * 1000;
  const times: number[] = [];
  for (let t = day + SESSION_OPEN; t < day + SESSION_CLOSE; t += step) times.push(t);
  return times;
}

function priceAt(conId: number, time: number): number {
  const base = 50 + (conId % 400);
  const slow = Math.sin((2 * Math.PI * time) / (90 * DAY)) * base * 0.1;
  const fast = Math.sin(time / (3 * 3_600_000)) * base * 0.01;
  return base + slow + fast;
}

function noise(conId: number, time: number): number {
  const x = Math.sin(conId * 12.9898 + (time / 60_000) * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function makeBar(conId: number, time: number, lengthMs: number): SimBar {
  const open = round2(priceAt(conId, time));
  const close = round2(priceAt(conId, time + lengthMs));
  const spread = round2(0.05 + noise(conId, time) * 0.5);
  const high = round2(Math.max(open, close) + spread);
  const low = round2(Math.min(open, close) - spread);
  const volume = 1000 + Math.floor(noise(conId, time + 1) * 5000);
  return { time, open, high, low, close, volume, wap: round2((high + low + close) / 3), count: 10 + Math.floor(noise(conId, time + 2) * 90) };
}
