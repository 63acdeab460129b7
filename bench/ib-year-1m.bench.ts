// ib-year-1m: a year of 1-minute SPY bars pulled through the IB gateway from the TWS simulator, both on one
// simulated clock with IB's real pacing rules (the simulator answers 162 to any violation). Reports the number
// of requests, the simulated wall time, the least time the rules allow for that many requests, and a repeat
// pull served from the local cache.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Interval } from "../src/core/constant";
import { EventEngine } from "../src/core/event-engine";
import { createHistoryRequest } from "../src/core/object";
import { IbGateway, SimulatedClock, minimumPullSeconds } from "../src/gateways/ib";
import { SettingsStore } from "../src/settings";
import { TwsSimulator } from "../test/sim/tws/server";

const START = new Date("2023-01-01T00:00:00Z");
const END = new Date("2024-01-01T00:00:00Z");

async function main(): Promise<void> {
  const clock = new SimulatedClock(Date.UTC(2024, 6, 1));
  const sim = new TwsSimulator({ clock: () => clock.now() });
  const port = await sim.start();
  const dir = mkdtempSync(join(tmpdir(), "vntrader-ib-bench-"));
  const events = new EventEngine({ timerIntervalMs: 0 });
  events.start();
  // one request at a time: the simulated clock must not jump while a request is on the socket
  const gateway = new IbGateway(events, "IB", { settings: new SettingsStore(dir), clock, history: { concurrency: 1 } });
  await gateway.connect({ "TWS端口": port });
  await gateway.resolveContract("SPY-USD-STK.SMART");
  const req = createHistoryRequest({ symbol: "SPY-USD-STK", exchange: "SMART", interval: Interval.MINUTE, start: START, end: END });

  const simulatedStart = clock.now();
  const realStart = performance.now();
  const bars = await gateway.queryHistory(req);
  const realSeconds = (performance.now() - realStart) / 1000;
  const simulatedSeconds = (clock.now() - simulatedStart) / 1000;
  const requests = sim.stats.historyRequests.length;

  const cachedStart = performance.now();
  const again = await gateway.queryHistory(req);
  const cachedSeconds = (performance.now() - cachedStart) / 1000;

  console.log(JSON.stringify({
    bench: "ib-year-1m",
    bars: bars.length,
    requests,
    simulated_wall_s: Math.round(simulatedSeconds),
    minimum_allowed_s: Math.round(minimumPullSeconds(requests)),
    over_minimum_s: Math.round(simulatedSeconds - minimumPullSeconds(requests)),
    pacing_violations: sim.pacing.violations,
    real_s: round(realSeconds),
    repeat_requests: sim.stats.historyRequests.length - requests,
    repeat_bars: again.length,
    repeat_real_s: round(cachedSeconds),
  }));
  await gateway.close();
  events.stop();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
