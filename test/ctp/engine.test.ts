// CTP through the MainEngine and the catalogue's adapter: connect_ctp.json, contracts in the OMS, ticks, a split close.
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENT_TICK } from "../../src/core/event";
import { MainEngine } from "../../src/engine";
import { TickChart } from "../../src/frame/chart";
import { DISPLAY, type MimeBundle } from "../../src/frame/jupyter";
import { SettingsStore } from "../../src/settings";
import { MD_LIB, TRADER_LIB, buildNative, counterHooks } from "./harness";

let engine: MainEngine;

beforeAll(() => {
  buildNative();
  counterHooks().setTickRate(20);
  // What a user does with the SDK: both libraries in .vntrader/lib/ctp/, vn.py's keys in connect_ctp.json.
  const dir = join(mkdtempSync(join(tmpdir(), "ctp-engine-")), ".vntrader");
  const store = new SettingsStore(dir);
  const libs = store.folder(join("lib", "ctp"));
  symlinkSync(TRADER_LIB, join(libs, "libthosttraderapi_se.so"));
  symlinkSync(MD_LIB, join(libs, "libthostmduserapi_se.so"));
  store.save("connect_ctp.json", {
    用户名: "000001", 密码: "pw", 经纪商代码: "9999", 交易服务器: "127.0.0.1:41205", 行情服务器: "127.0.0.1:41213",
    产品名称: "", 授权编码: "", 柜台环境: "实盘",
  });
  process.env.VNTRADER_DIR = dir;
  engine = new MainEngine({ settings: store });
});

afterAll(async () => {
  await engine.disconnect();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("CTP in the engine", () => {
  it("connects by catalogue name from connect_ctp.json and lists contracts when connect returns", async () => {
    await engine.connect("ctp");
    const rebar = engine.getContracts({ pattern: "rb", exchange: "SHFE" }).map((c) => c.vt_symbol);
    expect(rebar).toEqual(["rb2601.SHFE"]);
    expect(engine.getContract("IO2512-C-4000.CFFEX")?.option_type).toBe("CALL");
  });

  it("routes a subscription to CTP and keeps the latest tick", async () => {
    await engine.subscribe("rb2601.SHFE");
    let ticks = 0;
    engine.events.register(`${EVENT_TICK}rb2601.SHFE`, () => { ticks += 1; });
    for (let i = 0; i < 200 && ticks < 3; i++) await wait(10);
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(engine.getTick("rb2601.SHFE")?.gateway_name).toBe("CTP");
  });

  it("feeds CTP ticks into a live chart that redraws with the counter's prices", async () => {
    const redraws: MimeBundle[] = [];
    const chart = new TickChart(engine.events, "rb2601.SHFE", { fps: 10, publish: (bundle) => redraws.push(bundle) });
    const first = chart[DISPLAY]() as MimeBundle;
    expect(first["text/plain"]).toMatch(/^TickChart rb2601.SHFE \(live/);
    for (let i = 0; i < 300 && redraws.length < 2; i++) await wait(10);
    chart.stop();
    expect(chart.ticks).toBeGreaterThanOrEqual(2);
    expect(redraws.length).toBeGreaterThanOrEqual(2);
    expect(String(redraws[0]["text/html"])).toMatch(/rb2601\.SHFE  last 3\d{3}/); // around the counter's 3500
  });

  it("splits a SHFE close into close-today and close-yesterday CTP orders", async () => {
    const [bought] = await engine.buy("rb2601.SHFE", 2, 3510);
    for (let i = 0; i < 300 && engine.getOrder(bought)?.status !== "ALLTRADED"; i++) await wait(10);
    // Positions arrive with the 2-second alternating account/position query.
    for (let i = 0; i < 600 && engine.getAllPositions().find((p) => p.vt_symbol === "rb2601.SHFE")?.volume !== 5; i++) await wait(10);
    const ids = await engine.sell("rb2601.SHFE", 4, 3490);
    expect(ids).toHaveLength(2);
    for (let i = 0; i < 300 && !ids.every((id) => engine.getOrder(id)?.status === "ALLTRADED"); i++) await wait(10);
    expect(ids.map((id) => [engine.getOrder(id)?.offset, engine.getOrder(id)?.volume, engine.getOrder(id)?.status])).toEqual([
      ["CLOSETODAY", 2, "ALLTRADED"], ["CLOSEYESTERDAY", 2, "ALLTRADED"],
    ]);
  }, 20_000);
});
