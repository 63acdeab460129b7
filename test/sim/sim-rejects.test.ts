// SIM's counter refusals: each bad order is REJECTED with a message naming the problem, nothing trades and
// no funds stay frozen; closes respect SHFE's today/yesterday split; bad settings fail connect clearly.
import { afterEach, describe, expect, it } from "vitest";
import { Direction, Offset, OrderType } from "../../src/core/constant";
import { EVENT_ORDER } from "../../src/core/event";
import { EventEngine } from "../../src/core/event-engine";
import { createOrderRequest } from "../../src/core/object";
import { SimGateway } from "../../src/gateways/sim";
import { cents, levels, startSim, type Harness, type OrderSpec } from "./sim-harness";

const RB = "rb2601.SHFE";
const { LONG, SHORT } = Direction;

describe("SIM rejects", () => {
  const open: Harness[] = [];
  afterEach(async () => { for (const h of open.splice(0)) await h.close(); });
  async function sim(...args: Parameters<typeof startSim>): Promise<Harness> {
    const h = await startSim(...args);
    open.push(h);
    return h;
  }

  /** Sends the order and returns its final state, checking it was refused and left nothing behind. */
  async function refused(h: Harness, spec: OrderSpec) {
    const before = h.gateway.accountFigures();
    const id = await h.send(spec);
    expect(h.statuses(id)).toEqual(["SUBMITTING", "REJECTED"]);
    expect(h.tradesOf(id)).toEqual([]);
    expect(h.gateway.accountFigures()).toEqual(before);
    const order = h.oms.getOrder(id)!;
    expect(h.logs.some((l) => l.msg.includes(`order ${id} rejected: ${order.status_msg}`))).toBe(true);
    return order;
  }

  it("refuses prices outside today's limits", async () => {
    const h = await sim();
    const tick = await h.subscribe(RB);
    const above = await refused(h, { vt_symbol: RB, direction: LONG, offset: Offset.OPEN, volume: 1, price: tick.limit_up + 1 });
    expect(above.status_msg).toBe(
      `价格超出涨跌停板 / price ${tick.limit_up + 1} is outside today's limits of ${RB} (${tick.limit_down} to ${tick.limit_up})`,
    );
    const below = await refused(h, { vt_symbol: RB, direction: SHORT, offset: Offset.OPEN, volume: 1, price: tick.limit_down - 1 });
    expect(below.status_msg).toContain("is outside today's limits");
  });

  it("refuses prices off the tick grid and volumes that are not whole lots", async () => {
    const h = await sim();
    const tick = await h.subscribe(RB);
    const offTick = await refused(h, { vt_symbol: RB, direction: LONG, offset: Offset.OPEN, volume: 1, price: tick.bid_price_1 + 0.5 });
    expect(offTick.status_msg).toContain(`is not a multiple of ${RB}'s price tick 1`);
    for (const volume of [1.5, 0, -2]) {
      const bad = await refused(h, { vt_symbol: RB, direction: LONG, offset: Offset.OPEN, volume, price: tick.bid_price_1 });
      expect(bad.status_msg).toBe(`委托数量错误 / volume ${volume} must be a positive whole number of lots`);
    }
  });

  it("refuses an open the funds cannot cover, quoting margin and commission", async () => {
    const h = await sim({ 初始资金: 20000 });
    const tick = await h.subscribe(RB);
    const price = tick.ask_price_1;
    // rb: 10 t per lot, 7% margin, commission 0.01% of value.
    const margin = price * 10 * 0.07 * 10;
    const commission = cents(price * 10 * 0.0001 * 10);
    const order = await refused(h, { vt_symbol: RB, direction: LONG, offset: Offset.OPEN, volume: 10, price });
    const money = (x: number) => x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(order.status_msg).toBe(
      `资金不足 / insufficient funds: 10 lots of ${RB} need ${money(margin + commission)} CNY ` +
      `(margin ${money(margin)} + commission ${money(commission)}), available 20,000.00`,
    );
  });

  it("refuses closing more than is held", async () => {
    const h = await sim();
    const M = "m2601.DCE";
    const book = await h.subscribe(M);
    const ask = levels(book, LONG)[0];
    await h.send({ vt_symbol: M, direction: LONG, offset: Offset.OPEN, volume: 2, price: ask[0] + 5 });
    expect(h.oms.getPositionBySymbol(M, LONG)?.volume).toBe(2);
    const order = await refused(h, { vt_symbol: M, direction: SHORT, offset: Offset.CLOSE, volume: 3, price: book.bid_price_1 });
    expect(order.status_msg).toBe(`平仓量超过持仓量 / cannot close 3 lots: 2 long ${M} can be closed`);
    // Nothing held short, so a buy-to-close has nothing to take.
    const cover = await refused(h, { vt_symbol: M, direction: LONG, offset: Offset.CLOSE, volume: 1, price: book.ask_price_1 });
    expect(cover.status_msg).toContain(`cannot close 1 lots: 0 short ${M}`);
  });

  it("keeps SHFE's today and yesterday apart: CLOSETODAY takes only today's lots, CLOSE only yesterday's", async () => {
    const h = await sim({}, { yesterdayPositions: [{ vt_symbol: RB, direction: LONG, volume: 3, price: 3080 }] });
    const book = await h.subscribe(RB);
    expect(h.oms.getPositionBySymbol(RB, LONG)).toMatchObject({ volume: 3, yd_volume: 3, price: 3080 });
    await h.send({ vt_symbol: RB, direction: LONG, offset: Offset.OPEN, volume: 2, price: book.ask_price_1 + 3 });
    expect(h.oms.getPositionBySymbol(RB, LONG)).toMatchObject({ volume: 5, yd_volume: 3 });

    const today = await refused(h, { vt_symbol: RB, direction: SHORT, offset: Offset.CLOSETODAY, volume: 3, price: book.bid_price_1 });
    expect(today.status_msg).toBe(
      `平今仓位不足 / cannot close 3 lots: 2 of today's long ${RB} can be closed ` +
      "(SHFE keeps today and yesterday apart; close yesterday's lots with CLOSE or CLOSEYESTERDAY)",
    );
    const yesterday = await refused(h, { vt_symbol: RB, direction: SHORT, offset: Offset.CLOSEYESTERDAY, volume: 4, price: book.bid_price_1 });
    expect(yesterday.status_msg).toContain(`平昨仓位不足 / cannot close 4 lots: 3 of yesterday's long ${RB}`);
    const plainClose = await refused(h, { vt_symbol: RB, direction: SHORT, offset: Offset.CLOSE, volume: 4, price: book.bid_price_1 });
    expect(plainClose.status_msg).toContain("close today's lots with CLOSETODAY");

    // Within each age the close goes through; a resting close freezes its lots against a second close.
    const resting = await h.send({ vt_symbol: RB, direction: SHORT, offset: Offset.CLOSEYESTERDAY, volume: 3, price: book.limit_up });
    expect(h.oms.getOrder(resting)?.status).toBe("NOTTRADED");
    expect(h.oms.getPositionBySymbol(RB, LONG)?.frozen).toBe(3);
    const again = await refused(h, { vt_symbol: RB, direction: SHORT, offset: Offset.CLOSE, volume: 1, price: book.limit_up });
    expect(again.status_msg).toContain("0 of yesterday's long");
  });

  it("refuses order types and offsets a futures counter does not take, and unknown symbols", async () => {
    const h = await sim();
    const tick = await h.subscribe(RB);
    const stop = await refused(h, { vt_symbol: RB, direction: LONG, offset: Offset.OPEN, volume: 1, price: tick.ask_price_1, type: OrderType.STOP });
    expect(stop.status_msg).toBe("不支持的报单类型 / SIM does not support STOP orders: use LIMIT, MARKET, FAK or FOK");
    const none = await refused(h, { vt_symbol: RB, direction: LONG, offset: Offset.NONE, volume: 1, price: tick.ask_price_1 });
    expect(none.status_msg).toContain("the order has no offset: say OPEN, CLOSE, CLOSETODAY or CLOSEYESTERDAY");
    const unknown = await refused(h, { vt_symbol: "rb2699.SHFE", direction: LONG, offset: Offset.OPEN, volume: 1, price: 3000 });
    expect(unknown.status_msg).toBe("合约不存在 / SIM does not list rb2699.SHFE");
  });

  it("rejects at once when not connected, and refuses bad settings on connect", async () => {
    const events = new EventEngine({ timerIntervalMs: 0 });
    const statuses: string[] = [];
    events.register(EVENT_ORDER, (event) => { statuses.push(`${event.data.status} ${event.data.status_msg}`); });
    events.start();
    const gateway = new SimGateway(events, "SIM");
    const id = gateway.sendOrder(createOrderRequest({ symbol: "rb2601", exchange: "SHFE", direction: LONG, offset: Offset.OPEN, volume: 1, price: 3000 }));
    expect(id).toBe("SIM.1");
    await events.whenIdle();
    expect(statuses).toEqual(["REJECTED 未连接 / SIM is not connected: connect it first"]);
    await expect(gateway.connect({ 初始资金: -5 })).rejects.toThrow(
      'SIM setting 初始资金 (starting balance) must be a positive amount of CNY, e.g. 1000000; got -5',
    );
    await expect(gateway.connect({ 行情频率: "fast" })).rejects.toThrow(/行情频率 \(ticks per second per symbol\) must be 0 \(manual\) to 100000; got "fast"/);
    await expect(gateway.connect({ 随机种子: 1.5 })).rejects.toThrow(/随机种子 \(random seed\) must be a whole number/);
    const carried = new SimGateway(events, "SIM", { yesterdayPositions: [{ vt_symbol: "rb2699.SHFE", direction: LONG, volume: 1, price: 3000 }] });
    await expect(carried.connect({})).rejects.toThrow("yesterday position in rb2699.SHFE: SIM does not list that symbol today");
    expect(gateway.isConnected).toBe(false);
    expect(carried.connectionState).toBe("disconnected");
    events.stop();
  });
});
