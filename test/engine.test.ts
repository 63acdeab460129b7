// MainEngine's routing and refusals, against a recording gateway loaded through the real adapter path.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Direction, Exchange, Offset, OrderType, Product, Status } from "../src/core/constant";
import { TradingError } from "../src/core/errors";
import type { EventEngine } from "../src/core/event-engine";
import { BaseGateway, type GatewaySetting } from "../src/core/gateway";
import {
  createContract, createPosition, orderFromRequest,
  type CancelRequest, type OrderRequest, type SubscribeRequest,
} from "../src/core/object";
import { MainEngine } from "../src/engine";
import { SettingsStore } from "../src/settings";

class RecordingGateway extends BaseGateway {
  readonly exchanges = [Exchange.SHFE, Exchange.DCE] as const;
  readonly sent: OrderRequest[] = [];
  readonly cancelled: CancelRequest[] = [];
  readonly subscribed: SubscribeRequest[] = [];
  setting: GatewaySetting | undefined;
  private nextId = 0;

  async connect(setting: GatewaySetting): Promise<void> {
    this.setting = setting;
    for (const symbol of ["rb2601", "rb2605"]) {
      this.onContract(createContract({ gateway_name: this.name, symbol, exchange: Exchange.SHFE, name: symbol, product: Product.FUTURES, size: 10, pricetick: 1 }));
    }
    this.onContract(createContract({ gateway_name: this.name, symbol: "m2601", exchange: Exchange.DCE, name: "m2601", product: Product.FUTURES, size: 10, pricetick: 1 }));
    this.onPosition(createPosition({ gateway_name: this.name, symbol: "rb2601", exchange: Exchange.SHFE, direction: Direction.LONG, volume: 5, yd_volume: 3 }));
    this.setConnectionState("connected");
  }
  async close(): Promise<void> { this.setConnectionState("disconnected"); }
  subscribe(req: SubscribeRequest): void { this.subscribed.push(req); }
  sendOrder(req: OrderRequest): string {
    this.sent.push(req);
    const order = { ...orderFromRequest(req, String(++this.nextId), this.name), status: Status.NOTTRADED };
    this.onOrder(order);
    return order.vt_orderid;
  }
  cancelOrder(req: CancelRequest): void { this.cancelled.push(req); }
  queryAccount(): void {}
  queryPosition(): void {}
}

function makeEngine(dir = mkdtempSync(join(tmpdir(), "vntrader-engine-"))) {
  const gateways: RecordingGateway[] = [];
  const factory = (events: EventEngine, name: string) => {
    const gateway = new RecordingGateway(events, name);
    gateways.push(gateway);
    return gateway;
  };
  const engine = new MainEngine({
    settings: new SettingsStore(dir),
    timerIntervalMs: 0,
    adapters: { SIM: async () => factory, CTP: async () => factory, CTPTEST: async () => factory },
  });
  return { engine, gateways, dir };
}

async function connected() {
  const made = makeEngine();
  await made.engine.connect("sim");
  await made.engine.events.whenIdle();
  return { ...made, gateway: made.gateways[0] };
}

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<TradingError> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    if (error instanceof TradingError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("MainEngine orders", () => {
  it("routes an order to the gateway that lists the symbol and caches it", async () => {
    const { engine, gateway } = await connected();
    const [id] = await engine.buy("rb2601.SHFE", 2, 3650);
    await engine.events.whenIdle();
    expect(gateway.sent).toHaveLength(1);
    expect(gateway.sent[0]).toMatchObject({ direction: Direction.LONG, offset: Offset.OPEN, volume: 2, price: 3650, type: OrderType.LIMIT });
    expect(engine.getOrder(id)?.status).toBe(Status.NOTTRADED);
    expect(engine.getAllActiveOrders().map((o) => o.vt_orderid)).toEqual([id]);
  });

  it("splits a SHFE close into close-today and close-yesterday", async () => {
    const { engine, gateway } = await connected();
    const ids = await engine.sell("rb2601.SHFE", 4, 3650);
    expect(ids).toHaveLength(2);
    expect(gateway.sent.map((r) => [r.offset, r.volume])).toEqual([[Offset.CLOSETODAY, 2], [Offset.CLOSEYESTERDAY, 2]]);
    // the volume just sent is frozen at once: one more lot is all that is left to close
    const error = await refusal(engine.sell("rb2601.SHFE", 2, 3650));
    expect(error.code).toBe("NOT_ENOUGH_POSITION");
    expect(error.message).toContain("only 1 long lots are free to close (today 0, yesterday 1)");
  });

  it.each([
    ["an unknown symbol", { vt_symbol: "xx9999.SHFE" }, "UNKNOWN_SYMBOL", "unknown symbol xx9999.SHFE"],
    ["a malformed symbol", { vt_symbol: "rb2601" }, "BAD_SYMBOL", "SYMBOL.EXCHANGE"],
    ["a zero volume", { volume: 0 }, "BAD_VOLUME", "positive"],
    ["a fractional volume", { volume: 1.5 }, "BAD_VOLUME", "whole number"],
    ["a price off the tick", { price: 3650.5 }, "BAD_PRICE", "price tick 1"],
  ])("refuses %s and sends nothing", async (_case, change, code, words) => {
    const { engine, gateway } = await connected();
    const error = await refusal(engine.sendOrder({ vt_symbol: "rb2601.SHFE", direction: Direction.LONG, volume: 1, price: 3650, ...change }));
    expect(error.code).toBe(code);
    expect(error.message).toContain(words);
    expect(gateway.sent).toEqual([]);
  });

  it("refuses orders on a disconnected gateway", async () => {
    const { engine, gateway } = await connected();
    await gateway.close();
    const error = await refusal(engine.buy("rb2601.SHFE", 1, 3650));
    expect(error.code).toBe("NOT_CONNECTED");
    expect(error.message).toContain("%connect sim");
    expect(gateway.sent).toEqual([]);
  });

  it("runs guards before sending and sends nothing when one refuses", async () => {
    const { engine, gateway } = await connected();
    engine.addGuard({ checkOrder: (req) => { if (req.volume > 3) throw new TradingError("RISK_REFUSED", "too big"); } });
    await expect(engine.buy("rb2601.SHFE", 4, 3650)).rejects.toThrow("too big");
    await engine.buy("rb2601.SHFE", 3, 3650);
    expect(gateway.sent.map((r) => r.volume)).toEqual([3]);
  });

  it("cancels active orders and refuses unknown ones", async () => {
    const { engine, gateway } = await connected();
    const [id] = await engine.buy("rb2601.SHFE", 1, 3650);
    await engine.events.whenIdle();
    engine.cancelOrder(id);
    expect(gateway.cancelled.map((c) => c.orderid)).toEqual(["1"]);
    expect((await refusal(() => engine.cancelOrder("SIM.nope"))).code).toBe("UNKNOWN_ORDER");
    expect(engine.cancelAll()).toEqual([id]);
  });
});

describe("MainEngine gateways and settings", () => {
  it("names the known gateways when given an unknown one", async () => {
    const { engine } = makeEngine();
    const error = await refusal(engine.connect("nope"));
    expect(error.code).toBe("UNKNOWN_GATEWAY");
    expect(error.message).toContain("CTP");
  });

  it("says plainly when a catalogue gateway has no adapter", async () => {
    const { engine } = makeEngine();
    const error = await refusal(engine.connect("xtp"));
    expect(error.code).toBe("ADAPTER_MISSING");
    expect(error.message).toMatch(/XTP .* adapter is not built/);
  });

  it("refuses to load CTP and CTPTEST in one process and explains why", async () => {
    const { engine } = makeEngine();
    await engine.addGateway("ctp");
    const error = await refusal(engine.addGateway("ctptest"));
    expect(error.code).toBe("EXCLUSIVE_GATEWAY");
    expect(error.message).toMatch(/4097/);
  });

  it("merges connect_<name>.json with arguments, keeps Chinese keys, and asks for a missing password", async () => {
    const { engine, gateways, dir } = makeEngine();
    writeFileSync(join(dir, "connect_ctp.json"), JSON.stringify({ "用户名": "123456", "经纪商代码": "9999", "交易服务器": "tcp://127.0.0.1:1", "行情服务器": "tcp://127.0.0.1:2" }));
    const questions: string[] = [];
    engine.setPrompter(async (question, options) => {
      questions.push(`${question}|${options.password}`);
      return "typed-secret";
    });
    await engine.connect("ctp", { "经纪商代码": "4040" });
    expect(gateways[0].setting).toMatchObject({ "用户名": "123456", "密码": "typed-secret", "经纪商代码": "4040", "柜台环境": "实盘" });
    expect(questions).toHaveLength(1);
    expect(questions[0]).toContain("密码");
    expect(questions[0]).toContain("|true");
    await engine.events.whenIdle();
    const logs = engine.getLogs().map((l) => l.msg).join("\n");
    expect(logs).not.toContain("typed-secret");
  });

  it("refuses a missing password when nobody can be asked, naming the field and the file", async () => {
    const { engine, gateways } = makeEngine();
    const error = await refusal(engine.connect("ctp", { "用户名": "1", "经纪商代码": "9999", "交易服务器": "a", "行情服务器": "b" }));
    expect(error.code).toBe("BAD_SETTING");
    expect(error.message).toContain("密码");
    expect(error.message).toContain("connect_ctp.json");
    expect(gateways).toHaveLength(0);
  });

  it("refuses unknown setting keys and values outside a field's choices", async () => {
    const { engine } = makeEngine();
    expect((await refusal(engine.connect("ctp", { colour: "red" }))).message).toContain("has no setting \"colour\"");
    expect((await refusal(engine.connect("ctp", { "柜台环境": "月球" }))).message).toContain("实盘");
  });

  it("saves arguments back to the settings file only when asked, never the password", async () => {
    const { engine, dir } = makeEngine();
    engine.setPrompter(async () => "typed-secret");
    await engine.connect("ctp", { "用户名": "7", "经纪商代码": "9999", "交易服务器": "a", "行情服务器": "b" }, { save: true });
    const saved = readFileSync(join(dir, "connect_ctp.json"), "utf8");
    expect(JSON.parse(saved)).toMatchObject({ "用户名": "7", "经纪商代码": "9999" });
    expect(saved).not.toContain("typed-secret");
  });
});

describe("MainEngine contracts and subscriptions", () => {
  it("filters contracts by pattern, glob and exchange", async () => {
    const { engine } = await connected();
    expect(engine.getContracts({ pattern: "RB" }).map((c) => c.vt_symbol)).toEqual(["rb2601.SHFE", "rb2605.SHFE"]);
    expect(engine.getContracts({ pattern: "rb*1" }).map((c) => c.symbol)).toEqual(["rb2601"]);
    expect(engine.getContracts({ exchange: Exchange.DCE }).map((c) => c.symbol)).toEqual(["m2601"]);
  });

  it("checks every symbol before subscribing any", async () => {
    const { engine, gateway } = await connected();
    await expect(engine.subscribe("rb2601.SHFE", "zz0000.SHFE")).rejects.toThrow("unknown symbol zz0000.SHFE");
    expect(gateway.subscribed).toEqual([]);
    await engine.subscribe("rb2601.SHFE", "m2601.DCE");
    expect(gateway.subscribed.map((s) => s.vt_symbol)).toEqual(["rb2601.SHFE", "m2601.DCE"]);
  });

  it("refuses history from a gateway without it, and a range that ends before it starts", async () => {
    const { engine } = await connected();
    expect((await refusal(engine.queryHistory("rb2601.SHFE", "1m", new Date("2025-02-01"), new Date("2025-01-01")))).message).toContain("is not after start");
    expect((await refusal(engine.queryHistory("rb2601.SHFE", "1m", new Date("2025-01-01"), new Date("2025-02-01")))).code).toBe("NO_HISTORY");
  });
});
