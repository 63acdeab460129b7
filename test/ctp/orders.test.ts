// CTP orders through koffi against the simulated counter: fills, partial fills, cancels, rejections, SHFE offsets.
import { beforeEach, describe, expect, it } from "vitest";
import type { Direction, Offset, OrderType } from "../../src/core/constant";
import { TradingError } from "../../src/core/errors";
import {
  createOrderRequest, type AccountData, type LogData, type OrderData, type PositionData, type TradeData,
} from "../../src/core/object";
import { useCounter, type Rig } from "./harness";

const counter = useCounter();
let rig: Rig;

beforeEach(async () => {
  rig = await counter.connected();
});

interface Order { vt: string; direction?: Direction; volume?: number; price?: number; offset?: Offset; type?: OrderType }

function send({ vt, direction = "LONG", volume = 1, price = 3500, offset = "OPEN", type = "LIMIT" }: Order): string {
  const [symbol, exchange] = vt.split(".") as [string, "SHFE"];
  return rig.gateway.sendOrder(createOrderRequest({ symbol, exchange, direction, volume, price, offset, type }));
}

const updates = (vtOrderId: string) => rig.of<OrderData>(`eOrder.${vtOrderId}`);
const last = (vtOrderId: string) => updates(vtOrderId).at(-1);
const finalOrder = (vtOrderId: string, status: OrderData["status"]) =>
  rig.until(`${vtOrderId} ${status}`, () => last(vtOrderId)?.status === status && last(vtOrderId));

describe("order flow", () => {
  it("names orders FrontID_SessionID_OrderRef and fills a marketable order in partial trades", async () => {
    const id = send({ vt: "rb2601.SHFE", volume: 5, price: 3510 });
    expect(id).toMatch(/^CTP\.1_-?\d+_1$/);
    const done = await finalOrder(id, "ALLTRADED");
    expect(done).toMatchObject({ traded: 5, volume: 5, price: 3510, offset: "OPEN", direction: "LONG", type: "LIMIT" });
    expect(updates(id).map((o) => `${o.status}:${o.traded}`)).toEqual([
      "SUBMITTING:0", "NOTTRADED:0", "PARTTRADED:2", "PARTTRADED:4", "ALLTRADED:5",
    ]);
    await rig.events.whenIdle();
    const trades = rig.of<TradeData>("eTrade.");
    expect(trades.map((t) => t.volume)).toEqual([2, 2, 1]);
    expect(trades.every((t) => t.vt_orderid === id && t.price === 3500)).toBe(true);
    expect(new Set(trades.map((t) => t.vt_tradeid)).size).toBe(3);
  });

  it("leaves the unfilled rest working when liquidity runs out, then cancels it", async () => {
    counter.sim.setLiquidity("rb2601", 3);
    const id = send({ vt: "rb2601.SHFE", volume: 5, price: 3510 });
    await rig.until("3 lots traded", () => last(id)?.traded === 3);
    expect(last(id)?.status).toBe("PARTTRADED");
    const order = last(id)!;
    rig.gateway.cancelOrder({ orderid: order.orderid, symbol: order.symbol, exchange: order.exchange, vt_symbol: order.vt_symbol });
    const cancelled = await finalOrder(id, "CANCELLED");
    expect(cancelled.traded).toBe(3);
    expect(cancelled.status_msg).toBe("已撤单");
  });

  it("fills a resting order when the market comes to it", async () => {
    const id = send({ vt: "IF2512.CFFEX", volume: 1, price: 3880, direction: "LONG" });
    await finalOrder(id, "NOTTRADED");
    counter.sim.setPrice("IF2512", 3879.8);
    await finalOrder(id, "ALLTRADED");
    const [trade] = await rig.until("the trade", () => { const t = rig.of<TradeData>("eTrade."); return t.length > 0 && t; });
    expect(trade).toMatchObject({ price: 3879.8, volume: 1, vt_orderid: id });
  });

  it("maps FAK: the unfilled rest is cancelled at once", async () => {
    counter.sim.setLiquidity("m2601", 1);
    const id = send({ vt: "m2601.DCE", volume: 3, price: 3005, type: "FAK" });
    const cancelled = await finalOrder(id, "CANCELLED");
    expect(cancelled).toMatchObject({ traded: 1, type: "FAK" });
  });

  it("shows an exchange rejection (price outside the limits) as REJECTED with the exchange's reason", async () => {
    const id = send({ vt: "rb2601.SHFE", price: 4200 });
    const rejected = await finalOrder(id, "REJECTED");
    expect(rejected.status_msg).toBe("报单被拒绝:价格超出涨跌停板");
    await rig.events.whenIdle();
    expect(rig.logs()).toContain(`委托${rejected.orderid}状态更新，报单被拒绝:价格超出涨跌停板`);
  });

  it("reports an order the counter refuses as REJECTED once, with ErrorID and the error table's name", async () => {
    const id = send({ vt: "m2601.DCE", direction: "LONG", volume: 5, price: 3000, offset: "CLOSE" });
    const rejected = await finalOrder(id, "REJECTED");
    expect(rejected.status_msg).toBe("CTP:平仓量超过持仓量");
    await new Promise((r) => setTimeout(r, 100));
    await rig.events.whenIdle();
    expect(updates(id).filter((o) => o.status === "REJECTED")).toHaveLength(1);
    const errors = rig.of<LogData>("eLog").filter((l) => l.msg.startsWith("交易委托失败"));
    expect(errors.map((l) => l.msg)).toEqual(["交易委托失败，代码：30 OVER_CLOSE_POSITION，信息：CTP:平仓量超过持仓量"]);
  });

  it("logs a failed cancel with its ErrorID", async () => {
    const id = send({ vt: "rb2601.SHFE", volume: 1, price: 3510 });
    const done = await finalOrder(id, "ALLTRADED");
    rig.gateway.cancelOrder({ orderid: done.orderid, symbol: done.symbol, exchange: done.exchange, vt_symbol: done.vt_symbol });
    await rig.until("cancel error", () => rig.logs().find((l) => l.startsWith("交易撤单失败")));
    expect(rig.logs()).toContain("交易撤单失败，代码：26 INSUITABLE_ORDER_STATUS，信息：CTP:报单已全成交或已撤销，不能再撤");
  });
});

describe("SHFE close-today and close-yesterday", () => {
  it("keeps today's and yesterday's rb2601 apart, in positions and in what each offset may close", async () => {
    const open = send({ vt: "rb2601.SHFE", volume: 2, price: 3510, offset: "OPEN" });
    await finalOrder(open, "ALLTRADED");
    rig.gateway.queryPosition();
    const long = await rig.until("rb long position", () =>
      rig.of<PositionData>("ePosition.rb2601.SHFE").find((p) => p.direction === "LONG" && p.volume === 5));
    expect(long).toMatchObject({ volume: 5, yd_volume: 3 });

    const tooMuchToday = send({ vt: "rb2601.SHFE", direction: "SHORT", volume: 3, price: 3490, offset: "CLOSETODAY" });
    expect((await finalOrder(tooMuchToday, "REJECTED")).status_msg).toBe("CTP:平今仓位不足");
    const closeToday = send({ vt: "rb2601.SHFE", direction: "SHORT", volume: 2, price: 3490, offset: "CLOSETODAY" });
    await finalOrder(closeToday, "ALLTRADED");
    const closeYesterday = send({ vt: "rb2601.SHFE", direction: "SHORT", volume: 1, price: 3490, offset: "CLOSEYESTERDAY" });
    await finalOrder(closeYesterday, "ALLTRADED");

    await new Promise((r) => setTimeout(r, 1100)); // one query per second
    rig.gateway.queryPosition();
    const after = await rig.until("rb position after closes", () =>
      rig.of<PositionData>("ePosition.rb2601.SHFE").find((p) => p.direction === "LONG" && p.volume === 2));
    expect(after.yd_volume).toBe(2);
  });

  it("queries the account with balance, frozen and available", async () => {
    rig.gateway.queryAccount();
    const account = await rig.until("account", () => rig.of<AccountData>("eAccount.")[0]);
    expect(account).toMatchObject({ accountid: "000001", vt_accountid: "CTP.000001", balance: 10_000_000 });
    expect(account.available).toBeLessThan(account.balance); // yesterday's holdings use margin
  });
});

describe("bad input never reaches the native side", () => {
  const reject = (order: Order, message: RegExp) => {
    const before = rig.seen.length;
    const atCounter = counter.sim.orderCount();
    expect(() => send(order)).toThrow(message);
    expect(() => send(order)).toThrow(TradingError);
    expect(rig.seen.length).toBe(before); // nothing pushed
    expect(counter.sim.orderCount()).toBe(atCounter); // nothing reached the counter
  };

  it("refuses unknown symbols, missing offsets, unsupported types, fractional volumes and bad prices", () => {
    reject({ vt: "zz9999.SHFE" }, /zz9999.SHFE is not a contract of CTP/);
    reject({ vt: "rb2601.DCE" }, /rb2601.DCE is not a contract of CTP/);
    reject({ vt: "rb2601.SHFE", offset: "NONE" }, /请选择开平方向/);
    reject({ vt: "rb2601.SHFE", type: "STOP" }, /当前接口不支持该类型的委托STOP/);
    reject({ vt: "rb2601.SHFE", volume: 1.5 }, /whole lots; got volume 1.5/);
    reject({ vt: "rb2601.SHFE", volume: 0 }, /whole lots; got volume 0/);
    reject({ vt: "rb2601.SHFE", price: Number.NaN }, /price must be a number/);
  });

  it("sends nothing to the counter for a refused order, while a good one reaches it", async () => {
    reject({ vt: "rb2601.SHFE", volume: 2.5 }, /whole lots/);
    const before = counter.sim.orderCount();
    send({ vt: "rb2601.SHFE", price: 3510 });
    await rig.until("the counter's order", () => counter.sim.orderCount() === before + 1);
  });

  it("refuses a cancel of an id that is not a CTP order id", () => {
    expect(() => rig.gateway.cancelOrder({ orderid: "12345", symbol: "rb2601", exchange: "SHFE", vt_symbol: "rb2601.SHFE" }))
      .toThrow(/"12345" is not a CTP order id \(FrontID_SessionID_OrderRef\)/);
  });

  it("refuses orders once closed", async () => {
    await rig.gateway.close();
    expect(() => send({ vt: "rb2601.SHFE" })).toThrow(/CTP is not connected/);
  });
});
