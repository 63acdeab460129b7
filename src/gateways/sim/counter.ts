// SIM's trading counter: takes an accepted order through checks, freezing, matching on arrival and resting,
// books each fill in the account, and reports every order state and trade through a sink.
import { Direction, Offset, Status } from "../../core/constant";
import { createTrade, type OrderData, type TradeData } from "../../core/object";
import type { LotAge, SimAccount } from "./account";
import { closePlan, formRefusal, freezePrice, fundsRefusal } from "./checks";
import { commissionOf } from "./fees";
import type { SimInstrument } from "./instruments";
import type { SymbolMarket } from "./market";
import { matchOnArrival, matchResting, type Fill } from "./matching";
import { roundToTick } from "./prices";

/** Where the counter reports: order updates, trades, and "this symbol's holdings or funds changed". */
export interface CounterSink {
  order(order: OrderData): void;
  trade(trade: TradeData): void;
  holdingsChanged(vtSymbol: string): void;
  rejected(order: OrderData): void;
}

interface WorkingOrder {
  order: OrderData;
  readonly instrument: SimInstrument;
  /** Close orders: lots still to take, by age, in the order the exchange takes them. */
  readonly closeLots: Array<[LotAge, number]>;
}

const CANCELLED_BY_USER = "已撤单 / cancelled";

export class SimCounter {
  /** Orders resting on the book, per vt_symbol, in time priority. */
  private readonly resting = new Map<string, Map<string, WorkingOrder>>();
  private tradeCount = 0;

  constructor(
    private readonly account: SimAccount,
    private readonly marketOf: (instrument: SimInstrument) => SymbolMarket,
    private readonly sink: CounterSink,
    private readonly clock: () => Date,
  ) {}

  /** Symbols with orders on the book: their markets keep moving even when nobody subscribed. */
  restingSymbols(): string[] {
    return [...this.resting.keys()];
  }

  accept(order: OrderData, instrument: SimInstrument): void {
    const working = this.admit(order, instrument);
    if (!working) return;
    this.update(working, { status: Status.NOTTRADED });
    const { fills, rests } = matchOnArrival(this.marketOf(instrument), order.type, order.direction, order.volume, working.order.price);
    for (const fill of fills) this.fill(working, fill);
    const unfilled = working.order.volume - working.order.traded;
    if (unfilled > 0 && rests) this.rest(working);
    else if (unfilled > 0) this.cancelRemainder(working, `${order.type} 剩余撤单 / ${order.type}: ${unfilled} lots found no match and were cancelled`);
    this.sink.holdingsChanged(instrument.contract.vt_symbol);
  }

  /** Cancels a resting order; returns false if it is not on the book (filled, cancelled or unknown). */
  cancel(vtSymbol: string, orderid: string): boolean {
    const working = this.resting.get(vtSymbol)?.get(orderid);
    if (!working) return false;
    this.cancelRemainder(working, CANCELLED_BY_USER);
    this.sink.holdingsChanged(vtSymbol);
    return true;
  }

  /** After the symbol's book moved: fills resting orders it crosses, oldest first. */
  matchResting(vtSymbol: string, market: SymbolMarket): void {
    const orders = this.resting.get(vtSymbol);
    if (!orders) return;
    let filled = false;
    for (const working of orders.values()) {
      const { direction, volume, traded, price } = working.order;
      const fill = matchResting(market, direction, volume - traded, price);
      if (!fill) continue;
      this.fill(working, fill);
      filled = true;
    }
    if (filled) this.sink.holdingsChanged(vtSymbol);
  }

  /** Runs the checks and freezes funds or lots; undefined (and a REJECTED order) if refused. */
  private admit(order: OrderData, instrument: SimInstrument): WorkingOrder | undefined {
    const refusal = formRefusal(order, instrument);
    if (refusal) return this.reject(order, refusal);
    const normalized = { ...order, price: order.price && roundToTick(order.price, instrument.contract.pricetick) };
    if (order.offset === Offset.OPEN) {
      const lacking = fundsRefusal(order, instrument, this.account.figures().available);
      if (lacking) return this.reject(order, lacking);
      this.account.freezeOpen(order.orderid, instrument, order.direction, freezePrice(normalized, instrument), order.volume);
      return { order: normalized, instrument, closeLots: [] };
    }
    const held = heldBy(order);
    const plan = closePlan(order, instrument, this.account.closable(instrument, held));
    if (typeof plan === "string") return this.reject(order, plan);
    for (const [age, volume] of plan) this.account.freezeClose(instrument, held, age, volume);
    return { order: normalized, instrument, closeLots: plan.map(([age, volume]) => [age, volume]) };
  }

  private reject(order: OrderData, reason: string): undefined {
    this.sink.rejected({ ...order, status: Status.REJECTED, status_msg: reason });
    return undefined;
  }

  private fill(working: WorkingOrder, fill: Fill): void {
    const { order, instrument } = working;
    if (order.offset === Offset.OPEN) {
      this.account.open(instrument, order.direction, fill.price, fill.volume, commissionOf(instrument, "open", fill.price, fill.volume));
      this.account.releaseOpen(order.orderid, fill.volume);
    } else {
      this.closeLots(working, fill);
    }
    const traded = order.traded + fill.volume;
    const done = traded === order.volume;
    if (done) this.unrest(working);
    this.update(working, { traded, status: done ? Status.ALLTRADED : Status.PARTTRADED });
    this.tradeCount += 1;
    this.sink.trade(createTrade({
      gateway_name: order.gateway_name, symbol: order.symbol, exchange: order.exchange, orderid: order.orderid,
      tradeid: String(this.tradeCount), direction: order.direction, offset: order.offset, price: fill.price,
      volume: fill.volume, datetime: this.clock(),
    }));
  }

  /** Takes a close fill from the planned lots in order, charging close-today or close fees per lot age. */
  private closeLots(working: WorkingOrder, fill: Fill): void {
    const { instrument, order } = working;
    let remaining = fill.volume;
    for (const lot of working.closeLots) {
      const take = Math.min(remaining, lot[1]);
      if (take === 0) continue;
      const kind = lot[0] === "td" ? "closeToday" : "close";
      this.account.close(instrument, heldBy(order), lot[0], fill.price, take, commissionOf(instrument, kind, fill.price, take));
      lot[1] -= take;
      remaining -= take;
    }
  }

  private rest(working: WorkingOrder): void {
    const vtSymbol = working.instrument.contract.vt_symbol;
    const orders = this.resting.get(vtSymbol) ?? new Map<string, WorkingOrder>();
    orders.set(working.order.orderid, working);
    this.resting.set(vtSymbol, orders);
  }

  private cancelRemainder(working: WorkingOrder, reason: string): void {
    const { order, instrument } = working;
    if (order.offset === Offset.OPEN) {
      this.account.releaseOpen(order.orderid, order.volume - order.traded);
    } else {
      for (const [age, volume] of working.closeLots) this.account.releaseClose(instrument, heldBy(order), age, volume);
      working.closeLots.length = 0;
    }
    this.unrest(working);
    this.update(working, { status: Status.CANCELLED, status_msg: reason });
  }

  private unrest(working: WorkingOrder): void {
    const vtSymbol = working.instrument.contract.vt_symbol;
    const orders = this.resting.get(vtSymbol);
    orders?.delete(working.order.orderid);
    if (orders?.size === 0) this.resting.delete(vtSymbol);
  }

  private update(working: WorkingOrder, changes: Partial<Pick<OrderData, "status" | "traded" | "status_msg">>): void {
    working.order = { ...working.order, ...changes };
    this.sink.order(working.order);
  }
}

/** The side a closing order takes lots from: a buy closes shorts, a sell closes longs. */
function heldBy(order: OrderData): Direction {
  return order.direction === Direction.LONG ? Direction.SHORT : Direction.LONG;
}
