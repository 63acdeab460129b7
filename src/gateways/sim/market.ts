// SIM's market: one seeded price process per instrument (a random walk in whole ticks inside the daily
// limits) with a 5-level book that orders can take liquidity from. The same seed gives the same ticks.
import { createTick, type TickData } from "../../core/object";
import type { SimInstrument } from "./instruments";
import { priceOfTicks, ticksOf } from "./prices";

export const BOOK_DEPTH = 5;
const MAX_LEVEL_VOLUME = 50;
const MAX_TRADE_VOLUME = 20;

/** One side of the book, best level first. A level with price 0 is empty (beyond the limit or taken). */
export interface BookSide {
  readonly prices: number[];
  readonly volumes: number[];
}

/** mulberry32: a tiny, fast, well-mixed 32-bit generator; plenty for a market simulation. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: folds a symbol into the seed, so each instrument's path is its own, whatever else is subscribed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export class SymbolMarket {
  readonly bids: BookSide = emptySide();
  readonly asks: BookSide = emptySide();
  private readonly random: () => number;
  private readonly tick: number;
  private readonly upTicks: number;
  private readonly downTicks: number;
  private lastTicks: number;
  private highTicks: number;
  private lowTicks: number;
  private volume = 0;
  private turnover = 0;
  private openInterest: number;
  private lastVolume = 0;

  constructor(readonly instrument: SimInstrument, seed: number) {
    this.random = mulberry32(seed ^ hashString(instrument.contract.vt_symbol));
    this.tick = instrument.contract.pricetick;
    this.upTicks = ticksOf(instrument.limitUp, this.tick);
    this.downTicks = ticksOf(instrument.limitDown, this.tick);
    this.lastTicks = ticksOf(instrument.preSettle, this.tick);
    this.highTicks = this.lastTicks;
    this.lowTicks = this.lastTicks;
    this.openInterest = 1000 + Math.floor(this.random() * 90_000);
    this.buildBook();
  }

  get lastPrice(): number {
    return priceOfTicks(this.lastTicks, this.tick);
  }

  /** One market event: the price moves 0-2 ticks, a trade prints, and the book is rebuilt around it. */
  step(): void {
    this.lastTicks = Math.min(this.upTicks, Math.max(this.downTicks, this.lastTicks + this.priceMove()));
    this.highTicks = Math.max(this.highTicks, this.lastTicks);
    this.lowTicks = Math.min(this.lowTicks, this.lastTicks);
    this.lastVolume = 1 + Math.floor(this.random() * MAX_TRADE_VOLUME);
    this.volume += this.lastVolume;
    this.turnover += this.lastVolume * this.lastPrice * this.instrument.contract.size;
    this.openInterest = Math.max(0, this.openInterest + Math.round((this.random() - 0.5) * this.lastVolume));
    this.buildBook();
  }

  snapshot(gatewayName: string, datetime: Date): TickData {
    const { contract } = this.instrument;
    const { bids, asks } = this;
    return createTick({
      gateway_name: gatewayName, symbol: contract.symbol, exchange: contract.exchange, datetime, name: contract.name,
      volume: this.volume, turnover: this.turnover, open_interest: this.openInterest, last_price: this.lastPrice,
      last_volume: this.lastVolume, limit_up: this.instrument.limitUp, limit_down: this.instrument.limitDown,
      open_price: this.instrument.preSettle, high_price: priceOfTicks(this.highTicks, this.tick),
      low_price: priceOfTicks(this.lowTicks, this.tick), pre_close: this.instrument.preSettle,
      bid_price_1: bids.prices[0], bid_price_2: bids.prices[1], bid_price_3: bids.prices[2], bid_price_4: bids.prices[3], bid_price_5: bids.prices[4],
      ask_price_1: asks.prices[0], ask_price_2: asks.prices[1], ask_price_3: asks.prices[2], ask_price_4: asks.prices[3], ask_price_5: asks.prices[4],
      bid_volume_1: bids.volumes[0], bid_volume_2: bids.volumes[1], bid_volume_3: bids.volumes[2], bid_volume_4: bids.volumes[3], bid_volume_5: bids.volumes[4],
      ask_volume_1: asks.volumes[0], ask_volume_2: asks.volumes[1], ask_volume_3: asks.volumes[2], ask_volume_4: asks.volumes[3], ask_volume_5: asks.volumes[4],
    });
  }

  /** Mostly 0 or ±1 tick, sometimes ±2, pulled back towards pre-settlement when far from it. */
  private priceMove(): number {
    const u = this.random();
    const move = u < 0.04 ? -2 : u < 0.3 ? -1 : u < 0.7 ? 0 : u < 0.96 ? 1 : 2;
    const anchor = ticksOf(this.instrument.preSettle, this.tick);
    const stretch = (this.lastTicks - anchor) / Math.max(1, this.upTicks - anchor);
    return stretch * move > 0.5 * Math.abs(move) ? -move : move;
  }

  private buildBook(): void {
    // The spread is one tick; whether the last trade was at the bid or the ask is a coin toss.
    const bestBid = this.random() < 0.5 ? this.lastTicks : this.lastTicks - 1;
    for (let level = 0; level < BOOK_DEPTH; level++) {
      this.setLevel(this.bids, level, bestBid - level);
      this.setLevel(this.asks, level, bestBid + 1 + level);
    }
  }

  private setLevel(side: BookSide, level: number, ticks: number): void {
    const volume = 1 + Math.floor(this.random() * MAX_LEVEL_VOLUME);
    const inside = ticks >= this.downTicks && ticks <= this.upTicks && ticks > 0;
    side.prices[level] = inside ? priceOfTicks(ticks, this.tick) : 0;
    side.volumes[level] = inside ? volume : 0;
  }
}

function emptySide(): BookSide {
  return { prices: new Array<number>(BOOK_DEPTH).fill(0), volumes: new Array<number>(BOOK_DEPTH).fill(0) };
}

/** Takes `volume` from a level; an emptied level leaves the book and the deeper levels move up. */
export function takeFromLevel(side: BookSide, level: number, volume: number): void {
  side.volumes[level] -= volume;
  if (side.volumes[level] > 0) return;
  for (let k = level; k < BOOK_DEPTH - 1; k++) {
    side.prices[k] = side.prices[k + 1];
    side.volumes[k] = side.volumes[k + 1];
  }
  side.prices[BOOK_DEPTH - 1] = 0;
  side.volumes[BOOK_DEPTH - 1] = 0;
}
