// CTP gateway on the simulated counter through koffi: login chain, contracts, ticks and their cleaning.
import { describe, expect, it } from "vitest";
import type { AccountData, ContractData, PositionData, TickData } from "../../src/core/object";
import { createSubscribeRequest } from "../../src/core/object";
import { SIM_SETTING, useCounter, type Rig } from "./harness";

const counter = useCounter();
let rig: Rig;

async function connected(setting: Record<string, string> = SIM_SETTING): Promise<Rig> {
  rig = await counter.connected(setting);
  return rig;
}

describe("login chain", () => {
  it("connects, logs in, confirms settlement and lists contracts before connect resolves", async () => {
    await connected();
    await rig.events.whenIdle();
    const logs = rig.logs();
    const order = ["交易服务器连接成功", "交易服务器登录成功", "结算信息确认成功", "合约信息查询成功", "行情服务器登录成功"];
    for (const line of order) expect(logs).toContain(line);
    expect(logs.indexOf("交易服务器登录成功")).toBeLessThan(logs.indexOf("结算信息确认成功"));
    expect(logs.indexOf("结算信息确认成功")).toBeLessThan(logs.indexOf("合约信息查询成功"));
    expect(rig.gateway.isConnected).toBe(true);
    expect(counter.sim.lastProductionMode()).toBe(1);
  });

  it("authenticates first when an auth code is set, and a wrong one fails connect with ErrorID 63", async () => {
    counter.sim.setCredentials("", "right-code");
    rig = counter.rig();
    const attempt = rig.gateway.connect({ ...SIM_SETTING, 产品名称: "client_app", 授权编码: "wrong-code" });
    await expect(attempt).rejects.toThrow(/交易服务器授权验证失败，代码：63 AUTH_FAILED，信息：CTP:客户端认证失败/);
    expect(rig.gateway.isConnected).toBe(false);
  });

  it("passes authentication with the right code and logs it", async () => {
    counter.sim.setCredentials("", "right-code");
    await connected({ ...SIM_SETTING, 产品名称: "client_app", 授权编码: "right-code" });
    await rig.events.whenIdle();
    expect(rig.logs()).toContain("交易服务器授权验证成功");
  });

  it("rejects a wrong password with the counter's ErrorID and message, without a stack of retries", async () => {
    counter.sim.setCredentials("the-password", "");
    rig = counter.rig();
    await expect(rig.gateway.connect({ ...SIM_SETTING, 密码: "not-it" })).rejects.toThrow(/交易服务器登录失败，代码：3 INVALID_LOGIN，信息：CTP:不合法的登录/);
  });

  it("names the front that never answered when connect times out, and leaves nothing running", async () => {
    counter.sim.dropMdFront(4097, -1); // the market-data front is down before anyone connects
    try {
      rig = counter.rig();
      rig.gateway.connectTimeoutMs = 1500;
      await expect(rig.gateway.connect(SIM_SETTING)).rejects.toThrow(
        "no login within 1.5 s from the market-data front tcp://127.0.0.1:41213 (行情服务器): check the address and port",
      );
      expect(rig.gateway.connectionState).toBe("disconnected");
    } finally {
      counter.sim.restoreMdFront();
    }
  });

  it("retries the instrument query each second while CTP's flow control refuses it", async () => {
    counter.sim.rejectNextQueries(2);
    const started = Date.now();
    await connected();
    await rig.events.whenIdle();
    const refusals = rig.logs().filter((l) => l.startsWith("合约查询受流控限制（-2）"));
    expect(refusals).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(rig.gateway.contracts.size).toBeGreaterThan(0);
  });
});

describe("timer queries", () => {
  it("asks for the account and the positions by itself, alternating every second timer event (2 s)", async () => {
    await connected();
    const start = Date.now();
    const account = await rig.until("an account", () => rig.of<AccountData>("eAccount.")[0], 4000);
    const accountAt = Date.now() - start;
    await rig.until("positions", () => rig.of<PositionData>("ePosition.").length >= 2, 4000);
    const positionsAt = Date.now() - start;
    expect(account.accountid).toBe("000001");
    expect(accountAt).toBeGreaterThanOrEqual(1000);
    expect(positionsAt - accountAt).toBeGreaterThanOrEqual(1500); // the next query two timer events later
    expect(rig.of<PositionData>("ePosition.").map((p) => p.vt_positionid).sort()).toEqual([
      "CTP.m2601.DCE.SHORT", "CTP.rb2601.SHFE.LONG",
    ]);
  });
});

describe("contracts", () => {
  it("maps futures, options and spreads per instance and skips product classes vn.py skips", async () => {
    await connected();
    await rig.events.whenIdle();
    const pushed = rig.of<ContractData>("eContract.");
    const bySymbol = new Map(pushed.map((c) => [c.vt_symbol, c]));
    expect(bySymbol.get("rb2601.SHFE")).toMatchObject({ name: "螺纹钢2601", product: "FUTURES", size: 10, pricetick: 1, min_volume: 1, max_volume: 500 });
    expect(bySymbol.get("IO2512-C-4000.CFFEX")).toMatchObject({
      product: "OPTION", option_type: "CALL", option_strike: 4000, option_index: "4000", option_underlying: "IF2512", option_portfolio: "IO",
    });
    // CZCE option products end in C/P: the portfolio drops it.
    expect(bySymbol.get("SR601P5500.CZCE")).toMatchObject({ option_type: "PUT", option_portfolio: "SR" });
    expect(bySymbol.get("SP m2601&m2605.DCE")?.product).toBe("SPREAD");
    expect(bySymbol.has("m2601-EFP.DCE")).toBe(false);
    expect(pushed).toHaveLength(10);
    expect(rig.gateway.contracts.size).toBe(10);
  });
});

describe("ticks", () => {
  it("streams generated depth market data from the counter's thread once subscribed", async () => {
    await connected();
    counter.sim.setTickRate(50);
    rig.gateway.subscribe(createSubscribeRequest("IF2512.CFFEX"));
    const ticks = await rig.until("10 ticks", () => { const t = rig.of<TickData>("eTick."); return t.length >= 10 && t; });
    expect(ticks.every((t) => t.vt_symbol === "IF2512.CFFEX" && t.name === "沪深300指数2512")).toBe(true);
    expect(rig.of<TickData>("eTick.IF2512.CFFEX").length).toBeGreaterThanOrEqual(10);
  });

  it("turns DBL_MAX prices into 0, keeps limit prices, fills depth 2-5 only when the front sends it", async () => {
    await connected();
    rig.gateway.subscribe(createSubscribeRequest("rb2601.SHFE"));
    await rig.until("md subscription", () => rig.logs().includes("行情服务器登录成功"));
    await new Promise((r) => setTimeout(r, 50));
    counter.sim.injectTick("rb2601", 3521, "10:15:30", "20260105", 500);
    const [tick] = await rig.until("a tick", () => { const t = rig.of<TickData>("eTick."); return t.length > 0 && t; });
    expect(tick.last_price).toBe(3521);
    expect(tick.bid_price_1).toBe(3520);
    expect(tick.ask_price_1).toBe(3522);
    expect(tick.bid_price_2).toBe(0); // DBL_MAX on the wire
    expect(tick.limit_up).toBeCloseTo(3850);
    expect(tick.limit_down).toBeCloseTo(3150);
    expect(tick.datetime.toISOString()).toBe("2026-01-05T02:15:30.500Z"); // 10:15:30.5 in Shanghai
  });

  it("drops ticks without UpdateTime and dates DCE ticks by the local day, not ActionDay", async () => {
    await connected();
    rig.gateway.subscribe(createSubscribeRequest("m2601.DCE"));
    rig.gateway.subscribe(createSubscribeRequest("rb2601.SHFE"));
    await rig.until("md login", () => rig.logs().includes("行情服务器登录成功"));
    await new Promise((r) => setTimeout(r, 50));
    counter.sim.injectTick("rb2601", 3500, "", "20260105", 0);
    counter.sim.injectTick("m2601", 3001, "21:30:00", "20991231", 0);
    const [tick] = await rig.until("the DCE tick", () => { const t = rig.of<TickData>("eTick."); return t.length > 0 && t; });
    await new Promise((r) => setTimeout(r, 100));
    expect(rig.of<TickData>("eTick.")).toHaveLength(1);
    expect(tick.vt_symbol).toBe("m2601.DCE");
    const shanghaiDay = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(new Date(tick.datetime.getTime() + 8 * 3600_000).toISOString().slice(0, 10)).toBe(shanghaiDay);
  });

  it("refuses to subscribe a symbol the gateway does not list", async () => {
    await connected();
    expect(() => rig.gateway.subscribe(createSubscribeRequest("zz9999.SHFE"))).toThrow(/zz9999.SHFE is not a contract of CTP/);
  });
});
