// sim-ticks: ticks per second from SIM through the event engine into the order-management cache, with 50
// symbols subscribed: stepped by hand as fast as the engine drains (the figure), then driven by SIM's own
// timer at a rate above what the engine can take (the conflated real-time figure).
import { EVENT_TICK } from "../src/core/event";
import { EventEngine } from "../src/core/event-engine";
import { createSubscribeRequest } from "../src/core/object";
import { OmsEngine } from "../src/core/oms";
import { SimGateway } from "../src/gateways/sim";

const MANUAL_MS = 3000;
const TIMER_MS = 2000;
const SYMBOLS = 50;
const STEPS_PER_TURN = 100;
const TIMER_RATE = 10_000;

interface Rig {
  gateway: SimGateway;
  reached: () => number;
  symbols: number;
  stop: () => Promise<void>;
}

async function rig(tickRate: number): Promise<Rig> {
  const events = new EventEngine({ timerIntervalMs: 0 });
  const oms = new OmsEngine(events);
  let reached = 0;
  // Registered after the OMS, so a tick counted here has already been stored in the cache.
  events.register(EVENT_TICK, () => { reached += 1; });
  events.start();
  const gateway = new SimGateway(events, "SIM");
  await gateway.connect({ 行情频率: tickRate, 随机种子: 7 });
  const futures = oms.getAllContracts().filter((c) => c.product === "FUTURES").slice(0, SYMBOLS);
  for (const contract of futures) gateway.subscribe(createSubscribeRequest(contract.vt_symbol));
  await gateway.whenIdle();
  if (oms.getAllTicks().length !== futures.length) throw new Error("not every subscribed symbol reached the OMS");
  const base = reached;
  return {
    gateway, symbols: futures.length, reached: () => reached - base,
    stop: async () => { await gateway.close(); events.stop(); },
  };
}

async function manualRate(): Promise<{ rate: number; symbols: number }> {
  const r = await rig(0);
  const started = performance.now();
  while (performance.now() - started < MANUAL_MS) {
    r.gateway.advance(STEPS_PER_TURN);
    await r.gateway.whenIdle();
  }
  const rate = r.reached() / ((performance.now() - started) / 1000);
  await r.stop();
  return { rate, symbols: r.symbols };
}

async function timerRate(): Promise<number> {
  const r = await rig(TIMER_RATE);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, TIMER_MS));
  const rate = r.reached() / ((performance.now() - started) / 1000);
  await r.stop();
  return rate;
}

async function main(): Promise<void> {
  const manual = await manualRate();
  const timer = await timerRate();
  console.log(JSON.stringify({
    bench: "sim-ticks", ticks_per_sec: Math.round(manual.rate), symbols: manual.symbols,
    timer_ticks_per_sec: Math.round(timer), timer_rate_per_symbol: TIMER_RATE,
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
