// A MainEngine on the SIM counter in a throwaway `.vntrader`, with the market stepped by hand (行情频率 0),
// for the risk tests. SIM can also be added under a live gateway's name (CTPTEST), which is how the tests
// reach the live-only paths (confirmation, stale ticks) on the real SIM counter.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MainEngine } from "../../src/engine";
import { createSimGateway, SimGateway } from "../../src/gateways/sim";
import { Direction, Exchange, Product, type GatewayFactory, type OrderData, type TickData } from "../../src/index";
import { SettingsStore, type JsonObject } from "../../src/settings";
import type { Prompter } from "../../src/connect-settings";

export interface Harness {
  readonly engine: MainEngine;
  readonly sim: SimGateway;
  readonly store: SettingsStore;
  /** The front-month rebar contract (SHFE, size 10, tick 1). */
  readonly symbol: string;
  readonly tick: TickData;
  /** Runs queued counter work and dispatches every event it caused. */
  idle(): Promise<void>;
  /** Orders the gateway has seen (i.e. that were sent). */
  orders(): OrderData[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** risk_setting.json content; omitted = no file (the defaults). */
  readonly risk?: JsonObject;
  /** The name SIM is added under; "SIM" (not live) unless a live name is given. */
  readonly gatewayName?: string;
  readonly prompter?: Prompter;
  /** Connect through engine.connect with these settings (the gateway's catalogue keys) instead of directly. */
  readonly connectSetting?: Record<string, unknown>;
  /** Lots of the front rebar month carried from yesterday (long), to get a close split on SHFE. */
  readonly yesterdayLong?: number;
}

export async function startSim(options: HarnessOptions = {}): Promise<Harness> {
  const gatewayName = options.gatewayName ?? "SIM";
  const root = mkdtempSync(join(tmpdir(), "risk-"));
  const store = new SettingsStore(join(root, ".vntrader"));
  mkdirSync(store.dir, { recursive: true });
  if (options.risk) store.save("risk_setting.json", options.risk);
  const factory = await simFactory(options.yesterdayLong);
  const engine = new MainEngine({ settings: store, timerIntervalMs: 0, adapters: { [gatewayName]: async () => factory } });
  engine.setPrompter(options.prompter);
  const sim = (await engine.addGateway(gatewayName)) as SimGateway;
  if (options.connectSetting) await engine.connect(gatewayName, options.connectSetting);
  else await sim.connect({ 行情频率: 0 });
  const idle = () => sim.whenIdle();
  await idle();
  const symbol = frontMonth(engine, "rb");
  await engine.subscribe(symbol);
  await idle();
  return {
    engine, sim, store, symbol,
    tick: engine.getTick(symbol)!,
    idle,
    orders: () => engine.getAllOrders(),
    close: async () => {
      await engine.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** SIM's factory, carrying `yesterdayLong` lots of the front rebar month (found by a throwaway session). */
async function simFactory(yesterdayLong: number | undefined): Promise<GatewayFactory> {
  if (!yesterdayLong) return createSimGateway;
  const probe = new MainEngine({ settings: new SettingsStore(mkdtempSync(join(tmpdir(), "risk-probe-"))), timerIntervalMs: 0 });
  const sim = (await probe.addGateway("SIM")) as SimGateway;
  await sim.connect({ 行情频率: 0 });
  await sim.whenIdle();
  const vt_symbol = frontMonth(probe, "rb");
  await probe.close();
  rmSync(probe.settings.dir, { recursive: true, force: true });
  const yesterdayPositions = [{ vt_symbol, direction: Direction.LONG, volume: yesterdayLong, price: 3100 }];
  return (events, name) => new SimGateway(events, name, { yesterdayPositions });
}

/** The nearest listed month of a futures product, e.g. "rb2601.SHFE". */
export function frontMonth(engine: MainEngine, code: string): string {
  const contracts = engine.getContracts({ pattern: `${code}*`, product: Product.FUTURES })
    .filter((c) => c.symbol.replace(/\d+$/, "") === code);
  if (contracts.length === 0) throw new Error(`SIM lists no ${code} futures`);
  return contracts[0].vt_symbol;
}

/** A DCE contract (DCE accepts MARKET orders in SIM, SHFE does not). */
export function dceFuture(engine: MainEngine): string {
  return engine.getContracts({ exchange: Exchange.DCE, product: Product.FUTURES })[0].vt_symbol;
}

/** Rules all off but the named ones, so a test sees exactly one rule at work. */
export function only(rules: JsonObject): JsonObject {
  const all = ["max_order_volume", "max_order_notional", "price_band", "order_rate", "cancel_rate", "max_active_orders",
    "position_limit", "daily_order_count"];
  const off: JsonObject = {};
  for (const name of all) off[name] = { enabled: false };
  return { ...off, ...rules };
}

/** Resolves to the error a promise rejects with (fails the test if it resolves). */
export async function refusal(promise: Promise<unknown>): Promise<Error & { code?: string; rule?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; rule?: string };
  }
  throw new Error("expected the order to be refused, but it was sent");
}
