// MT5 through the MainEngine, as a notebook uses it: connect with connect_mt5.json (vn.py's string ports and our
// server time zone, through the catalogue), history by vt_symbol, orders through the engine's checks, the
// notebook's %history line, and refusals before anything reaches the EA.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Interval, OrderType, Status } from "../../src/core/constant";
import { MainEngine } from "../../src/engine";
import { createMt5Gateway } from "../../src/gateways/mt5";
import { setDisplayPublisher, type MimeBundle } from "../../src/frame/jupyter";
import { PLOTLY_MIME } from "../../src/frame/plotly";
import { SettingsStore } from "../../src/settings";
import { tradingMagics } from "../../kernel/magics/trading";
import type pl from "nodejs-polars";
import { startMt5Simulator, type Mt5Simulator } from "../sim/mt5";
import { waitFor } from "./harness";

let engine: MainEngine | undefined;
let sim: Mt5Simulator | undefined;
let root: string | undefined;

afterEach(async () => {
  await engine?.close();
  await sim?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
  engine = sim = root = undefined;
});

async function connected(): Promise<{ engine: MainEngine; sim: Mt5Simulator }> {
  sim = await startMt5Simulator({ serverOffset: () => 7200 });
  root = mkdtempSync(join(tmpdir(), "mt5-engine-"));
  const store = new SettingsStore(join(root, ".vntrader"));
  store.save(SettingsStore.connectFile("MT5"), { 通讯地址: "127.0.0.1", 请求端口: String(sim.reqPort), 订阅端口: String(sim.subPort), 服务器时区: "UTC+2" });
  engine = new MainEngine({ settings: store, timerIntervalMs: 0, adapters: { MT5: async () => createMt5Gateway } });
  engine.setPrompter(async () => "y"); // MT5 is a live gateway: the risk guard asks before each order
  await engine.connect("mt5");
  await engine.subscribe("EURUSD.OTC"); // the risk guard prices orders from the latest tick
  const ready = engine;
  await waitFor("a EURUSD tick", () => ready.getTick("EURUSD.OTC"));
  return { engine, sim };
}

describe("MT5 through the engine", () => {
  it("connects from connect_mt5.json and lists contracts for %contracts", async () => {
    const { engine } = await connected();
    expect(engine.getContracts({ pattern: "EUR*" }).map((c) => c.vt_symbol)).toEqual(["EURUSD.OTC"]);
    expect(engine.getGateway("MT5")?.isConnected).toBe(true);
  });

  it("pulls history by vt_symbol with progress", async () => {
    const { engine } = await connected();
    const progress: number[] = [];
    const bars = await engine.queryHistory("EURUSD.OTC", Interval.HOUR, new Date("2024-01-02T00:00:00Z"), new Date("2024-01-02T23:00:00Z"), (done) => progress.push(done));
    expect(bars).toHaveLength(24);
    expect(bars[0].datetime.toISOString()).toBe("2024-01-02T00:00:00.000Z");
    expect(progress).toEqual([1]);
  });

  it("sends a market order through the engine's checks and fills it", async () => {
    const { engine } = await connected();
    const [vtOrderId] = await engine.buy("EURUSD.OTC", 0.1);
    await waitFor("ALLTRADED", () => engine.getOrder(vtOrderId)?.status === Status.ALLTRADED);
    expect(engine.getAllTrades().map((t) => t.vt_orderid)).toEqual([vtOrderId]);
  });

  it("refuses FAK, bad volumes, unknown symbols and end before start before anything is sent", async () => {
    const { engine, sim } = await connected();
    const before = sim.server.requests.length;
    await expect(engine.buy("EURUSD.OTC", 0.1, 1.1, OrderType.FAK)).rejects.toThrow(/MT5 takes MARKET, LIMIT and STOP orders; FAK/);
    await expect(engine.buy("EURUSD.OTC", 0.015)).rejects.toThrow(/not a multiple of EURUSD.OTC's minimum order volume 0.01/);
    await expect(engine.buy("EURGBP.OTC", 0.1)).rejects.toThrow(/unknown symbol EURGBP.OTC/);
    await expect(engine.queryHistory("EURUSD.OTC", Interval.HOUR, new Date("2024-01-03"), new Date("2024-01-02"))).rejects.toThrow(/is not after start/);
    await expect(engine.queryHistory("EURUSD.OTC", Interval.TICK, new Date("2024-01-02"), new Date("2024-01-03"))).rejects.toThrow(/bars only/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim.server.requests.slice(before)).toEqual([]);
    expect(engine.getAllOrders()).toEqual([]);
  });

  it("refuses FAK before the risk guard asks anyone to confirm it", async () => {
    const { engine } = await connected();
    const asked: string[] = [];
    engine.setPrompter(async (question) => {
      asked.push(question);
      return "y";
    });
    await expect(engine.buy("EURUSD.OTC", 100, 1.1, OrderType.FAK)).rejects.toThrow(/FAK/);
    expect(asked).toEqual([]);
  });

  it("answers the notebook's %history line with a DataFrame and a candlestick chart", async () => {
    const { engine } = await connected();
    const shown: MimeBundle[] = [];
    setDisplayPublisher((bundle) => shown.push(bundle));
    try {
      const history = tradingMagics(engine).find((m) => m.name === "history")!;
      const frame = (await history.run("EURUSD.OTC 1h 2024-01-02 2024-01-31", { print: () => undefined })) as pl.DataFrame;
      // China-time dates: 2024-01-02 00:00 +08:00 is 2024-01-01 16:00 UTC, a Monday; weekends have no bars.
      expect(frame.height).toBe(21 * 24 + 1);
      expect(frame.getColumn("vt_symbol").toArray()[0]).toBe("EURUSD.OTC");
      expect(shown.some((bundle) => PLOTLY_MIME in bundle)).toBe(true);
    } finally {
      setDisplayPublisher(undefined);
    }
  });
});
