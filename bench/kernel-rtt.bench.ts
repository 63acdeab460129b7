// kernel-rtt: kernel start to ready, first cell, and median/p90 execute round trips (small varied TypeScript
// cells, and a magic) measured over zeromq by the test client, as a front end sees them. One JSON line.
import { loadavg } from "node:os";
import { ensureBuilt, TestKernel } from "../test/kernel/client";

const CELLS = [
  "1 + 1",
  "const a: number = 40; a + 2",
  "'vn' + 'py'",
  "[1, 2, 3].map((n) => n * 2)",
  "let total = 0; for (let i = 0; i < 100; i++) total += i; total",
  "Math.max(3, 7)",
  "function twice(n: number) { return n * 2 }\ntwice(21)",
  "({ symbol: 'rb2510', exchange: 'SHFE' })",
  "await Promise.resolve(5)",
  "console.log('tick')",
];
const ROUNDS = 6;
const MAGIC_RUNS = 30;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function timed(kernel: TestKernel, code: string): Promise<number> {
  const started = performance.now();
  const { reply } = await kernel.execute(code);
  const elapsed = performance.now() - started;
  if ((reply.content as { status: string }).status !== "ok") throw new Error(`cell failed: ${code}: ${JSON.stringify(reply.content)}`);
  return elapsed;
}

async function main(): Promise<void> {
  ensureBuilt();
  const started = performance.now();
  const kernel = await TestKernel.start();
  const readyMs = performance.now() - started;
  try {
    const firstCellMs = await timed(kernel, "1 + 1");
    for (const code of CELLS) await timed(kernel, code); // warm-up: first use of each construct
    const cellTimes: number[] = [];
    for (let r = 0; r < ROUNDS; r++) for (const code of CELLS) cellTimes.push(await timed(kernel, code));
    const magicTimes: number[] = [];
    for (let r = 0; r < MAGIC_RUNS; r++) magicTimes.push(await timed(kernel, "%lsmagic"));
    console.log(
      JSON.stringify({
        bench: "kernel-rtt",
        ready_ms: round(readyMs),
        first_cell_ms: round(firstCellMs),
        cell_median_ms: round(percentile(cellTimes, 50)),
        cell_p90_ms: round(percentile(cellTimes, 90)),
        magic_median_ms: round(percentile(magicTimes, 50)),
        magic_p90_ms: round(percentile(magicTimes, 90)),
        cells: cellTimes.length,
        // The machine is shared: the 1-minute load average says how much the figures are worth.
        load_average: Math.round(loadavg()[0] * 100) / 100,
        targets: { ready_ms: 1300, cell_median_ms: 13 },
      }),
    );
  } finally {
    await kernel.shutdown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
