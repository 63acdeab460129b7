// Quotes: reqMktData (1) per subscribed contract, tickPrice/tickSize (1/2) folded into TickData snapshots, and
// the delayed-data fallback: on 354 (no live subscription) switch to market data type 3 and resubscribe,
// saying so plainly in the log. Resubscribes everything after a reconnect or a 1101.
// Sizes come from tickSize (2): @stoqey/ib drops the bid size embedded in tickPrice (BID_SIZE is tick type 0,
// which its `if (sizeTickType)` treats as absent); TWS also sends every size as its own tickSize.
import { Exchange, LogLevel } from "../../core/constant";
import { createTick, type TickData } from "../../core/object";
import type { IbConnection } from "./connection";
import type { KnownContract } from "./contracts";
import { MARKET_DATA_TYPE_NAMES, TICK_FIELD_IB2VT } from "./mappings";
import type { IbMessage } from "./messages";

type MutableTick = { -readonly [K in keyof TickData]: TickData[K] };

interface Subscription {
  readonly contract: KnownContract;
  reqId: number;
  tick: MutableTick;
  announcedType?: number;
  /** Set once this subscription was re-requested as delayed, so a second 354 does not loop. */
  askedDelayed?: boolean;
}

/** Market data type 3: delayed data where there is no live subscription, live data where there is. */
const DELAYED = 3;

export class MarketData {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly byReqId = new Map<number, Subscription>();
  private delayedMode = false;

  constructor(
    private readonly connection: IbConnection,
    private readonly gatewayName: string,
    private readonly push: (tick: TickData) => void,
    private readonly log: (msg: string, level?: LogLevel) => void,
  ) {}

  get symbols(): string[] {
    return [...this.subscriptions.keys()];
  }

  subscribe(contract: KnownContract): void {
    if (this.subscriptions.has(contract.data.vt_symbol)) return;
    const c = contract.data;
    const tick = createTick({ gateway_name: this.gatewayName, symbol: c.symbol, exchange: c.exchange, datetime: new Date(), name: c.name }) as MutableTick;
    const subscription: Subscription = { contract, reqId: 0, tick };
    this.subscriptions.set(c.vt_symbol, subscription);
    this.request(subscription);
  }

  /** After a reconnect or 1101: every subscription again, under new request ids. */
  resubscribeAll(): void {
    this.byReqId.clear();
    if (this.delayedMode) this.connection.ib.reqMarketDataType(DELAYED);
    for (const subscription of this.subscriptions.values()) this.request(subscription);
  }

  onTickPrice(reqId: number, tickType: number, price: number | undefined): void {
    this.update(reqId, tickType, price);
  }

  onTickSize(reqId: number, tickType: number, size: number | undefined): void {
    this.update(reqId, tickType, size);
  }

  onMarketDataType(reqId: number, type: number): void {
    const subscription = this.byReqId.get(reqId);
    if (!subscription || subscription.announcedType === type) return;
    subscription.announcedType = type;
    const name = MARKET_DATA_TYPE_NAMES[type] ?? `type ${type}`;
    const vt = subscription.contract.data.vt_symbol;
    if (type >= DELAYED) this.log(`${vt}: market data is ${name.toUpperCase()} (15-20 minutes late), not live`, LogLevel.WARNING);
    else this.log(`${vt}: market data is ${name}`);
  }

  /** 354: no live subscription -> switch this session to delayed data and ask again. */
  onError(reqId: number, message: IbMessage): boolean {
    const subscription = this.byReqId.get(reqId);
    if (!subscription) return false;
    const vt = subscription.contract.data.vt_symbol;
    if (message.kind === "not-subscribed" && !subscription.askedDelayed) {
      this.log(`${vt}: ${message.text}; switching to delayed market data (15-20 minutes late)`, LogLevel.WARNING);
      this.byReqId.delete(reqId);
      subscription.askedDelayed = true;
      this.delayedMode = true;
      this.connection.ib.reqMarketDataType(DELAYED);
      this.request(subscription);
    } else if (message.kind !== "delayed") {
      this.log(`${vt}: ${message.text}`, message.level);
    }
    return true;
  }

  private request(subscription: Subscription): void {
    subscription.reqId = this.connection.nextRequestId();
    this.byReqId.set(subscription.reqId, subscription);
    this.connection.ib.reqMktData(subscription.reqId, subscription.contract.ib, "", false, false);
  }

  private update(reqId: number, tickType: number, value: number | undefined): void {
    const subscription = this.byReqId.get(reqId);
    const field = TICK_FIELD_IB2VT[tickType];
    if (!subscription || !field || value === undefined || value < 0) return;
    const tick = subscription.tick;
    tick[field] = value;
    // IDEALPRO quotes carry no trades: the mid is the price (vn.py's rule)
    if (subscription.contract.data.exchange === Exchange.IDEALPRO && tick.bid_price_1 && tick.ask_price_1) {
      tick.last_price = (tick.bid_price_1 + tick.ask_price_1) / 2;
    }
    tick.datetime = new Date();
    this.push({ ...tick });
  }
}
