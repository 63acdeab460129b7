// The trading magics against a real MainEngine with SIM connected (manual market: the test steps it), with a
// recording display publisher: what each magic returns, prints and displays, and how it refuses bad input.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type pl from "nodejs-polars";
import { Direction } from "../../src/core/constant";
import { TradingError } from "../../src/core/errors";
import type { EventEngine } from "../../src/core/event-engine";
import { MainEngine } from "../../src/engine";
import { SimGateway } from "../../src/gateways/sim";
import { TickChart, stopTickCharts } from "../../src/frame/chart";
import { DISPLAY, setDisplayPublisher, type DisplayOptions, type MimeBundle } from "../../src/frame/jupyter";
import { PLOTLY_MIME } from "../../src/frame/plotly";
import { SettingsStore } from "../../src/settings";
import { MagicUsageError, type MagicContext } from "../../kernel/magics/trading-common";
import { tradingMagics } from "../../kernel/magics/trading";

let engine: MainEngine;
let printed: string[];
let displayed: Array<{ bundle: MimeBundle; options: DisplayOptions }>;
let sim: SimGateway | undefined;
let vtSymbol: string;

function makeEngine(yesterdayLong = 0): MainEngine {
  const factory = (events: EventEngine, name: string) => {
    sim = new SimGateway(events, name, {
      yesterdayPositions: yesterdayLong ? [{ vt_symbol: vtSymbol, direction: Direction.LONG, volume: yesterdayLong, price: 3100 }] : [],
    });
    return sim;
  };
  return new MainEngine({
    settings: new SettingsStore(mkdtempSync(join(tmpdir(), "vntrader-magics-"))),
    timerIntervalMs: 0,
    adapters: { SIM: async () => factory },
  });
}

async function magic(line: string): Promise<unknown> {
  const [name, ...rest] = line.replace(/^%/, "").split(" ");
  const found = tradingMagics(engine).find((m) => m.name === name);
  if (!found) throw new Error(`no magic ${name}`);
  return found.run(rest.join(" "), cellContext());
}

/** A cell that records what it prints; nothing here may prompt. */
function cellContext(): MagicContext {
  return {
    print: (text) => printed.push(text),
    display: () => { throw new Error("the trading magics publish through the display contract, not ctx.display"); },
    input: () => Promise.reject(new Error("no prompt expected")),
  };
}

async function usageError(line: string): Promise<MagicUsageError> {
  const error = await magic(line).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MagicUsageError);
  return error as MagicUsageError;
}

/** Steps SIM's market and waits until everything it pushed is dispatched. */
async function step(times = 1): Promise<void> {
  await sim!.whenIdle();
  sim!.advance(times);
  await sim!.whenIdle();
}

function rows(df: unknown): Record<string, unknown>[] {
  return (df as pl.DataFrame).toRecords();
}

beforeEach(async () => {
  printed = [];
  displayed = [];
  setDisplayPublisher((bundle, options) => displayed.push({ bundle, options }));
  engine = makeEngine();
  await magic("%connect sim 行情频率=0");
  vtSymbol = engine.getContracts({ pattern: "rb" })[0].vt_symbol;
});

afterEach(async () => {
  stopTickCharts();
  setDisplayPublisher(undefined);
  await engine.close();
});

describe("gateway magics", () => {
  it("%connect streams the connection's log lines into the cell, then says how many contracts arrived", () => {
    const text = printed.join("");
    expect(text).toMatch(/\d\d:\d\d:\d\d MainEngine: connecting SIM with/);
    expect(text).toMatch(/SIM: .*trading server login ok/);
    expect(text).toMatch(/SIM connected: \d+ contracts\n$/);
  });

  it("%gateways shows the catalogue with SIM available, loaded and connected", async () => {
    const table = rows(await magic("%gateways"));
    const simRow = table.find((row) => row.name === "SIM")!;
    expect(simRow).toMatchObject({ available: true, loaded: true, connected: true });
    expect(table.find((row) => row.name === "CTP")).toMatchObject({ loaded: false, connected: false });
  });

  it("%connect refuses an unknown setting by name, before connecting anything", async () => {
    const other = makeEngine();
    const error = await tradingMagics(other).find((m) => m.name === "connect")!.run("sim colour=blue", cellContext())
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(TradingError);
    expect((error as Error).message).toContain('SIM has no setting "colour"');
    expect(other.getGateway("SIM")).toBeUndefined();
    await other.close();
  });

  it("%disconnect closes SIM and %log shows the last lines", async () => {
    await magic("%disconnect sim");
    expect(printed.at(-1)).toBe("disconnected: SIM\n");
    await engine.events.whenIdle();
    const logs = rows(await magic("%log 3"));
    expect(logs).toHaveLength(3);
    expect(logs.at(-1)).toMatchObject({ msg: "SIM disconnected", level: "INFO" });
    expect((await usageError("%log many")).message).toContain('at "many": N must be a number');
  });
});

describe("market-data magics", () => {
  it("%contracts filters by pattern, exchange and product; a bad exchange names itself and the usage", async () => {
    const rebar = rows(await magic("%contracts rb exchange=SHFE product=FUTURES"));
    expect(rebar.length).toBeGreaterThan(0);
    for (const row of rebar) expect(row).toMatchObject({ exchange: "SHFE", product: "FUTURES" });
    expect(rebar.map((row) => row.vt_symbol)).toContain(vtSymbol);
    const none = await magic("%contracts zzzz") as pl.DataFrame;
    expect(none.height).toBe(0);
    expect(none.columns).toContain("vt_symbol");
    const error = await usageError("%contracts rb exchange=NOPE");
    expect(error.message).toContain('at "NOPE": unknown exchange');
    expect(error.message).toContain("usage: %contracts [PATTERN] [exchange=EX] [product=PRODUCT]");
  });

  it("%subscribe then %tick gives the latest tick as one row", async () => {
    await magic(`%subscribe ${vtSymbol}`);
    await step(3);
    const tick = await magic(`%tick ${vtSymbol}`) as pl.DataFrame;
    expect(tick.height).toBe(1);
    expect(tick.toRecords()[0]).toMatchObject({ vt_symbol: vtSymbol });
    expect(Number(tick.toRecords()[0].last_price)).toBeGreaterThan(0);
    await expect(magic("%tick cu9999.SHFE")).rejects.toThrow(/no tick for cu9999.SHFE yet/);
    expect((await usageError("%subscribe rb2505")).message).toMatch(/at "rb2505": .*SYMBOL\.EXCHANGE/);
  });

  it("%chart opens a live chart that redraws as ticks arrive, and %chart stop ends it", async () => {
    const chart = await magic(`%chart ${vtSymbol} window=50 fps=10`) as TickChart;
    expect(chart).toBeInstanceOf(TickChart);
    expect(chart.window).toBe(50);
    chart[DISPLAY]();
    await step(80);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const updates = displayed.filter((d) => d.options.update && d.options.displayId === (chart as unknown as Record<symbol, string>)[Symbol.for("Jupyter.displayId")]);
    expect(updates.length).toBeGreaterThan(0);
    expect(chart.points).toBe(50);
    await magic("%chart stop");
    expect(chart.isRunning).toBe(false);
    expect(printed.at(-1)).toBe(`stopped 1 chart(s): ${vtSymbol}\n`);
    expect((await usageError(`%chart ${vtSymbol} fps=100`)).message).toContain('at "100": fps must be more than 0 and at most 30');
  });

  it("%history returns bars, shows a progress line updated in place and a candlestick chart", async () => {
    const bars = await magic(`%history ${vtSymbol} 1m 2025-01-02 2025-01-03`) as pl.DataFrame;
    expect(bars.height).toBeGreaterThan(0);
    expect(bars.columns).toEqual(expect.arrayContaining(["open_price", "close_price", "datetime", "vt_symbol"]));
    const progress = displayed.filter((d) => String(d.options.displayId).startsWith("vntrader-progress"));
    expect(progress[0].options.update).toBe(false);
    expect(progress.at(-1)).toMatchObject({ options: { update: true }, bundle: { "text/plain": expect.stringMatching(/bars$/) } });
    const chart = displayed.find((d) => d.bundle[PLOTLY_MIME] !== undefined)!;
    expect((chart.bundle[PLOTLY_MIME] as { data: Array<{ type: string }> }).data[0].type).toBe("candlestick");
    expect((await usageError(`%history ${vtSymbol} 5m 2025-01-02`)).message).toContain('at "5m": INTERVAL must be one of 1m, 1h, d, w');
    expect((await usageError(`%history ${vtSymbol} 1m`)).message).toContain("missing START");
  });

  it("%history reads 1d as vn.py's daily interval", async () => {
    const daily = await magic(`%history ${vtSymbol} 1d 2025-01-02 2025-01-20`) as pl.DataFrame;
    expect(daily.getColumn("interval").toArray()[0]).toBe("d");
    expect(daily.height).toBeGreaterThan(5);
    expect(daily.height).toBeLessThan(20);
  });
});

describe("order magics", () => {
  /** A price that crosses the spread, so a LIMIT buy fills at once (SHFE takes no MARKET orders). */
  function marketableBuyPrice(): number {
    return Number(engine.getTick(vtSymbol)!.ask_price_1) + 5;
  }

  it("%buy returns the vt_orderid; %orders, %trades, %positions and %account show the fill", async () => {
    await magic(`%subscribe ${vtSymbol}`);
    await step(2);
    const id = await magic(`%buy ${vtSymbol} 2 @${marketableBuyPrice()}`);
    expect(id).toMatch(/^SIM\.\d+$/);
    await step(2);
    expect(rows(await magic("%orders")).find((row) => row.vt_orderid === id)).toMatchObject({ type: "LIMIT", direction: "LONG", status: "ALLTRADED" });
    expect(rows(await magic("%trades")).filter((row) => row.vt_orderid === id).reduce((sum, row) => sum + Number(row.volume), 0)).toBe(2);
    expect(rows(await magic("%positions")).find((row) => row.vt_symbol === vtSymbol && row.direction === "LONG")).toMatchObject({ volume: 2 });
    expect(rows(await magic("%account"))[0]).toMatchObject({ vt_accountid: "SIM.SIM001" });
    expect(((await magic("%orders active")) as pl.DataFrame).height).toBe(0);
  });

  it("no @PRICE means MARKET, which SIM's SHFE refuses with the counter's reason", async () => {
    await magic(`%subscribe ${vtSymbol}`);
    await step(2);
    const id = await magic(`%buy ${vtSymbol} 1`);
    await step(1);
    expect(engine.getOrder(String(id))).toMatchObject({ type: "MARKET", status: "REJECTED", status_msg: expect.stringContaining("market orders") });
  });

  it("a limit order rests, %cancel all cancels it", async () => {
    await magic(`%subscribe ${vtSymbol}`);
    await step(2);
    const bid = Number(engine.getTick(vtSymbol)!.bid_price_1);
    const id = await magic(`%buy ${vtSymbol} 1 @${bid - 20} type=LIMIT`);
    await step(1);
    expect(rows(await magic("%orders active")).map((row) => row.vt_orderid)).toEqual([id]);
    await magic("%cancel all");
    expect(printed.at(-1)).toBe(`cancelling 1 order(s): ${id}\n`);
    await step(1);
    expect(engine.getOrder(String(id))?.status).toBe("CANCELLED");
  });

  it("%sell of more than today's lots on SHFE returns both halves of the split", async () => {
    await engine.close();
    engine = makeEngine(2);
    await magic("%connect sim 行情频率=0");
    await magic(`%subscribe ${vtSymbol}`);
    await step(2);
    await magic(`%buy ${vtSymbol} 1 @${marketableBuyPrice()}`);
    await step(2);
    const ids = await magic(`%sell ${vtSymbol} 3 @${Number(engine.getTick(vtSymbol)!.bid_price_1) - 5}`);
    expect(Array.isArray(ids) && ids.length).toBe(2);
    await sim!.whenIdle();
    const offsets = (ids as string[]).map((id) => engine.getOrder(id)?.offset).sort();
    expect(offsets).toEqual(["CLOSETODAY", "CLOSEYESTERDAY"]);
  });

  it("bad order arguments name the token and never send", async () => {
    expect((await usageError(`%buy ${vtSymbol} x`)).message).toContain('at "x": VOLUME must be a number');
    expect((await usageError(`%buy ${vtSymbol} 1 @3500 type=MARKET`)).message).toContain("a MARKET order takes no price");
    expect((await usageError(`%short ${vtSymbol} 1 type=STOPLOSS`)).message).toContain('at "STOPLOSS": type must be one of LIMIT, MARKET, FAK, FOK');
    expect((await usageError(`%cover ${vtSymbol}`)).message).toContain("missing VOLUME");
    await expect(magic(`%buy ${vtSymbol} 1 type=LIMIT`)).rejects.toThrow(/needs a price/);
    expect(engine.getAllOrders()).toHaveLength(0);
  });
});

describe("help and completion", () => {
  it("every magic has usage, summary and help naming its engine API", () => {
    const magics = tradingMagics(engine);
    expect(magics.map((m) => m.name).sort()).toEqual([
      "account", "buy", "cancel", "chart", "connect", "contracts", "cover", "disconnect", "gateways", "history", "log",
      "orders", "positions", "sell", "short", "subscribe", "tick", "trades",
    ]);
    for (const m of magics) {
      expect(m.usage.startsWith(`%${m.name}`)).toBe(true);
      expect(m.summary.length).toBeGreaterThan(10);
      expect(m.help).toMatch(/Engine API: /);
    }
  });

  it("completes gateway names, contract symbols and option values", () => {
    const complete = (name: string, args: string) => tradingMagics(engine).find((m) => m.name === name)!.complete!(args);
    expect(complete("connect", "s")).toEqual(expect.arrayContaining(["sim", "sopt"]));
    expect(complete("buy", "rb")).toContain(vtSymbol);
    expect(complete("buy", `${vtSymbol} 1 type=F`)).toEqual(["type=FAK", "type=FOK"]);
    expect(complete("chart", "st")).toContain("stop");
    expect(complete("disconnect", "")).toEqual(["sim"]);
    expect(complete("connect", "sim 行情")).toEqual(["行情频率="]);
    expect(complete("connect", "ctp ")).not.toContain("密码=");
    expect(complete("contracts", "rb exchange=SH")).toEqual(["exchange=SHFE", "exchange=SHHK"]);
  });
});
