// The simulator's answer to reqHistoricalData (20): request parsing, IB's step-size limits, the window a
// duration and end time describe, and bar dates in the requested format.
import { BAR_SECONDS, barsInWindow, type SimBar, type SimBarSize, type SimContract } from "./scenario";

export interface HistoryQuery {
  readonly reqId: number;
  readonly endDateTime: string;
  readonly barSize: string;
  readonly duration: string;
  readonly useRTH: string;
  readonly whatToShow: string;
  readonly formatDate: number;
}

/** Fields of message 20 after the contract block (server version >= 124: no version field). */
export function parseHistoryQuery(reqId: number, rest: readonly string[]): HistoryQuery {
  const [, endDateTime = "", barSize = "", duration = "", useRTH = "0", whatToShow = "", formatDate = "1"] = rest; // rest[0] = includeExpired
  return { reqId, endDateTime, barSize, duration, useRTH, whatToShow, formatDate: Number(formatDate) };
}

/** Longest duration IB accepts per bar size (its "step size" table: 1 D for 1 min, 1 M for 1 hour, 1 Y for 1 day). */
const MAX_DURATION_SECONDS: Readonly<Record<SimBarSize, number>> = { "1 min": 86_400, "1 hour": 31 * 86_400, "1 day": 366 * 86_400 };
const UNIT_SECONDS: Readonly<Record<string, number>> = { S: 1, D: 86_400, W: 7 * 86_400, M: 30 * 86_400, Y: 365 * 86_400 };

export type HistoryAnswer =
  | { readonly kind: "bars"; readonly bars: SimBar[]; readonly start: number; readonly end: number }
  | { readonly kind: "error"; readonly code: number; readonly text: string };

export function answerHistory(q: HistoryQuery, contract: SimContract, now: number): HistoryAnswer {
  if (!(q.barSize in BAR_SECONDS)) {
    return { kind: "error", code: 321, text: `Error validating request.-'bP' : cause - Historical data bar size setting "${q.barSize}" is not served by this simulator.` };
  }
  const barSize = q.barSize as SimBarSize;
  const duration = /^(\d+) ([SDWMY])$/.exec(q.duration);
  if (!duration) return { kind: "error", code: 321, text: `Error validating request.-'bP' : cause - Historical data duration "${q.duration}" is invalid.` };
  const seconds = Number(duration[1]) * UNIT_SECONDS[duration[2]];
  if (seconds > MAX_DURATION_SECONDS[barSize] || seconds < BAR_SECONDS[barSize]) {
    return { kind: "error", code: 162, text: "Historical Market Data Service error message:Time length exceed max." };
  }
  const end = parseEndDateTime(q.endDateTime, now);
  if (end === undefined) {
    return { kind: "error", code: 321, text: `Error validating request.-'bP' : cause - End date/time "${q.endDateTime}" is invalid; use yyyyMMdd-HH:mm:ss (UTC).` };
  }
  const start = end - seconds * 1000;
  const bars = barsInWindow(contract.conId, barSize, start, end);
  if (bars.length === 0) {
    return { kind: "error", code: 162, text: `Historical Market Data Service error message:HMDS query returned no data: ${contract.localSymbol}@${contract.exchange} ${q.whatToShow}` };
  }
  return { kind: "bars", bars, start, end };
}

/** "" (now), "yyyyMMdd-HH:mm:ss" (UTC) or "yyyyMMdd HH:mm:ss UTC". Other time zones are not simulated. */
export function parseEndDateTime(text: string, now: number): number | undefined {
  if (text === "") return now;
  const match = /^(\d{4})(\d{2})(\d{2})(?:-| )(\d{2}):(\d{2}):(\d{2})(?: UTC)?$/.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** IB's date field: "yyyyMMdd" for daily bars; epoch seconds (formatDate 2) or "yyyyMMdd HH:mm:ss UTC" (1). */
export function barDateFormatter(barSize: string, formatDate: number): (bar: SimBar) => string {
  if (barSize === "1 day") return (bar) => ibDate(bar.time);
  if (formatDate === 2) return (bar) => String(bar.time / 1000);
  return (bar) => ibDateTime(bar.time);
}

export function ibDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, "");
}

export function ibDateTime(ms: number): string {
  return `${ibDate(ms)} ${new Date(ms).toISOString().slice(11, 19)} UTC`;
}
