// An MT5 gateway connected to the simulated terminal over loopback sockets, with every pushed object
// collected, short deadlines (so lockstep faults resolve in well under a second) and a polling waitFor.
import { EventEngine } from "../../src/core/event-engine";
import {
  EVENT_ACCOUNT, EVENT_CONTRACT, EVENT_LOG, EVENT_ORDER, EVENT_POSITION, EVENT_TICK, EVENT_TRADE, type Event,
} from "../../src/core/event";
import type { AccountData, ContractData, LogData, OrderData, PositionData, TickData, TradeData } from "../../src/core/object";
import { Mt5Gateway, type Mt5GatewayOptions } from "../../src/gateways/mt5";
import { startMt5Simulator, type Mt5Simulator, type Mt5SimulatorOptions } from "../sim/mt5";

export interface Seen {
  ticks: TickData[];
  orders: OrderData[];
  trades: TradeData[];
  positions: PositionData[];
  accounts: AccountData[];
  contracts: ContractData[];
  logs: LogData[];
}

export interface Mt5Harness {
  readonly sim: Mt5Simulator;
  readonly gateway: Mt5Gateway;
  readonly events: EventEngine;
  readonly seen: Seen;
  /** Requests the simulated EA received of one type. */
  requestsOfType(type: number): Record<string, unknown>[];
  /** The latest pushed snapshot of an order. */
  lastOrder(vtOrderId: string): OrderData | undefined;
  close(): Promise<void>;
}

export interface Mt5HarnessOptions {
  readonly sim?: Mt5SimulatorOptions;
  readonly gateway?: Mt5GatewayOptions;
  /** Extra or replaced settings (vn.py keys); 服务器时区 defaults to UTC+2, the simulator's default. */
  readonly setting?: Record<string, string>;
}

export const FAST: Mt5GatewayOptions = { requestTimeoutMs: 500, historyTimeoutMs: 1000, silenceMs: 800 };

export async function startMt5(options: Mt5HarnessOptions = {}): Promise<Mt5Harness> {
  const sim = await startMt5Simulator(options.sim);
  const events = new EventEngine({ timerIntervalMs: 0 });
  events.start();
  const seen: Seen = { ticks: [], orders: [], trades: [], positions: [], accounts: [], contracts: [], logs: [] };
  collect(events, seen);
  const gateway = new Mt5Gateway(events, "MT5", { ...FAST, ...options.gateway });
  await gateway.connect({
    通讯地址: "127.0.0.1", 请求端口: String(sim.reqPort), 订阅端口: String(sim.subPort), 服务器时区: "UTC+2", ...options.setting,
  });
  await events.whenIdle();
  return {
    sim, gateway, events, seen,
    requestsOfType: (type) => sim.server.requests.filter((r) => r.type === type),
    lastOrder: (vtOrderId) => seen.orders.filter((o) => o.vt_orderid === vtOrderId).at(-1),
    async close() {
      await gateway.close();
      await sim.stop();
      events.stop();
    },
  };
}

function collect(events: EventEngine, seen: Seen): void {
  const keep = <T>(list: T[]) => (event: Event) => list.push(event.data as T);
  events.register(EVENT_TICK, keep(seen.ticks));
  events.register(EVENT_ORDER, keep(seen.orders));
  events.register(EVENT_TRADE, keep(seen.trades));
  events.register(EVENT_POSITION, keep(seen.positions));
  events.register(EVENT_ACCOUNT, keep(seen.accounts));
  events.register(EVENT_CONTRACT, keep(seen.contracts));
  events.register(EVENT_LOG, keep(seen.logs));
}

/** Polls until the check returns a value (not undefined/false), or fails naming what it waited for. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
