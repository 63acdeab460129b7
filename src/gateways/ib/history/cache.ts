// The local bar cache under .vntrader/ib_history/: per symbol and interval, the time ranges already asked of IB
// (including ranges where IB had no bars) and the bars, stored column-wise, written atomically. A repeated
// pull asks IB only for the ranges not covered yet.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface CachedBar {
  readonly time: number;
  readonly open: number; readonly high: number; readonly low: number; readonly close: number; readonly volume: number;
}

type Range = [number, number];

interface CacheFile {
  version: 1;
  covered: Range[];
  time: number[]; open: number[]; high: number[]; low: number[]; close: number[]; volume: number[];
}

export class BarCache {
  private covered: Range[] = [];
  private readonly bars = new Map<number, CachedBar>();

  private constructor(private readonly path: string) {}

  /** Opens (or starts) the cache of one symbol and interval; an unreadable file starts empty and is replaced. */
  static open(folder: string, vtSymbol: string, interval: string): BarCache {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const cache = new BarCache(join(folder, `${vtSymbol.replace(/[^A-Za-z0-9._-]/g, "_")}.${interval}.json`));
    cache.load();
    return cache;
  }

  /** The parts of [start, end) not yet covered, in order. */
  missing(start: number, end: number): Range[] {
    const gaps: Range[] = [];
    let cursor = start;
    for (const [s, e] of this.covered) {
      if (e <= cursor) continue;
      if (s >= end) break;
      if (s > cursor) gaps.push([cursor, s]);
      cursor = Math.max(cursor, e);
    }
    if (cursor < end) gaps.push([cursor, end]);
    return gaps;
  }

  /** Records that [start, end) was asked and what came back (bars outside the range are ignored). */
  add(start: number, end: number, bars: readonly CachedBar[]): void {
    for (const bar of bars) if (bar.time >= start && bar.time < end) this.bars.set(bar.time, bar);
    this.covered = mergeRanges([...this.covered, [start, end]]);
  }

  /** Cached bars whose start lies in [start, end), oldest first. */
  barsIn(start: number, end: number): CachedBar[] {
    return [...this.bars.values()].filter((b) => b.time >= start && b.time < end).sort((a, b) => a.time - b.time);
  }

  save(): void {
    const sorted = [...this.bars.values()].sort((a, b) => a.time - b.time);
    const file: CacheFile = {
      version: 1, covered: this.covered,
      time: sorted.map((b) => b.time), open: sorted.map((b) => b.open), high: sorted.map((b) => b.high),
      low: sorted.map((b) => b.low), close: sorted.map((b) => b.close), volume: sorted.map((b) => b.volume),
    };
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(file), { mode: 0o600 });
    renameSync(temporary, this.path);
  }

  private load(): void {
    if (!existsSync(this.path)) return;
    let file: CacheFile;
    try {
      file = JSON.parse(readFileSync(this.path, "utf8")) as CacheFile;
    } catch {
      return; // a damaged cache only costs a re-download
    }
    if (file.version !== 1 || !Array.isArray(file.covered)) return;
    this.covered = file.covered;
    file.time.forEach((time, i) => {
      this.bars.set(time, { time, open: file.open[i], high: file.high[i], low: file.low[i], close: file.close[i], volume: file.volume[i] });
    });
  }
}

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}
