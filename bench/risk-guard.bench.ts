// risk-guard: microseconds the risk guard (rules, counters, audit line) adds to each order, measured by
// sending orders through the engine to a fake gateway that answers at once, with and without the guard.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { MainEngine } from "../src/engine";
import { BaseGateway } from "../src/core/gateway";
import { Direction, Exchange, Offset, Product, Status } from "../src/core/constant";
import { createContract, createTick, orderFromRequest, type OrderRequest } from "../src/core/object";
import { SettingsStore } from "../src/settings";

const ORDERS = 20_000;
const BATCH = 20;
const ROUNDS = 7;

/**
 * Answers every order at once as cancelled (an IOC that found nothing), so orders do not pile up as active:
 * the offset converter rescans active orders on each update, which would otherwise dominate the figure.
 */
class InstantGateway extends BaseGateway {
  readonly exchanges = [Exchange.SHFE];
  private count = 0;
  async connect(): Promise<void> {
    this.onContract(createContract({ gateway_name: this.name, symbol: "rb2601", exchange: Exchange.SHFE, name: "rebar", product: Product.FUTURES, size: 10, pricetick: 1 }));
    this.onTick(createTick({ gateway_name: this.name, symbol: "rb2601", exchange: Exchange.SHFE, datetime: new Date(), last_price: 3100, bid_price_1: 3099, ask_price_1: 3101 }));
    this.setConnectionState("connected");
  }
  async close(): Promise<void> { this.setConnectionState("disconnected"); }
  subscribe(): void {}
  sendOrder(req: OrderRequest): string {
    const order = orderFromRequest(req, String(++this.count), this.name);
    this.onOrder({ ...order, status: Status.CANCELLED });
    return order.vt_orderid;
  }
  cancelOrder(): void {}
  queryAccount(): void {}
  queryPosition(): void {}
}

/** Every rule on, with limits no bench order reaches, so every check runs and none refuses. */
const WIDE_LIMITS = {
  rules: {
    max_order_volume: { limit: 100 }, max_order_notional: { limit: 1e12 }, price_band: { percent: 5, ticks: 500 },
    order_rate: { per_second: 1e9, per_minute: 1e9 }, cancel_rate: { per_second: 1e9, per_minute: 1e9 },
    max_active_orders: { limit: 1e9 }, position_limit: { limit: 1e9 }, daily_order_count: { limit: 1e9 },
  },
};

async function engineWith(guarded: boolean, dir: string): Promise<MainEngine> {
  const store = new SettingsStore(join(dir, guarded ? "guarded" : "bare", ".vntrader"));
  store.save("risk_setting.json", WIDE_LIMITS);
  const engine = new MainEngine({ settings: store, timerIntervalMs: 0, adapters: { SIM: async () => (events, name) => new InstantGateway(events, name) } });
  const gateway = await engine.addGateway("SIM");
  await gateway.connect({});
  await engine.events.whenIdle();
  if (!guarded) {
    // The baseline: the same engine with the guard taken out of the order path (guard list, lock check, audit).
    (engine as unknown as { guards: unknown[] }).guards.length = 0;
    engine.risk.assertUnlocked = () => undefined;
    engine.risk.auditOrder = () => undefined;
  }
  return engine;
}

async function timeOrders(engine: MainEngine): Promise<number> {
  const input = { vt_symbol: "rb2601.SHFE", direction: Direction.LONG, offset: Offset.OPEN, volume: 1, price: 3100 };
  const started = performance.now();
  for (let sent = 0; sent < ORDERS; sent += BATCH) {
    for (let i = 0; i < BATCH; i += 1) await engine.sendOrder(input);
    await new Promise((resolve) => setImmediate(resolve)); // let the event engine and the audit flush run, as a notebook would
  }
  return ((performance.now() - started) * 1000) / ORDERS;
}

/** The fastest round: other processes on the machine only ever add time, so the minimum is the least noisy. */
function fastest(values: number[]): number {
  return Math.min(...values);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "risk-bench-"));
  const guarded = await engineWith(true, dir);
  const bare = await engineWith(false, dir);
  await timeOrders(guarded); // warm up both paths
  await timeOrders(bare);
  const withGuard: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    withGuard.push(await timeOrders(guarded));
    without.push(await timeOrders(bare));
  }
  await guarded.close();
  await bare.close();
  rmSync(dir, { recursive: true, force: true });
  const round2 = (value: number) => Math.round(value * 100) / 100;
  console.log(JSON.stringify({
    bench: "risk-guard",
    us_per_order: round2(fastest(withGuard) - fastest(without)),
    us_per_order_with_guard: round2(fastest(withGuard)),
    us_per_order_without_guard: round2(fastest(without)),
    orders: ORDERS * ROUNDS,
    target_us: 20,
  }));
}

void main();
