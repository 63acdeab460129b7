// An engine with the IB gateway connected to the TWS simulator over a loopback socket, in a throwaway
// .vntrader folder; every pushed object and log line collected; a polling waitFor.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EVENT_LOG, EVENT_ORDER, EVENT_TICK, EVENT_TRADE, EVENT_POSITION, EVENT_ACCOUNT, type Event } from "../../src/core/event";
import type { AccountData, LogData, OrderData, PositionData, TickData, TradeData } from "../../src/core/object";
import { MainEngine } from "../../src/engine";
import { createIbGatewayWith, type IbGateway, type IbGatewayOptions } from "../../src/gateways/ib";
import { SettingsStore } from "../../src/settings";
import { TwsSimulator, type TwsSimulatorOptions } from "../sim/tws/server";

export interface Seen {
  ticks: TickData[]; orders: OrderData[]; trades: TradeData[]; positions: PositionData[]; accounts: AccountData[]; logs: LogData[];
}

export interface IbHarness {
  readonly sim: TwsSimulator;
  readonly engine: MainEngine;
  readonly gateway: IbGateway;
  readonly dir: string;
  readonly seen: Seen;
  lastOrder(vtOrderId: string): OrderData | undefined;
  logText(): string;
  /** Subscribes and waits for the first tick (the engine's price guard wants one before an order). */
  quote(vtSymbol: string): Promise<TickData>;
  /** Closes engine and simulator; `keepDir` leaves the .vntrader folder for a second engine. */
  close(keepDir?: boolean): Promise<void>;
}

export interface IbHarnessOptions {
  sim?: TwsSimulatorOptions;
  gateway?: IbGatewayOptions;
  /** Reuse a .vntrader folder (a "restart"). */
  dir?: string;
  /** Reuse a running simulator. */
  simulator?: TwsSimulator;
}

export const FAST_RECONNECT = { initialDelayMs: 50, maxDelayMs: 400 };

export async function startIb(options: IbHarnessOptions = {}): Promise<IbHarness> {
  const sim = options.simulator ?? new TwsSimulator(options.sim);
  if (!options.simulator) await sim.start();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "vntrader-ib-"));
  const settings = new SettingsStore(dir);
  const engine = new MainEngine({
    settings, timerIntervalMs: 0,
    adapters: { IB: async () => createIbGatewayWith({ settings, reconnect: FAST_RECONNECT, connectTimeoutMs: 3000, ...options.gateway }) },
  });
  const seen: Seen = { ticks: [], orders: [], trades: [], positions: [], accounts: [], logs: [] };
  engine.events.register(EVENT_TICK, (e: Event<typeof EVENT_TICK>) => seen.ticks.push(e.data));
  engine.events.register(EVENT_ORDER, (e: Event<typeof EVENT_ORDER>) => seen.orders.push(e.data));
  engine.events.register(EVENT_TRADE, (e: Event<typeof EVENT_TRADE>) => seen.trades.push(e.data));
  engine.events.register(EVENT_POSITION, (e: Event<typeof EVENT_POSITION>) => seen.positions.push(e.data));
  engine.events.register(EVENT_ACCOUNT, (e: Event<typeof EVENT_ACCOUNT>) => seen.accounts.push(e.data));
  engine.events.register(EVENT_LOG, (e: Event<typeof EVENT_LOG>) => seen.logs.push(e.data));
  try {
    await engine.connect("ib", { "TWS端口": sim.port });
  } catch (error) {
    await engine.close();
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  await engine.events.whenIdle();
  return {
    sim, engine, dir, seen,
    gateway: engine.getGateway("IB") as IbGateway,
    lastOrder: (id) => seen.orders.filter((o) => o.vt_orderid === id).at(-1),
    logText: () => seen.logs.map((l) => l.msg).join("\n"),
    async quote(vtSymbol) {
      await engine.subscribe(vtSymbol);
      return waitFor(() => engine.getTick(vtSymbol), `a tick of ${vtSymbol}`);
    },
    async close(keepDir = false) {
      await engine.close();
      if (!options.simulator) await sim.stop();
      if (!keepDir && !options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
