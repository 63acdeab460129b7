// ctp-ticks: depth market data from the simulated counter's own thread, through the bridge's queue and koffi
// drain, into TickData on the event engine (with the OMS registered): ticks/s, drops, and native-callback ->
// engine-event latency (median, p99) at 1,000/s, at a paced 250,000/s, and flat out.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import koffi from "koffi";
import { EVENT_TICK } from "../src/core/event";
import { EventEngine } from "../src/core/event-engine";
import { createSubscribeRequest, type TickData } from "../src/core/object";
import { OmsEngine } from "../src/core/oms";
import { FACTORIES, simulatedCounterDir, type CtpGateway } from "../src/gateways/ctp";

const FLAT_OUT_TICKS = 1_000_000;
const PACED_TICKS = 500_000;
const PACED_RATE = Number(process.env.CTP_BENCH_RATE ?? 250_000);
/** A busy instrument on a real feed: each tick wakes an idle loop (the latency users mostly see). */
const QUIET_TICKS = 2_000;
const QUIET_RATE = 1_000;

execFileSync(process.execPath, [join(__dirname, "..", "native", "build.mjs")], { stdio: "ignore" });
const md = koffi.load(join(simulatedCounterDir(), "libthostmduserapi_se.so"));
const setTickRate = md.func("void ctpsim_md_set_tick_rate(double)");
const burst = md.func("void ctpsim_md_burst(const char *, int, double)");

interface Run { ticksPerSecond: number; delivered: number; dropped: number; medianUs: number; p99Us: number }

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** One burst of `count` ticks at `rate` per second (0 = as fast as the counter's thread can call the Spi). */
async function run(gateway: CtpGateway, events: EventEngine, count: number, rate: number): Promise<Run> {
  const enqueued = gateway.traceTickLatency(); // ticks reach the engine in emit order: index = arrival count
  const latencies = new Float64Array(count);
  let delivered = 0;
  let first = 0;
  let last = 0;
  const droppedBefore = gateway.droppedRecords;
  const onTick = (_event: { data: TickData }) => {
    const now = Number(process.hrtime.bigint());
    if (delivered === 0) first = now;
    last = now;
    latencies[delivered] = now - enqueued[delivered];
    delivered += 1;
  };
  events.register(EVENT_TICK, onTick);
  burst("rb2601", count, rate);
  const deadline = Date.now() + 60_000;
  while (delivered + gateway.droppedRecords - droppedBefore < count && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  events.unregister(EVENT_TICK, onTick);
  const sorted = latencies.slice(0, delivered).sort();
  return {
    ticksPerSecond: Math.round(delivered / ((last - first) / 1e9)),
    delivered,
    dropped: gateway.droppedRecords - droppedBefore,
    medianUs: Math.round(percentile(sorted, 0.5) / 100) / 10,
    p99Us: Math.round(percentile(sorted, 0.99) / 100) / 10,
  };
}

async function main(): Promise<void> {
  process.chdir(mkdtempSync(join(tmpdir(), "ctp-bench-")));
  process.env.VNTRADER_DIR = join(process.cwd(), ".vntrader"); // flow files away from the user's own
  const events = new EventEngine({ timerIntervalMs: 0 });
  new OmsEngine(events);
  events.start();
  setTickRate(0);
  const gateway = FACTORIES.CTP(events, "CTP") as CtpGateway;
  await gateway.connect({
    用户名: "000001", 密码: "bench", 经纪商代码: "9999", 交易服务器: "127.0.0.1:1", 行情服务器: "127.0.0.1:2",
    lib_dir: simulatedCounterDir(),
  });
  gateway.subscribe(createSubscribeRequest("rb2601.SHFE"));
  await new Promise((r) => setTimeout(r, 200));
  await run(gateway, events, 50_000, 0); // warm-up: JIT, buffers
  const quiet = await run(gateway, events, QUIET_TICKS, QUIET_RATE);
  const paced = await run(gateway, events, PACED_TICKS, PACED_RATE);
  const flatOut = await run(gateway, events, FLAT_OUT_TICKS, 0);
  await gateway.close();
  events.stop();
  // ticks_per_s: the paced feed's delivery rate into the engine (it must keep up with no drops); flat_out_*:
  // the counter's thread calling the Spi as fast as it can, which on 2 shared cores also competes with JS.
  console.log(JSON.stringify({
    bench: "ctp-ticks",
    ticks_per_s: paced.ticksPerSecond,
    paced_rate: PACED_RATE,
    paced_delivered: paced.delivered,
    paced_dropped: paced.dropped,
    latency_median_us: paced.medianUs,
    latency_p99_us: paced.p99Us,
    quiet_rate: QUIET_RATE,
    quiet_latency_median_us: quiet.medianUs,
    quiet_latency_p99_us: quiet.p99Us,
    flat_out_ticks_per_s: flatOut.ticksPerSecond,
    flat_out_delivered: flatOut.delivered,
    flat_out_dropped: flatOut.dropped,
    target_ticks_per_s: 200_000,
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
