// history-parse: 1,000,000 one-minute bars as the TWS simulator sends them (historicalData frames of one
// session each, server version 193) over a loopback socket into the IB gateway's connection and its one-pass
// decoder, then into a nodejs-polars DataFrame built column-wise. Timed from the first byte written to the
// finished frame ("seconds"). Also timed: the notebook's current path from the same bars (BarData objects, then
// src/frame's barsFrame), reported as product_path_seconds.
import { Interval, Exchange } from "../src/core/constant";
import pl from "nodejs-polars";
import { createBar, type BarData } from "../src/core/object";
import { barsFrame } from "../src/frame/dataframe";
import { IbConnection } from "../src/gateways/ib/connection";
import type { CachedBar } from "../src/gateways/ib/history/cache";
import { barDateFormatter } from "../test/sim/tws/history";
import { historicalData } from "../test/sim/tws/messages";
import { barsInWindow } from "../test/sim/tws/scenario";
import { TwsSimulator } from "../test/sim/tws/server";
import { encodeFrame } from "../test/sim/tws/wire";

const BARS = 1_000_000;
const PER_FRAME = 390; // one "1 D" answer of 1-minute bars in the simulator's session

function encodedFrames(): { bytes: Buffer; frames: number } {
  const bars = barsInWindow(756733, "1 min", Date.UTC(2012, 0, 1), Date.UTC(2023, 0, 1)).slice(0, BARS);
  if (bars.length < BARS) throw new Error("not enough simulated bars");
  const format = barDateFormatter("1 min", 2);
  const buffers: Buffer[] = [];
  for (let i = 0, reqId = 1_000_000; i < BARS; i += PER_FRAME, reqId += 1) {
    for (const message of historicalData(193, reqId, bars.slice(i, i + PER_FRAME), "20120101 00:00:00 UTC", "20230101 00:00:00 UTC", format)) {
      buffers.push(encodeFrame(message));
    }
  }
  return { bytes: Buffer.concat(buffers), frames: buffers.length };
}

async function main(): Promise<void> {
  const { bytes, frames } = encodedFrames();
  const sim = new TwsSimulator();
  const port = await sim.start();
  const received: CachedBar[][] = [];
  let count = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const connection = new IbConnection({ host: "127.0.0.1", port, clientId: 1 }, { initialDelayMs: 1000, maxDelayMs: 1000 }, 5000, () => undefined, () => undefined, () => undefined);
  connection.setHistoryHandler(({ bars }) => {
    received.push(bars);
    count += bars.length;
    if (count >= BARS) done();
  });
  await connection.open();

  const started = performance.now();
  sim.sendRaw(bytes);
  await finished;
  const decoded = performance.now();
  const columnar = columnarFrame(received, count);
  const columnarDone = performance.now();
  const rows: BarData[] = [];
  for (const chunk of received) {
    for (const b of chunk) {
      rows.push(createBar({
        gateway_name: "IB", symbol: "SPY-USD-STK", exchange: Exchange.SMART, datetime: new Date(b.time), interval: Interval.MINUTE,
        open_price: b.open, high_price: b.high, low_price: b.low, close_price: b.close, volume: b.volume,
      }));
    }
  }
  const objects = performance.now();
  const frame = barsFrame(rows);
  const framed = performance.now();

  console.log(JSON.stringify({
    bench: "history-parse",
    bars: count,
    seconds: round((columnarDone - started) / 1000),
    wire_to_bars_s: round((decoded - started) / 1000),
    columnar_frame_s: round((columnarDone - decoded) / 1000),
    rows: columnar.height,
    product_path_seconds: round((decoded - started + framed - columnarDone) / 1000),
    bardata_s: round((objects - columnarDone) / 1000),
    barsframe_s: round((framed - objects) / 1000),
    barsframe_rows: frame.height,
    frames,
    megabytes: round(bytes.length / 1e6),
    target_s: 1,
  }));
  connection.close();
  await sim.stop();
}

/** datetime (ms, UTC) + OHLCV as typed columns: one allocation per column, no per-row objects. */
function columnarFrame(chunks: readonly CachedBar[][], count: number): pl.DataFrame {
  const time = new Float64Array(count);
  const open = new Float64Array(count);
  const high = new Float64Array(count);
  const low = new Float64Array(count);
  const close = new Float64Array(count);
  const volume = new Float64Array(count);
  let i = 0;
  for (const chunk of chunks) {
    for (const b of chunk) {
      time[i] = b.time; open[i] = b.open; high[i] = b.high; low[i] = b.low; close[i] = b.close; volume[i] = b.volume;
      i += 1;
    }
  }
  return pl.DataFrame([
    pl.Series("datetime", time).cast(pl.Int64).cast(pl.Datetime("ms", "UTC")),
    pl.Series("open_price", open), pl.Series("high_price", high), pl.Series("low_price", low),
    pl.Series("close_price", close), pl.Series("volume", volume),
  ]);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
