// A history pull: the chunks IB is missing (after the local cache), sent through the pacing governor a few at
// a time, each answered by historicalData (17) or an error; retries pacing violations and timeouts, keeps
// "no data" as an empty, covered range, reports progress, and saves what arrived even when a later chunk fails.
import type { Contract } from "@stoqey/ib";
import { LogLevel } from "../../../core/constant";
import { TradingError } from "../../../core/errors";
import type { HistoryProgress } from "../../../core/gateway";
import type { IbConnection } from "../connection";
import type { IbMessage } from "../messages";
import { formatIbUtc, parseIbTime } from "../time";
import { BarCache, type CachedBar } from "./cache";
import { minimumPullSeconds, type Clock, type PacingGovernor } from "./pacing";
import { alignRange, checkPullLength, formatDuration, intervalSpec, planChunks, type Chunk, type IbInterval, type IntervalSpec } from "./plan";

export interface HistoryTarget {
  readonly vtSymbol: string;
  readonly contract: Contract;
  readonly whatToShow: "TRADES" | "MIDPOINT";
}

export interface PullerOptions {
  readonly folder: string;
  readonly timeoutMs: number;
  readonly concurrency: number;
  /** Pulls whose pacing alone takes longer are refused before sending. */
  readonly maxMinutes: number;
  readonly retries: number;
  /** How long to back off after IB reports a pacing violation anyway (another client on the account). */
  readonly pacingBackoffMs: number;
}

class ChunkFailure extends Error {
  constructor(readonly message_: IbMessage) {
    super(message_.text);
  }
}

interface Pending {
  readonly bars: CachedBar[];
  resolve(bars: CachedBar[]): void;
  reject(error: Error): void;
}

const SAVE_EVERY = 25;

export class HistoryPuller {
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly connection: IbConnection,
    private readonly governor: PacingGovernor,
    private readonly clock: Clock,
    private readonly options: PullerOptions,
    private readonly log: (msg: string, level?: LogLevel) => void,
  ) {}

  /** Bars in [start, end); only the ranges the cache lacks are requested. */
  async pull(target: HistoryTarget, interval: string, start: Date, end: Date, progress?: HistoryProgress): Promise<CachedBar[]> {
    const spec = intervalSpec(interval);
    const [from, to] = alignRange(spec, start.getTime(), end.getTime(), this.clock.now());
    if (to <= from) throw new TradingError("BAD_REQUEST", `the range ${start.toISOString()} -> ${end.toISOString()} has no finished ${interval} bars yet`);
    const cache = BarCache.open(this.options.folder, target.vtSymbol, interval);
    const chunks = planChunks(spec, cache.missing(from, to));
    checkPullLength(interval as IbInterval, chunks.length, to - from, this.options.maxMinutes);
    if (chunks.length > 0) {
      this.log(`${target.vtSymbol} ${interval}: ${chunks.length} IB request${chunks.length === 1 ? "" : "s"} for the missing ranges; pacing allows that in ${formatDuration(minimumPullSeconds(chunks.length))} at best`);
      await this.runChunks(target, spec, chunks, cache, progress);
    }
    const bars = cache.barsIn(start.getTime(), end.getTime());
    if (chunks.length === 0) this.log(`${target.vtSymbol} ${interval}: all ${bars.length} bars from the local cache; nothing asked of IB`);
    return bars;
  }

  /** A whole historicalData (17) message, decoded in one pass (bars-decoder.ts): the request is complete. */
  onBars(reqId: number, bars: CachedBar[]): void {
    const pending = this.pending.get(reqId);
    if (!pending) return;
    this.pending.delete(reqId);
    pending.resolve(bars);
  }

  /** Routes @stoqey/ib's per-bar historicalData events (used only if the one-pass decoder could not attach). */
  onBar(reqId: number, date: string, open: number, high: number, low: number, close: number, volume: number | undefined): void {
    const pending = this.pending.get(reqId);
    if (!pending) return;
    if (date.startsWith("finished")) {
      this.pending.delete(reqId);
      pending.resolve(pending.bars);
      return;
    }
    const time = parseIbTime(date);
    if (time !== undefined) pending.bars.push({ time, open, high, low, close, volume: Math.max(0, volume ?? 0) });
  }

  /** Routes an IB error to the request it belongs to; false if it is not a history request. */
  onError(reqId: number, message: IbMessage): boolean {
    const pending = this.pending.get(reqId);
    if (!pending) return false;
    this.pending.delete(reqId);
    pending.reject(new ChunkFailure(message));
    return true;
  }

  /** Fails every open request (the socket dropped); finished chunks stay cached. */
  failAll(reason: string): void {
    for (const [reqId, pending] of this.pending) {
      this.pending.delete(reqId);
      pending.reject(new TradingError("NOT_CONNECTED", reason));
    }
  }

  private async runChunks(target: HistoryTarget, spec: IntervalSpec, chunks: Chunk[], cache: BarCache, progress?: HistoryProgress): Promise<void> {
    let done = 0;
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++];
        const bars = await this.fetchWithRetries(target, spec, chunk);
        cache.add(chunk.start, chunk.end, bars);
        done += 1;
        if (done % SAVE_EVERY === 0) cache.save();
        progress?.(done, chunks.length, `${target.vtSymbol} ${new Date(chunk.end).toISOString().slice(0, 10)}`);
      }
    };
    const workers = Array.from({ length: Math.min(this.options.concurrency, chunks.length) }, worker);
    try {
      await Promise.all(workers);
    } catch (error) {
      next = chunks.length; // stop the other workers after their current chunk
      await Promise.allSettled(workers);
      cache.save();
      throw this.pullFailure(error, target, done, chunks.length);
    }
    cache.save();
  }

  private async fetchWithRetries(target: HistoryTarget, spec: IntervalSpec, chunk: Chunk): Promise<CachedBar[]> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.fetch(target, spec, chunk);
      } catch (error) {
        if (!(error instanceof ChunkFailure)) throw error;
        const kind = error.message_.kind;
        if (kind === "no-data") return [];
        if ((kind !== "pacing" && kind !== "query-cancelled") || attempt >= this.options.retries) throw error;
        this.log(`${target.vtSymbol}: ${error.message_.text}; retrying (${attempt + 1} of ${this.options.retries})`, LogLevel.WARNING);
        if (kind === "pacing") await this.clock.sleep(this.options.pacingBackoffMs);
      }
    }
  }

  private async fetch(target: HistoryTarget, spec: IntervalSpec, chunk: Chunk): Promise<CachedBar[]> {
    const end = formatIbUtc(chunk.end);
    const contractKey = `${target.contract.conId}|${target.contract.exchange}|${target.whatToShow}`;
    const release = await this.governor.acquire({
      identical: `${contractKey}|${end}|${chunk.duration}|${spec.barSize}|0`, contract: contractKey, weight: 1,
    });
    try {
      return await this.request(target, spec, chunk.duration, end);
    } finally {
      release();
    }
  }

  private request(target: HistoryTarget, spec: IntervalSpec, duration: string, end: string): Promise<CachedBar[]> {
    const ib = this.connection.ib;
    const reqId = this.connection.nextRequestId();
    return new Promise<CachedBar[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(reqId)) return;
        this.connection.isOpen && this.connection.ib.cancelHistoricalData(reqId);
        reject(new ChunkFailure({ code: 162, kind: "query-cancelled", level: LogLevel.WARNING, text: `IB did not answer within ${this.options.timeoutMs / 1000} s` }));
      }, this.options.timeoutMs);
      this.pending.set(reqId, {
        bars: [],
        resolve: (bars) => { clearTimeout(timer); resolve(bars); },
        reject: (error) => { clearTimeout(timer); reject(error); },
      });
      // useRTH 0 (all hours, vn.py's choice), formatDate 2 (epoch seconds: no time-zone guessing)
      ib.reqHistoricalData(reqId, target.contract, end, duration, spec.barSize as never, target.whatToShow as never, 0, 2, false);
    });
  }

  private pullFailure(error: unknown, target: HistoryTarget, done: number, total: number): TradingError {
    const kept = `${done} of ${total} requests finished and are cached; run the same pull again to fetch only the rest`;
    if (error instanceof ChunkFailure) return new TradingError("NO_HISTORY", `${target.vtSymbol}: ${error.message_.text}. ${kept}`);
    if (error instanceof TradingError) return new TradingError(error.code, `${target.vtSymbol}: ${error.message}. ${kept}`);
    return new TradingError("NO_HISTORY", `${target.vtSymbol}: ${String(error)}. ${kept}`);
  }
}
