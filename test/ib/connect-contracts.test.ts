// Handshake, contract lookup by ConId and by description, the on-disk contract cache, and ticks with the
// delayed-data fallback, all through the engine against the TWS simulator.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Product } from "../../src/core/constant";
import { TradingError } from "../../src/core/errors";
import { TwsSimulator } from "../sim/tws/server";
import { startIb, waitFor, type IbHarness } from "./harness";

let h: IbHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("IB connect and contracts", () => {
  it("negotiates the text protocol (v100..193) and logs the account TWS manages", async () => {
    h = await startIb();
    expect(h.gateway.isConnected).toBe(true);
    expect(h.logText()).toMatch(/connected to TWS 127\.0\.0\.1:\d+ \(server version 193, account DU1234567\)/);
    expect(h.sim.stats.messages.filter((id) => id === 71)).toHaveLength(1); // START_API once
  });

  it("refuses a port where no TWS listens with a message naming host and port", async () => {
    h = await startIb();
    const port = h.sim.port;
    await h.sim.stop();
    const engine = h.engine;
    await engine.disconnect("ib");
    await expect(engine.connect("ib", { "TWS端口": port })).rejects.toThrow(new RegExp(`cannot connect to TWS at 127\\.0\\.0\\.1:${port}`));
  });

  it("refuses a second connection with the same client id, and a port out of range", async () => {
    h = await startIb();
    const second = await startIb({ simulator: h.sim }).catch((e: Error) => e);
    expect(second).toBeInstanceOf(Error);
    expect((second as Error).message).toMatch(/client id is already in use.*\(IB 326\); choose another 客户号/);
    await expect(h.engine.connect("ib", { "TWS端口": 70000 })).resolves.toBeUndefined(); // already connected: no-op
    await h.engine.disconnect("ib");
    await expect(h.engine.connect("ib", { "TWS端口": 70000 })).rejects.toThrow(/TWS端口 \(TWS port\) must be 1-65535, got "70000"/);
  });

  it("looks up a description string and a ConId, with vn.py's contract fields", async () => {
    h = await startIb();
    await h.engine.subscribe("SPY-USD-STK.SMART");
    const spy = h.engine.getContract("SPY-USD-STK.SMART")!;
    expect(spy).toMatchObject({ gateway_name: "IB", symbol: "SPY-USD-STK", name: "SPDR S&P 500 ETF TRUST", product: Product.EQUITY, size: 1, pricetick: 0.01, history_data: true, net_position: true });
    await h.engine.subscribe("265598.SMART");
    expect(h.engine.getContract("265598.SMART")).toMatchObject({ name: "APPLE INC", product: Product.EQUITY });
    await h.engine.subscribe("ES-202512-USD-FUT.GLOBEX");
    expect(h.engine.getContract("ES-202512-USD-FUT.GLOBEX")).toMatchObject({ product: Product.FUTURES, size: 50, pricetick: 0.25 });
    await h.engine.subscribe("SPY-20251219-C-600-100-USD-OPT.SMART");
    expect(h.engine.getContract("SPY-20251219-C-600-100-USD-OPT.SMART")).toMatchObject({
      product: Product.OPTION, size: 100, option_strike: 600, option_type: "CALL", option_underlying: "756733_20251219",
    });
  });

  it("caches contracts on disk so a restart asks TWS nothing", async () => {
    const sim = new TwsSimulator();
    await sim.start();
    h = await startIb({ simulator: sim });
    await h.engine.subscribe("SPY-USD-STK.SMART");
    const file = join(h.dir, "ib_contracts.json");
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toContain("SPY-USD-STK.SMART");
    const asked = h.sim.stats.contractRequests;
    const { dir } = h;
    await h.close(true);
    h = await startIb({ simulator: sim, dir });
    expect(h.engine.getContract("SPY-USD-STK.SMART")?.name).toBe("SPDR S&P 500 ETF TRUST");
    await h.engine.subscribe("SPY-USD-STK.SMART");
    expect(sim.stats.contractRequests).toBe(asked);
    await h.close();
    h = undefined;
    rmSync(dir, { recursive: true, force: true });
    await sim.stop();
  });

  it("names the problem when IB has no such contract, or the symbol is malformed", async () => {
    h = await startIb();
    await expect(h.engine.subscribe("NOPE-USD-STK.SMART")).rejects.toThrow(/no security definition.*IB 200/);
    await expect(h.engine.subscribe("SPY USD.SMART")).rejects.toThrow(/contains spaces/);
    const error = await h.engine.subscribe("SPY-STK.SMART").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TradingError);
    expect((error as TradingError).message).toMatch(/SYMBOL-CURRENCY-STK/);
  });
});

describe("IB ticks", () => {
  it("streams bid, ask, last and sizes", async () => {
    h = await startIb();
    await h.engine.subscribe("265598.SMART");
    const first = await waitFor(() => h!.seen.ticks.find((t) => t.vt_symbol === "265598.SMART" && t.last_price > 0 && t.volume > 0), "a full tick");
    expect(first).toMatchObject({ bid_price_1: 190.24, ask_price_1: 190.26, bid_volume_1: 300, ask_volume_1: 500, last_price: 190.25, last_volume: 100, volume: 120000 });
    h.sim.setQuote(265598, { bid: 191, ask: 191.02, last: 191.01 });
    await waitFor(() => h!.engine.getTick("265598.SMART")?.last_price === 191.01, "the new last price");
    expect(h.engine.getTick("265598.SMART")).toMatchObject({ bid_price_1: 191, ask_price_1: 191.02 });
  });

  it("falls back to delayed data on 354 and says so", async () => {
    h = await startIb();
    await h.engine.subscribe("IBM-USD-STK.SMART");
    const tick = await waitFor(() => h!.engine.getTick("IBM-USD-STK.SMART"), "a delayed tick");
    expect(tick.bid_price_1).toBeCloseTo(160.09);
    expect(h.logText()).toMatch(/IBM-USD-STK\.SMART: no live market data subscription .*IB 354.*switching to delayed market data/);
    expect(h.logText()).toMatch(/IBM-USD-STK\.SMART: market data is DELAYED/);
    expect(h.sim.stats.messages).toContain(59); // reqMarketDataType
  });
});
