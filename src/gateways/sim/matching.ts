// Order matching against SIM's book, as pure functions: what an incoming LIMIT / MARKET / FAK / FOK order
// fills level by level, and what a resting order fills when a later book crosses its price.
import { Direction, OrderType } from "../../core/constant";
import { BOOK_DEPTH, takeFromLevel, type BookSide } from "./market";

export interface Book {
  readonly bids: BookSide;
  readonly asks: BookSide;
}

export interface Fill {
  readonly price: number;
  readonly volume: number;
}

/** What an order does with its remainder after matching on arrival. */
export interface ArrivalResult {
  readonly fills: Fill[];
  /** True when the unfilled rest stays on the book (LIMIT); otherwise it is cancelled. */
  readonly rests: boolean;
}

/** The order types SIM's matching understands; the others are refused before matching. */
export const MATCHABLE_TYPES: ReadonlySet<OrderType> = new Set([OrderType.LIMIT, OrderType.MARKET, OrderType.FAK, OrderType.FOK]);

/** The opposite side a buy or sell trades against. */
function oppositeSide(book: Book, direction: Direction): BookSide {
  return direction === Direction.LONG ? book.asks : book.bids;
}

/** Whether a level's price is acceptable to the order: at or below a buy's limit, at or above a sell's. */
function accepts(direction: Direction, limit: number | undefined, levelPrice: number): boolean {
  if (levelPrice === 0) return false;
  if (limit === undefined) return true;
  return direction === Direction.LONG ? levelPrice <= limit : levelPrice >= limit;
}

/** Volume on the opposite side at prices the order accepts (`limit` undefined: a market order, any level). */
export function crossingVolume(book: Book, direction: Direction, limit: number | undefined): number {
  const side = oppositeSide(book, direction);
  let total = 0;
  for (let level = 0; level < BOOK_DEPTH && accepts(direction, limit, side.prices[level]); level++) {
    total += side.volumes[level];
  }
  return total;
}

/** Takes liquidity best level first at each level's price, up to `volume`; the book loses what was taken. */
export function sweep(book: Book, direction: Direction, volume: number, limit: number | undefined): Fill[] {
  const side = oppositeSide(book, direction);
  const fills: Fill[] = [];
  let remaining = volume;
  while (remaining > 0 && accepts(direction, limit, side.prices[0])) {
    const taken = Math.min(remaining, side.volumes[0]);
    fills.push({ price: side.prices[0], volume: taken });
    takeFromLevel(side, 0, taken);
    remaining -= taken;
  }
  return fills;
}

/** Matches an order on arrival according to its type. `price` is ignored for MARKET. */
export function matchOnArrival(book: Book, type: OrderType, direction: Direction, volume: number, price: number): ArrivalResult {
  switch (type) {
    case OrderType.LIMIT:
      return { fills: sweep(book, direction, volume, price), rests: true };
    case OrderType.FAK:
      return { fills: sweep(book, direction, volume, price), rests: false };
    case OrderType.FOK:
      // All or nothing: fill only if the whole volume is available within the limit.
      return { fills: crossingVolume(book, direction, price) >= volume ? sweep(book, direction, volume, price) : [], rests: false };
    case OrderType.MARKET:
      return { fills: sweep(book, direction, volume, undefined), rests: false };
    default:
      return { fills: [], rests: false };
  }
}

/**
 * A resting order fills when a later book offers liquidity through its price. It trades at its own price:
 * it was first in the queue, the newcomer crossed it.
 */
export function matchResting(book: Book, direction: Direction, volume: number, price: number): Fill | undefined {
  const taken = sweep(book, direction, volume, price).reduce((sum, fill) => sum + fill.volume, 0);
  return taken > 0 ? { price, volume: taken } : undefined;
}
