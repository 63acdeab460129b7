// What a history pull asks IB for: per interval the bar size and the longest duration IB accepts for it (its
// step-size table: 1 D for 1 min, 1 M for 1 hour, 1 Y for 1 day), the chunks that cover the missing ranges,
// and the check that refuses a pull the pacing rules would stretch over hours, before anything is sent.
import { Interval } from "../../../core/constant";
import { TradingError } from "../../../core/errors";
import { minimumPullSeconds } from "./pacing";

export type IbInterval = typeof Interval.MINUTE | typeof Interval.HOUR | typeof Interval.DAILY;

export interface IntervalSpec {
  readonly barSize: "1 min" | "1 hour" | "1 day";
  readonly barMs: number;
  /** The longest span one request may cover. */
  readonly chunkMs: number;
  /** IB duration text for a span of at most chunkMs. */
  duration(spanMs: number): string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const INTERVAL_SPECS: Readonly<Record<IbInterval, IntervalSpec>> = {
  [Interval.MINUTE]: {
    barSize: "1 min", barMs: MINUTE, chunkMs: DAY,
    duration: (span) => (span >= DAY ? "1 D" : `${Math.ceil(span / 1000)} S`),
  },
  [Interval.HOUR]: { barSize: "1 hour", barMs: HOUR, chunkMs: 30 * DAY, duration: (span) => `${Math.ceil(span / DAY)} D` },
  [Interval.DAILY]: { barSize: "1 day", barMs: DAY, chunkMs: 365 * DAY, duration: (span) => (span >= 365 * DAY ? "1 Y" : `${Math.ceil(span / DAY)} D`) },
};

export interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly duration: string;
}

export function intervalSpec(interval: string): IntervalSpec {
  const spec = INTERVAL_SPECS[interval as IbInterval];
  if (!spec) {
    throw new TradingError("BAD_REQUEST", `IB history serves ${Object.keys(INTERVAL_SPECS).join(", ")} bars; "${interval}" is not one of them`);
  }
  return spec;
}

/**
 * [start, end) widened to whole bars and cut where the current, unfinished bar starts: IB has no future bars,
 * and a cached unfinished bar would never be refreshed.
 */
export function alignRange(spec: IntervalSpec, start: number, end: number, now: number): [number, number] {
  const alignedStart = Math.floor(start / spec.barMs) * spec.barMs;
  const alignedEnd = Math.min(Math.ceil(end / spec.barMs) * spec.barMs, Math.floor(now / spec.barMs) * spec.barMs);
  return [alignedStart, alignedEnd];
}

/** Consecutive requests of at most chunkMs covering each range. */
export function planChunks(spec: IntervalSpec, ranges: ReadonlyArray<readonly [number, number]>): Chunk[] {
  const chunks: Chunk[] = [];
  for (const [start, end] of ranges) {
    for (let t = start; t < end; t += spec.chunkMs) {
      const chunkEnd = Math.min(end, t + spec.chunkMs);
      chunks.push({ start: t, end: chunkEnd, duration: spec.duration(chunkEnd - t) });
    }
  }
  return chunks;
}

/** Refuses a pull whose pacing alone would take longer than `maxMinutes`, naming the time and a bigger bar. */
export function checkPullLength(interval: IbInterval, requests: number, rangeMs: number, maxMinutes: number): void {
  const seconds = minimumPullSeconds(requests);
  if (seconds <= maxMinutes * 60) return;
  const bigger = interval === Interval.MINUTE ? Interval.HOUR : Interval.DAILY;
  const biggerRequests = Math.ceil(rangeMs / INTERVAL_SPECS[bigger].chunkMs);
  throw new TradingError(
    "BAD_REQUEST",
    `pulling ${interval} bars over ${Math.round(rangeMs / DAY)} days needs ${requests} IB requests; IB's pacing (60 requests per 10 minutes) makes that at least ${formatDuration(seconds)}. ` +
    `Nothing was sent. Use a bigger bar (${bigger}: ${biggerRequests} request${biggerRequests === 1 ? "" : "s"}, about ${formatDuration(minimumPullSeconds(biggerRequests))}) or a shorter range (at most about ${Math.round((maxMinutes / 10) * 60)} requests).`,
  );
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
