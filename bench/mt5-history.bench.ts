// mt5-history: a year of EURUSD 1-minute bars pulled from the simulated MT5 terminal over loopback zeromq
// (chunked requests, JSON replies, server-time conversion) and then into a DataFrame.
import { EventEngine } from "../src/core/event-engine";
import { barsFrame } from "../src/frame/dataframe";
import { Mt5Gateway } from "../src/gateways/mt5";
import { startMt5Simulator } from "../test/sim/mt5";

async function main(): Promise<void> {
  const sim = await startMt5Simulator();
  const events = new EventEngine({ timerIntervalMs: 0 });
  events.start();
  const gateway = new Mt5Gateway(events, "MT5");
  await gateway.connect({ 通讯地址: "127.0.0.1", 请求端口: String(sim.reqPort), 订阅端口: String(sim.subPort), 服务器时区: "UTC+2" });
  let requests = 0;
  const started = performance.now();
  const bars = await gateway.queryBars("EURUSD.OTC", "1m", new Date("2023-01-01T00:00:00Z"), new Date("2024-01-01T00:00:00Z"), (done) => { requests = done; });
  const pulled = performance.now();
  const frame = barsFrame(bars);
  const framed = performance.now();
  console.log(JSON.stringify({
    bench: "mt5-history",
    bars: bars.length,
    requests,
    pull_s: round((pulled - started) / 1000),
    bars_per_s: Math.round(bars.length / ((pulled - started) / 1000)),
    frame_s: round((framed - pulled) / 1000),
    frame_rows: frame.height,
  }));
  await gateway.close();
  await sim.stop();
  events.stop();
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
