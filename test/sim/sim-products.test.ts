// SIM's contract universe: trading-day rule, listed months per exchange rule, symbol formats, option
// ladders and the real product specs a user sees on the contracts.
import { afterEach, describe, expect, it } from "vitest";
import { tradingDayOf } from "../../src/gateways/sim/calendar";
import { startSim, type Harness } from "./sim-harness";

const day = (iso: string) => tradingDayOf(new Date(iso)).toISOString().slice(0, 10);

describe("SIM trading day", () => {
  it("is the calendar day in the day session and the next business day from 21:00 China time", () => {
    expect(day("2025-11-24T06:00:00Z")).toBe("2025-11-24"); // Monday 14:00 China
    expect(day("2025-11-24T12:59:00Z")).toBe("2025-11-24"); // Monday 20:59 China
    expect(day("2025-11-24T13:00:00Z")).toBe("2025-11-25"); // Monday 21:00 China: night session of Tuesday
    expect(day("2025-11-24T17:30:00Z")).toBe("2025-11-25"); // Tuesday 01:30 China, still the night session
  });

  it("rolls Friday night and the weekend to Monday", () => {
    expect(day("2025-11-28T13:30:00Z")).toBe("2025-12-01"); // Friday 21:30 China
    expect(day("2025-11-29T04:00:00Z")).toBe("2025-12-01"); // Saturday noon
    expect(day("2025-11-30T04:00:00Z")).toBe("2025-12-01"); // Sunday noon
  });
});

describe("SIM contracts", () => {
  let sim: Harness | undefined;
  afterEach(async () => { await sim?.close(); sim = undefined; });

  const symbolsOf = (h: Harness, pattern: RegExp) =>
    h.oms.getAllContracts().map((c) => c.symbol).filter((s) => pattern.test(s));

  it("lists monthly SHFE months from the first unexpired one, CZCE in 3 digits, DCE oilseed months", async () => {
    sim = await startSim();
    // rb2511 expired on 2025-11-14 (the 15th was a Saturday), so the ladder starts at 2512 and runs 12 months.
    expect(symbolsOf(sim, /^rb\d{4}$/)).toEqual([
      "rb2512", "rb2601", "rb2602", "rb2603", "rb2604", "rb2605", "rb2606", "rb2607", "rb2608", "rb2609", "rb2610", "rb2611",
    ]);
    expect(symbolsOf(sim, /^SR\d{3}$/)).toEqual(["SR601", "SR603", "SR605", "SR607", "SR609", "SR611"]);
    expect(symbolsOf(sim, /^m\d{4}$/)).toEqual(["m2512", "m2601", "m2603", "m2605", "m2607", "m2608", "m2609", "m2611"]);
    expect(symbolsOf(sim, /^au\d{4}$/)).toEqual(["au2512", "au2601", "au2602", "au2604", "au2606", "au2608", "au2610", "au2612"]);
    expect(sim.oms.getContract("sc2601.INE")?.name).toBe("原油2601");
  });

  it("lists CFFEX index futures as current, next and two quarter months, rolling after the third Friday", async () => {
    sim = await startSim({}, { now: () => new Date("2025-11-20T02:00:00Z") }); // Thursday before the 3rd Friday
    expect(symbolsOf(sim, /^IF\d{4}$/)).toEqual(["IF2511", "IF2512", "IF2603", "IF2606"]);
    await sim.close();
    sim = await startSim(); // Monday after it
    expect(symbolsOf(sim, /^IF\d{4}$/)).toEqual(["IF2512", "IF2601", "IF2603", "IF2606"]);
  });

  it("carries each product's real multiplier, tick and exchange", async () => {
    sim = await startSim();
    const spec = (vt: string) => {
      const c = sim!.oms.getContract(vt);
      return c && [c.size, c.pricetick, c.product];
    };
    expect(spec("rb2601.SHFE")).toEqual([10, 1, "FUTURES"]);
    expect(spec("cu2601.SHFE")).toEqual([5, 10, "FUTURES"]);
    expect(spec("au2602.SHFE")).toEqual([1000, 0.02, "FUTURES"]);
    expect(spec("sc2601.INE")).toEqual([1000, 0.1, "FUTURES"]);
    expect(spec("i2601.DCE")).toEqual([100, 0.5, "FUTURES"]);
    expect(spec("CF601.CZCE")).toEqual([5, 5, "FUTURES"]);
    expect(spec("IF2512.CFFEX")).toEqual([300, 0.2, "FUTURES"]);
    expect(spec("IM2512.CFFEX")).toEqual([200, 0.2, "FUTURES"]);
    expect(sim.oms.getAllContracts().every((c) => c.history_data && !c.net_position && c.gateway_name === "SIM")).toBe(true);
  });

  it("ladders IO options around the IF price with 50-point strikes over 3 near and 3 quarter months", async () => {
    sim = await startSim();
    const io = sim.oms.getAllContracts().filter((c) => c.symbol.startsWith("IO"));
    const months = [...new Set(io.map((c) => c.symbol.slice(2, 6)))];
    expect(months).toEqual(["2512", "2601", "2602", "2603", "2606", "2609"]);
    const calls2512 = io.filter((c) => c.symbol.startsWith("IO2512-C-")).map((c) => c.option_strike!);
    expect(calls2512).toHaveLength(11);
    expect(calls2512.slice(1).map((k, i) => k - calls2512[i])).toEqual(new Array(10).fill(50));
    const contract = sim.oms.getContract("IO2512-P-4550.CFFEX")!;
    expect(contract).toMatchObject({ product: "OPTION", size: 100, pricetick: 0.2, option_type: "PUT", option_strike: 4550, option_underlying: "IF2512.CFFEX", option_portfolio: "IO" });
    // IO2512 expires on the third Friday of December.
    expect(contract.option_expiry?.toISOString().slice(0, 10)).toBe("2025-12-19");
  });

  it("lists SSE ETF options with 8-digit codes and exchange-style names", async () => {
    sim = await startSim();
    const etf = sim.oms.getAllContracts().filter((c) => c.exchange === "SSE");
    expect(etf.every((c) => /^1000\d{4}$/.test(c.symbol))).toBe(true);
    const first = etf[0];
    // 50ETF at 3.1 yuan: 0.1 strike steps, four each side of the money; November expires on the 4th Wednesday.
    expect(first).toMatchObject({ name: "50ETF购11月2700", option_strike: 2.7, option_underlying: "510050.SSE", size: 10000, pricetick: 0.0001 });
    expect(first.option_expiry?.toISOString().slice(0, 10)).toBe("2025-11-26");
    expect(etf.some((c) => c.name === "300ETF沽6月4600")).toBe(true);
    expect(new Set(etf.map((c) => c.symbol)).size).toBe(etf.length);
  });

  it("logs the counter's connect sequence and pushes the account", async () => {
    sim = await startSim({ 账户: "DEMO7", 初始资金: 500000 });
    const messages = sim.logs.map((l) => l.msg);
    expect(messages[0]).toContain("行情服务器连接成功");
    expect(messages[1]).toContain("交易服务器登录成功");
    expect(messages[1]).toContain("trading day 2025-11-24");
    expect(messages[2]).toMatch(/^合约信息查询成功 \/ contracts queried: \d+ instruments/);
    expect(sim.oms.getAccount("SIM.DEMO7")).toMatchObject({ balance: 500000, frozen: 0, available: 500000 });
    expect(sim.gateway.isConnected).toBe(true);
  });
});
