// The risk rules as pure checks: given what is known about an order (its request, contract, latest tick,
// position and counters), each enabled rule returns nothing or one line saying what broke which limit.
import { Direction, OrderType } from "../core/constant";
import type { ContractData, OrderRequest, TickData } from "../core/object";
import type { RuleName, RuleSettings } from "./settings";

/** Everything the order rules look at, gathered once per order by the guard. */
export interface OrderFacts {
  readonly req: OrderRequest;
  readonly contract: ContractData;
  readonly gatewayName: string;
  /** Live gateways (every one but SIM) send real orders: they need a fresh tick to check a price against. */
  readonly live: boolean;
  readonly tick: TickData | undefined;
  /** Milliseconds since the latest tick arrived; undefined when none has. */
  readonly tickAgeMs: number | undefined;
  /** Long minus short lots held in this symbol now. */
  readonly netPosition: number;
  readonly activeOrders: number;
  readonly ordersLastSecond: number;
  readonly ordersLastMinute: number;
  readonly ordersToday: number;
}

export interface Refusal {
  readonly rule: RuleName;
  readonly message: string;
}

type OrderRule = (facts: OrderFacts, rules: RuleSettings) => string | undefined;

/** Floating-point slack so a price exactly on the band edge (3650 * 1.05) is not refused by rounding noise. */
const EPSILON = 1e-9;

const ORDER_RULES: ReadonlyArray<readonly [RuleName, OrderRule]> = [
  ["max_order_volume", checkVolume],
  ["price_band", checkPriceBand],
  ["max_order_notional", checkNotional],
  ["position_limit", checkPosition],
  ["max_active_orders", checkActiveOrders],
  ["order_rate", checkOrderRate],
  ["daily_order_count", checkDailyCount],
];

/** The first enabled rule the order breaks, or undefined when it passes them all. */
export function findRefusal(facts: OrderFacts, rules: RuleSettings): Refusal | undefined {
  for (const [rule, check] of ORDER_RULES) {
    if (!rules[rule].enabled) continue;
    const detail = check(facts, rules);
    if (detail !== undefined) return { rule, message: refusalLine(detail, rule) };
  }
  return undefined;
}

/** A cancel breaks the cancel rate when the window already holds the limit. */
export function findCancelRefusal(lastSecond: number, lastMinute: number, rules: RuleSettings): Refusal | undefined {
  const limits = rules.cancel_rate;
  if (!limits.enabled) return undefined;
  const detail = rateBreach("cancels", lastSecond, lastMinute, limits);
  return detail === undefined ? undefined : { rule: "cancel_rate", message: refusalLine(detail, "cancel_rate") };
}

export function refusalLine(detail: string, rule: RuleName): string {
  return `refused: ${detail} (risk rule ${rule})`;
}

/** The price an order is valued at: its limit price, or for MARKET the opposite best price, else the last. */
export function valuationPrice(req: OrderRequest, tick: TickData | undefined): number | undefined {
  if (req.type !== OrderType.MARKET) return req.price;
  if (!tick) return undefined;
  const opposite = req.direction === Direction.LONG ? tick.ask_price_1 : tick.bid_price_1;
  if (opposite > 0) return opposite;
  return tick.last_price > 0 ? tick.last_price : undefined;
}

/** price x volume x contract size, or undefined when a MARKET order has no tick to be valued by. */
export function orderNotional(req: OrderRequest, contract: ContractData, tick: TickData | undefined): number | undefined {
  const price = valuationPrice(req, tick);
  return price === undefined ? undefined : price * req.volume * (contract.size > 0 ? contract.size : 1);
}

function checkVolume({ req }: OrderFacts, rules: RuleSettings): string | undefined {
  const limit = rules.max_order_volume.limit;
  if (req.volume <= limit) return undefined;
  return `volume ${req.volume} exceeds the per-order limit of ${limit} lots`;
}

function checkNotional({ req, contract, tick }: OrderFacts, rules: RuleSettings): string | undefined {
  const limit = rules.max_order_notional.limit;
  const notional = orderNotional(req, contract, tick);
  if (notional === undefined) {
    return `a MARKET order for ${req.vt_symbol} cannot be valued without a tick; %subscribe ${req.vt_symbol} first or send a limit order`;
  }
  if (notional <= limit * (1 + EPSILON)) return undefined;
  return `notional ${formatAmount(notional)} (price x volume x size ${contract.size}) exceeds the per-order limit of ${formatAmount(limit)}`;
}

function checkPriceBand(facts: OrderFacts, rules: RuleSettings): string | undefined {
  const { req, tick, tickAgeMs, live } = facts;
  const band = rules.price_band;
  const fresh = tick !== undefined && tickAgeMs !== undefined && tickAgeMs <= band.max_tick_age_seconds * 1000;
  if (!fresh) {
    if (!live) return undefined;
    const age = tickAgeMs === undefined ? "no tick has arrived" : `the latest tick is ${Math.round(tickAgeMs / 1000)} s old`;
    return `${age} for ${req.vt_symbol} (the limit is ${band.max_tick_age_seconds} s), so ${facts.gatewayName} cannot check the price; %subscribe ${req.vt_symbol} and retry`;
  }
  if (req.type === OrderType.MARKET) return undefined;
  const reference = referencePrice(tick);
  if (reference === undefined) return undefined;
  const distance = Math.abs(req.price - reference.price);
  const percent = (distance / reference.price) * 100;
  if (band.percent !== null && percent > band.percent * (1 + EPSILON)) {
    return `price ${req.price} is ${percent.toFixed(2)}% from the ${reference.name} ${reference.price}, beyond the band of ${band.percent}%`;
  }
  const ticks = facts.contract.pricetick > 0 ? distance / facts.contract.pricetick : 0;
  if (band.ticks !== null && ticks > band.ticks + 1e-6) {
    return `price ${req.price} is ${Math.round(ticks)} ticks from the ${reference.name} ${reference.price}, beyond the band of ${band.ticks} ticks`;
  }
  return undefined;
}

function referencePrice(tick: TickData): { name: string; price: number } | undefined {
  if (tick.last_price > 0) return { name: "last price", price: tick.last_price };
  if (tick.bid_price_1 > 0 && tick.ask_price_1 > 0) {
    return { name: "mid price", price: (tick.bid_price_1 + tick.ask_price_1) / 2 };
  }
  return undefined;
}

function checkPosition({ req, netPosition }: OrderFacts, rules: RuleSettings): string | undefined {
  const limit = rules.position_limit.symbols[req.vt_symbol] ?? rules.position_limit.limit;
  const after = netPosition + (req.direction === Direction.LONG ? req.volume : -req.volume);
  // An order that brings the position back towards zero is always allowed, even when it stays over the limit.
  if (Math.abs(after) <= limit || Math.abs(after) < Math.abs(netPosition)) return undefined;
  const side = after > 0 ? "long" : "short";
  return `the net position in ${req.vt_symbol} would become ${Math.abs(after)} lots ${side}, beyond the limit of ${limit} lots`;
}

function checkActiveOrders({ activeOrders, gatewayName }: OrderFacts, rules: RuleSettings): string | undefined {
  const limit = rules.max_active_orders.limit;
  if (activeOrders < limit) return undefined;
  return `${activeOrders} orders are already active on ${gatewayName}, the limit is ${limit}; cancel some first`;
}

function checkOrderRate(facts: OrderFacts, rules: RuleSettings): string | undefined {
  return rateBreach("orders", facts.ordersLastSecond, facts.ordersLastMinute, rules.order_rate);
}

function checkDailyCount({ ordersToday }: OrderFacts, rules: RuleSettings): string | undefined {
  const limit = rules.daily_order_count.limit;
  if (ordersToday < limit) return undefined;
  return `${ordersToday} orders were sent today, the daily limit is ${limit}`;
}

function rateBreach(
  what: string, lastSecond: number, lastMinute: number, limits: { per_second: number; per_minute: number },
): string | undefined {
  if (lastSecond >= limits.per_second) {
    return `${lastSecond} ${what} in the last second, the limit is ${limits.per_second} per second; wait a moment`;
  }
  if (lastMinute >= limits.per_minute) {
    return `${lastMinute} ${what} in the last minute, the limit is ${limits.per_minute} per minute; wait a moment`;
  }
  return undefined;
}

export function formatAmount(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
