// chart-stream: SIM at 20,000 ticks/s into a live TickChart for 30 s (CHART_STREAM_SECONDS to change): redraws
// per second, memory growth, and the latency of a small task meanwhile vs idle. The small task is a proxy for a
// small cell's round trip (an event-loop turn plus a little work, in the kernel's process), since no kernel
// client is driven here; the kernel's own round trip is the kernel-rtt bench.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { MainEngine } from "../src/engine";
import { openTickChart, stopTickCharts } from "../src/frame/chart";
import { DISPLAY, type MimeBundle } from "../src/frame/jupyter";
import { SettingsStore } from "../src/settings";

const SECONDS = Number(process.env.CHART_STREAM_SECONDS ?? 30);
const TICKS_PER_SECOND = 20_000;
const IDLE_SECONDS = 3;
const PROBE_EVERY_MS = 50;
const WARMUP_MS = 2000;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Every PROBE_EVERY_MS, times a small task from being queued to done. */
function probeLatency(durationMs: number): Promise<number[]> {
  const samples: number[] = [];
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const queued = performance.now();
      setImmediate(() => {
        // About what a tiny cell does besides waiting its turn: build and serialise a small reply.
        JSON.parse(JSON.stringify({ status: "ok", execution_count: samples.length, user_expressions: {} }));
        samples.push(performance.now() - queued);
      });
    }, PROBE_EVERY_MS);
    setTimeout(() => {
      clearInterval(timer);
      resolve(samples);
    }, durationMs);
  });
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function main(): Promise<void> {
  const engine = new MainEngine({ settings: new SettingsStore(mkdtempSync(join(tmpdir(), "vntrader-bench-"))), timerIntervalMs: 0 });
  const idle = await probeLatency(IDLE_SECONDS * 1000);

  await engine.connect("SIM", { 行情频率: TICKS_PER_SECOND });
  const vtSymbol = engine.getContracts({ pattern: "rb", exchange: "SHFE" })[0].vt_symbol;
  engine.subscribe(vtSymbol);
  let redrawBytes = 0;
  // Serialising each bundle stands in for the kernel's JSON encoding of update_display_data.
  const publish = (bundle: MimeBundle) => { redrawBytes += JSON.stringify(bundle).length; };
  const chart = openTickChart(engine.events, vtSymbol, { publish });
  chart[DISPLAY]();

  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  const heapStart = heapMb();
  const rssStart = process.memoryUsage().rss / 2 ** 20;
  const [ticks0, redraws0, bytes0, started] = [chart.ticks, chart.redraws, redrawBytes, performance.now()];
  const loaded = await probeLatency(SECONDS * 1000);
  const elapsed = (performance.now() - started) / 1000;
  const [ticks, redraws, bytes] = [chart.ticks - ticks0, chart.redraws - redraws0, redrawBytes - bytes0];
  const heapEnd = heapMb();
  const rssEnd = process.memoryUsage().rss / 2 ** 20;

  stopTickCharts();
  await engine.close();
  const idleMedian = quantile(idle, 0.5);
  const loadedMedian = quantile(loaded, 0.5);
  console.log(JSON.stringify({
    bench: "chart-stream",
    seconds: round(elapsed, 1),
    ticks_per_sec: Math.round(ticks / elapsed),
    redraws_per_sec: round(redraws / elapsed),
    redraw_kb: round(bytes / Math.max(1, redraws) / 1024, 1),
    chart_points: chart.points,
    heap_mb_start: round(heapStart, 1),
    heap_growth_mb: round(heapEnd - heapStart),
    rss_growth_mb: round(rssEnd - rssStart, 1),
    small_task_ms_idle_median: round(idleMedian, 3),
    small_task_ms_idle_p90: round(quantile(idle, 0.9), 3),
    small_task_ms_streaming_median: round(loadedMedian, 3),
    small_task_ms_streaming_p90: round(quantile(loaded, 0.9), 3),
    streaming_vs_idle: round(loadedMedian / idleMedian),
    note: "small task = event-loop turn + small JSON work in the kernel's process, a proxy for a small cell's round trip",
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
