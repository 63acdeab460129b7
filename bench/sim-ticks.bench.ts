// sim-ticks: ticks per second from SIM through the event engine into the order-management cache, with ~50
// symbols subscribed and the market stepped as fast as the engine drains it for about 3 seconds.
import { EVENT_TICK } from "../src/core/event";
import { EventEngine } from "../src/core/event-engine";
import { createSubscribeRequest } from "../src/core/object";
import { OmsEngine } from "../src/core/oms";
import { SimGateway } from "../src/gateways/sim";

const DURATION_MS = 3000;
const SYMBOLS = 50;
const STEPS_PER_TURN = 20;

async function main(): Promise<void> {
  const events = new EventEngine({ timerIntervalMs: 0 });
  const oms = new OmsEngine(events);
  let reached = 0;
  // Registered after the OMS, so a tick counted here has already been stored in the cache.
  events.register(EVENT_TICK, () => { reached += 1; });
  events.start();
  const gateway = new SimGateway(events, "SIM");
  await gateway.connect({ 行情频率: 0, 随机种子: 7 });
  const symbols = oms.getAllContracts().filter((c) => c.product === "FUTURES").slice(0, SYMBOLS);
  for (const contract of symbols) gateway.subscribe(createSubscribeRequest(contract.vt_symbol));
  await gateway.whenIdle();
  reached = 0;
  const started = performance.now();
  while (performance.now() - started < DURATION_MS) {
    gateway.advance(STEPS_PER_TURN);
    await events.whenIdle();
  }
  const seconds = (performance.now() - started) / 1000;
  if (oms.getAllTicks().length !== symbols.length) throw new Error("not every subscribed symbol reached the OMS");
  await gateway.close();
  events.stop();
  console.log(JSON.stringify({ bench: "sim-ticks", ticks_per_sec: Math.round(reached / seconds), symbols: symbols.length, seconds: Number(seconds.toFixed(2)) }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
