// Test harness for SIM: an EventEngine + OmsEngine + SimGateway in manual market mode on a pinned clock,
// recording every order update, trade and log, plus a plain reading of what a book should fill.
import { Direction, Offset, OrderType, type Exchange } from "../../src/core/constant";
import { EVENT_LOG, EVENT_ORDER, EVENT_TRADE } from "../../src/core/event";
import { EventEngine } from "../../src/core/event-engine";
import type { GatewaySetting } from "../../src/core/gateway";
import {
  createOrderRequest, createSubscribeRequest, splitVtSymbol, type LogData, type OrderData, type TickData, type TradeData,
} from "../../src/core/object";
import { OmsEngine } from "../../src/core/oms";
import { SimGateway, type SimOptions } from "../../src/gateways/sim";

/** Monday 2025-11-24 10:00 China time: a day-session moment whose trading day is that Monday. */
export const MONDAY_MORNING = new Date("2025-11-24T02:00:00Z");

export interface Harness {
  readonly events: EventEngine;
  readonly oms: OmsEngine;
  readonly gateway: SimGateway;
  /** Every order update in push order. */
  readonly orders: OrderData[];
  readonly trades: TradeData[];
  readonly logs: LogData[];
  settle(): Promise<void>;
  tick(vtSymbol: string): TickData;
  subscribe(vtSymbol: string): Promise<TickData>;
  send(order: OrderSpec): Promise<string>;
  statuses(vtOrderId: string): string[];
  tradesOf(vtOrderId: string): Array<[number, number]>;
  close(): Promise<void>;
}

export interface OrderSpec {
  readonly vt_symbol: string;
  readonly direction: Direction;
  readonly offset: Offset;
  readonly volume: number;
  readonly price?: number;
  readonly type?: OrderType;
}

export async function startSim(setting: GatewaySetting = {}, options: SimOptions = {}): Promise<Harness> {
  const events = new EventEngine({ timerIntervalMs: 0 });
  const oms = new OmsEngine(events);
  const orders: OrderData[] = [];
  const trades: TradeData[] = [];
  const logs: LogData[] = [];
  events.register(EVENT_ORDER, (event) => { orders.push(event.data); });
  events.register(EVENT_TRADE, (event) => { trades.push(event.data); });
  events.register(EVENT_LOG, (event) => { logs.push(event.data); });
  events.start();
  const gateway = new SimGateway(events, "SIM", { now: () => MONDAY_MORNING, ...options });
  await gateway.connect({ 行情频率: 0, ...setting });
  const harness: Harness = {
    events, oms, gateway, orders, trades, logs,
    settle: () => gateway.whenIdle(),
    tick(vtSymbol) {
      const tick = oms.getTick(vtSymbol);
      if (!tick) throw new Error(`no tick for ${vtSymbol} yet`);
      return tick;
    },
    async subscribe(vtSymbol) {
      gateway.subscribe(createSubscribeRequest(vtSymbol));
      await gateway.whenIdle();
      return harness.tick(vtSymbol);
    },
    async send(spec) {
      const [symbol, exchange] = splitVtSymbol(spec.vt_symbol);
      const vtOrderId = gateway.sendOrder(createOrderRequest({
        symbol, exchange: exchange as Exchange, direction: spec.direction, offset: spec.offset, volume: spec.volume,
        price: spec.price ?? 0, type: spec.type ?? OrderType.LIMIT,
      }));
      await gateway.whenIdle();
      return vtOrderId;
    },
    statuses: (vtOrderId) => orders.filter((o) => o.vt_orderid === vtOrderId).map((o) => o.status),
    tradesOf: (vtOrderId) => trades.filter((t) => t.vt_orderid === vtOrderId).map((t) => [t.price, t.volume]),
    async close() {
      await gateway.close();
      events.stop();
    },
  };
  return harness;
}

/** The book levels of a tick's side a buy (asks) or sell (bids) trades against, best first. */
export function levels(tick: TickData, direction: Direction): Array<[number, number]> {
  const t = tick as unknown as Record<string, number>;
  const side = direction === Direction.LONG ? "ask" : "bid";
  return [1, 2, 3, 4, 5]
    .map((k): [number, number] => [t[`${side}_price_${k}`], t[`${side}_volume_${k}`]])
    .filter(([price]) => price > 0);
}

/** What taking `volume` from the book up to `limit` (none: any level) fills, level by level. */
export function expectedSweep(tick: TickData, direction: Direction, volume: number, limit?: number): Array<[number, number]> {
  const fills: Array<[number, number]> = [];
  let remaining = volume;
  for (const [price, available] of levels(tick, direction)) {
    const acceptable = limit === undefined || (direction === Direction.LONG ? price <= limit : price >= limit);
    if (!acceptable || remaining === 0) break;
    const take = Math.min(remaining, available);
    fills.push([price, take]);
    remaining -= take;
  }
  return fills;
}

export const cents = (amount: number) => Math.round(amount * 100) / 100;
export const sumVolume = (fills: Array<[number, number]>) => fills.reduce((sum, [, v]) => sum + v, 0);
