// chart-stream: a real kernel with SIM at 20,000 ticks/s into a live %chart for 30 s (CHART_STREAM_SECONDS to
// change): redraws per second seen on iopub, the kernel's memory growth, and the round trip of small cells
// meanwhile vs idle, measured from a Jupyter client over zeromq (test/kernel/client.ts).
import { readFileSync } from "node:fs";
import { TestKernel } from "../test/kernel/client";
import type { Message } from "../kernel/wire";

const SECONDS = Number(process.env.CHART_STREAM_SECONDS ?? 30);
const TICKS_PER_SECOND = 20_000;
const IDLE_CELLS = 40;
const CELL_GAP_MS = 200;
const WARMUP_MS = 2000;
const HEAP_AFTER_GC = "(globalThis as { gc?: () => void }).gc?.(); process.memoryUsage().heapUsed";

/** Small, varied cells: an expression, a declaration, a call. */
function smallCell(i: number): string {
  return [`${i} * 2`, `const v${i} = [${i}, ${i + 1}].map((n) => n + 1); v${i}.length`, `Math.max(${i}, 3)`][i % 3];
}

async function cellRoundTrip(kernel: TestKernel, i: number): Promise<number> {
  const started = performance.now();
  const { reply } = await kernel.execute(smallCell(i));
  if ((reply.content as { status?: string }).status !== "ok") throw new Error(`cell ${smallCell(i)} failed: ${JSON.stringify(reply.content)}`);
  return performance.now() - started;
}

/** Runs a cell that must succeed and returns its text/plain result. */
async function evaluate(kernel: TestKernel, code: string): Promise<string> {
  const { reply, outputs } = await kernel.execute(code);
  if ((reply.content as { status?: string }).status !== "ok") throw new Error(`${code} failed: ${JSON.stringify(reply.content)}`);
  const result = outputs.find((m) => m.header.msg_type === "execute_result" || m.header.msg_type === "display_data");
  return String((result?.content as { data?: Record<string, unknown> } | undefined)?.data?.["text/plain"] ?? "");
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line?.split(/\s+/)[1] ?? Number.NaN) / 1024;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  // --expose-gc lets the memory readings collect garbage first, so they show what is kept, not what is pending.
  const kernel = await TestKernel.start({ NODE_OPTIONS: "--expose-gc" });
  try {
    await evaluate(kernel, "1");
    const idle: number[] = [];
    for (let i = 0; i < IDLE_CELLS; i += 1) idle.push(await cellRoundTrip(kernel, i));

    await evaluate(kernel, `%connect sim 行情频率=${TICKS_PER_SECOND}`);
    await evaluate(kernel, `const rb = engine.getContracts({ pattern: "rb", exchange: "SHFE" })[0].vt_symbol`);
    await evaluate(kernel, "const chart = %chart {rb}");
    await evaluate(kernel, "chart");
    const displayId = (kernel.iopub.findLast((m) => m.header.msg_type === "display_data")?.content as { transient?: { display_id?: string } })
      ?.transient?.display_id;
    if (!displayId) throw new Error("the chart was not displayed with a display id");
    await sleep(WARMUP_MS);

    const isRedraw = (m: Message) =>
      m.header.msg_type === "update_display_data" && (m.content as { transient?: { display_id?: string } }).transient?.display_id === displayId;
    const redrawsBefore = kernel.iopub.filter(isRedraw).length;
    const ticksBefore = Number(await evaluate(kernel, "chart.ticks"));
    const heapBefore = Number(await evaluate(kernel, HEAP_AFTER_GC));
    const rssBefore = rssMb(kernel.process.pid!);
    const started = performance.now();
    const streaming: number[] = [];
    for (let i = IDLE_CELLS; performance.now() - started < SECONDS * 1000; i += 1) {
      streaming.push(await cellRoundTrip(kernel, i));
      await sleep(CELL_GAP_MS);
    }
    const elapsed = (performance.now() - started) / 1000;
    const redraws = kernel.iopub.filter(isRedraw).length - redrawsBefore;
    const ticks = Number(await evaluate(kernel, "chart.ticks")) - ticksBefore;
    const heapAfter = Number(await evaluate(kernel, HEAP_AFTER_GC));
    const rssAfter = rssMb(kernel.process.pid!);
    await evaluate(kernel, "%chart stop");

    const idleMedian = quantile(idle, 0.5);
    const streamingMedian = quantile(streaming, 0.5);
    console.log(JSON.stringify({
      bench: "chart-stream",
      seconds: round(elapsed, 1),
      ticks_per_sec: Math.round(ticks / elapsed),
      redraws_per_sec: round(redraws / elapsed),
      chart_points: Number(await evaluate(kernel, "chart.points")),
      kernel_heap_growth_mb: round((heapAfter - heapBefore) / 2 ** 20),
      kernel_rss_mb: round(rssAfter, 1),
      kernel_rss_growth_mb: round(rssAfter - rssBefore, 1),
      cell_rtt_ms_idle_median: round(idleMedian),
      cell_rtt_ms_idle_p90: round(quantile(idle, 0.9)),
      cell_rtt_ms_streaming_median: round(streamingMedian),
      cell_rtt_ms_streaming_p90: round(quantile(streaming, 0.9)),
      streaming_vs_idle: round(streamingMedian / idleMedian),
      cells_streaming: streaming.length,
    }));
  } finally {
    await kernel.shutdown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
