// The checks SIM's counter makes before an order reaches the book, each refusal worded as a counter would
// (Chinese) plus what went wrong and what to do (English); and how a close is split over today's and
// yesterday's lots under each exchange's rule.
import { CLOSE_TODAY_EXCHANGES, Direction, Exchange, Offset, OrderType } from "../../core/constant";
import type { OrderData } from "../../core/object";
import type { LotAge } from "./account";
import { commissionOf, marginOf } from "./fees";
import type { SimInstrument } from "./instruments";
import { MATCHABLE_TYPES } from "./matching";
import { isOnTick } from "./prices";

/** A close split into lots of each age, in the order the exchange takes them. */
export type ClosePlan = ReadonlyArray<readonly [LotAge, number]>;

const money = (amount: number) => amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Why the order is refused before matching, or undefined if its form is acceptable. */
export function formRefusal(order: OrderData, instrument: SimInstrument): string | undefined {
  const { contract } = instrument;
  if (!MATCHABLE_TYPES.has(order.type)) {
    return `不支持的报单类型 / SIM does not support ${order.type} orders: use LIMIT, MARKET, FAK or FOK`;
  }
  if (order.type === OrderType.MARKET && CLOSE_TODAY_EXCHANGES.has(contract.exchange)) {
    return `${contract.exchange}不支持市价单 / ${contract.exchange} does not accept market orders: send a LIMIT or FAK at the worst price you accept`;
  }
  if (order.offset === Offset.NONE) {
    return `开平标志错误 / the order has no offset: say OPEN, CLOSE, CLOSETODAY or CLOSEYESTERDAY`;
  }
  if (!Number.isInteger(order.volume) || order.volume <= 0) {
    return `委托数量错误 / volume ${order.volume} must be a positive whole number of lots`;
  }
  if (order.type !== OrderType.MARKET) return priceRefusal(order.price, instrument);
  return undefined;
}

function priceRefusal(price: number, instrument: SimInstrument): string | undefined {
  const { contract, limitUp, limitDown } = instrument;
  if (!isOnTick(price, contract.pricetick)) {
    return `价格不是最小变动价位的整数倍 / price ${price} is not a multiple of ${contract.vt_symbol}'s price tick ${contract.pricetick}`;
  }
  if (price > limitUp || price < limitDown) {
    return `价格超出涨跌停板 / price ${price} is outside today's limits of ${contract.vt_symbol} (${limitDown} to ${limitUp})`;
  }
  return undefined;
}

/** The price an opening order's funds are frozen at: its limit, or the limit price for a market order. */
export function freezePrice(order: OrderData, instrument: SimInstrument): number {
  if (order.type !== OrderType.MARKET) return order.price;
  return order.direction === Direction.LONG ? instrument.limitUp : instrument.limitDown;
}

/** An opening order needs its margin plus its commission, valued at its freeze price. */
export function fundsRefusal(order: OrderData, instrument: SimInstrument, available: number): string | undefined {
  const price = freezePrice(order, instrument);
  const margin = marginOf(instrument, order.direction, order.volume, price * order.volume);
  const commission = commissionOf(instrument, "open", price, order.volume);
  if (available >= margin + commission) return undefined;
  return `资金不足 / insufficient funds: ${order.volume} lots of ${instrument.contract.vt_symbol} need ` +
    `${money(margin + commission)} CNY (margin ${money(margin)} + commission ${money(commission)}), available ${money(available)}`;
}

/**
 * Splits a close over the held lots, or says why it cannot be done.
 * - SHFE / INE: CLOSETODAY takes only today's lots; CLOSE and CLOSEYESTERDAY only yesterday's.
 * - CFFEX closes today's lots first, then yesterday's (平今优先).
 * - DCE, CZCE, SSE close yesterday's lots first (先开先平: oldest first).
 * Elsewhere CLOSETODAY and CLOSEYESTERDAY are read as CLOSE, as CTP counters do.
 */
export function closePlan(order: OrderData, instrument: SimInstrument, closable: Record<LotAge, number>): ClosePlan | string {
  const { exchange, vt_symbol } = instrument.contract;
  const held = order.direction === Direction.LONG ? "short" : "long";
  if (CLOSE_TODAY_EXCHANGES.has(exchange)) {
    const age: LotAge = order.offset === Offset.CLOSETODAY ? "td" : "yd";
    if (order.volume <= closable[age]) return [[age, order.volume]];
    const which = age === "td" ? "today's" : "yesterday's";
    const hint = age === "td" ? "close yesterday's lots with CLOSE or CLOSEYESTERDAY" : "close today's lots with CLOSETODAY";
    return `${age === "td" ? "平今仓位不足" : "平昨仓位不足"} / cannot close ${order.volume} lots: ${closable[age]} of ` +
      `${which} ${held} ${vt_symbol} can be closed (${exchange} keeps today and yesterday apart; ${hint})`;
  }
  const total = closable.td + closable.yd;
  if (order.volume > total) {
    return `平仓量超过持仓量 / cannot close ${order.volume} lots: ${total} ${held} ${vt_symbol} can be closed`;
  }
  const ages: LotAge[] = exchange === Exchange.CFFEX ? ["td", "yd"] : ["yd", "td"];
  const plan: Array<readonly [LotAge, number]> = [];
  let remaining = order.volume;
  for (const age of ages) {
    const take = Math.min(remaining, closable[age]);
    if (take > 0) plan.push([age, take]);
    remaining -= take;
  }
  return plan;
}
