// Deterministic history for the simulated terminal: CopyRates over server wall-clock time for every
// ENUM_TIMEFRAMES code, bars aligned as MT5 aligns them (weeks open on Sunday, months on the 1st), no bars on
// Saturday or Sunday for intraday and daily frames (the forex week). Prices are a pure function of time.
import { round, type SimSymbol } from "./market";

export interface RateBar {
  /** Bar open, server wall-clock seconds (MqlRates.time). */
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly tick_volume: number;
  readonly real_volume: number;
}

const MINUTE_FRAMES = new Set([1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30]);
const HOUR_FRAMES = new Set([1, 2, 3, 4, 6, 8, 12, 24]);
const WEEK = 0x8001;
const MONTH = 0xc001;
const DAY = 86400;

/** This simulator's own decoding of ENUM_TIMEFRAMES (independent of the gateway's table on purpose). */
export function isTimeframe(code: number): boolean {
  if (code === WEEK || code === MONTH) return true;
  if (code > 0x4000 && code < 0x8000) return HOUR_FRAMES.has(code - 0x4000);
  return MINUTE_FRAMES.has(code);
}

export function priceAt(s: SimSymbol, t: number): number {
  const wave = 0.01 * Math.sin((2 * Math.PI * t) / (9 * DAY)) + 0.002 * Math.sin((2 * Math.PI * t) / (5.3 * 3600));
  return round(s.base * (1 + wave), s.digits);
}

/** Bars with open time in [from, to], as CopyRates(symbol, timeframe, start, stop) returns them. */
export function copyRates(s: SimSymbol, code: number, from: number, to: number): RateBar[] {
  const opens = code === MONTH ? monthOpens(from, to) : code === WEEK ? weekOpens(from, to) : fixedOpens(code, from, to);
  return opens.map(([open, close]) => makeBar(s, open, close));
}

function fixedOpens(code: number, from: number, to: number): [number, number][] {
  const step = code > 0x4000 ? (code - 0x4000) * 3600 : code * 60;
  const opens: [number, number][] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    const weekday = new Date(t * 1000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) opens.push([t, t + step]);
  }
  return opens;
}

function weekOpens(from: number, to: number): [number, number][] {
  // 1970-01-04 was a Sunday: day 3 of the epoch.
  const firstDay = Math.ceil((from / DAY - 3) / 7) * 7 + 3;
  const opens: [number, number][] = [];
  for (let t = firstDay * DAY; t <= to; t += 7 * DAY) opens.push([t, t + 7 * DAY]);
  return opens;
}

function monthOpens(from: number, to: number): [number, number][] {
  const start = new Date(from * 1000);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + (start.getUTCDate() === 1 && from % DAY === 0 ? 0 : 1);
  const opens: [number, number][] = [];
  for (;;) {
    const open = Date.UTC(year, month, 1) / 1000;
    if (open > to) return opens;
    opens.push([open, Date.UTC(year, month + 1, 1) / 1000]);
    month += 1;
  }
}

function makeBar(s: SimSymbol, open: number, close: number): RateBar {
  const o = priceAt(s, open);
  const c = priceAt(s, close);
  const tick = 10 ** -s.digits;
  const ticks = 50 + (Math.floor(open / 60) % 97);
  return {
    time: open, open: o, close: c,
    high: round(Math.max(o, c) + 3 * tick, s.digits), low: round(Math.min(o, c) - 3 * tick, s.digits),
    tick_volume: ticks, real_volume: s.calc_mode === 0 ? 0 : ticks * 3,
  };
}

/** TimeToString(time) with its default TIME_DATE|TIME_MINUTES: "YYYY.MM.DD HH:MM". */
export function timeToString(serverSeconds: number): string {
  const iso = new Date(serverSeconds * 1000).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, ".")} ${iso.slice(11, 16)}`;
}

/** StringToTime: "YYYY.MM.DD HH:MM[:SS]" (dots or dashes) as server seconds, or undefined. */
export function stringToTime(text: string): number | undefined {
  const m = /^(\d{4})[.-](\d{2})[.-](\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return undefined;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) / 1000;
}
