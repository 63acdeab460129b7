// Front drops mid-session on the simulated counter: re-login, resubscribe, orders and trades neither lost nor doubled.
import { describe, expect, it } from "vitest";
import { Status } from "../../src/core/constant";
import { createOrderRequest, createSubscribeRequest, type OrderData, type TickData, type TradeData } from "../../src/core/object";
import { SIM_SETTING, useCounter, type Rig } from "./harness";

const counter = useCounter();
let rig: Rig;

async function connected(): Promise<void> {
  rig = await counter.connected();
}

function buyIf(volume: number, price: number): string {
  return rig.gateway.sendOrder(createOrderRequest({ symbol: "IF2512", exchange: "CFFEX", direction: "LONG", volume, price, offset: "OPEN" }));
}

const count = (text: string) => rig.logs().filter((l) => l === text).length;
const statusRank: Record<string, number> = { SUBMITTING: 0, NOTTRADED: 1, PARTTRADED: 2, ALLTRADED: 3, CANCELLED: 3, REJECTED: 3 };

/** Every order's updates move forward only: traded never shrinks, nothing active follows a final state. */
function expectMonotonic(updates: OrderData[]): void {
  for (let i = 1; i < updates.length; i++) {
    expect(updates[i].traded).toBeGreaterThanOrEqual(updates[i - 1].traded);
    expect(statusRank[updates[i].status]).toBeGreaterThanOrEqual(statusRank[updates[i - 1].status]);
    expect(`${updates[i].status}:${updates[i].traded}`).not.toBe(`${updates[i - 1].status}:${updates[i - 1].traded}`);
  }
}

describe("trader front drop", () => {
  it("logs in again and delivers fills that happened while the front was down, exactly once", async () => {
    await connected();
    const id = buyIf(3, 3880);
    await rig.until("resting order", () => rig.of<OrderData>(`eOrder.${id}`).at(-1)?.status === Status.NOTTRADED);

    counter.sim.dropTraderFront(4097, -1);
    await rig.until("disconnect log", () => rig.logs().find((l) => l.startsWith("交易服务器连接断开，原因4097 (0x1001, 网络读失败")));
    expect(() => buyIf(1, 3880)).toThrow(/CTP is not logged in/);
    counter.sim.setPrice("IF2512", 3879); // fills 2 + 1 while nobody is listening
    await new Promise((r) => setTimeout(r, 100));
    expect(rig.of<TradeData>("eTrade.")).toHaveLength(0);

    counter.sim.restoreTraderFront();
    await rig.until("second login", () => count("交易服务器登录成功") === 2);
    const done = await rig.until("order filled", () => rig.of<OrderData>(`eOrder.${id}`).at(-1)?.status === Status.ALLTRADED);
    expect(done).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    await rig.events.whenIdle();
    const trades = rig.of<TradeData>("eTrade.");
    expect(trades.map((t) => t.volume)).toEqual([2, 1]);
    expect(counter.sim.tradeCount()).toBe(2);
    expectMonotonic(rig.of<OrderData>(`eOrder.${id}`));
    // The re-login's instrument query changes nothing, so no contract is pushed twice.
    expect(rig.of("eContract.")).toHaveLength(10);
    // Orders after the reconnect carry the new session's id.
    const next = buyIf(1, 3880);
    expect(next.split("_")[1]).not.toBe(id.split("_")[1]);
  });

  it("drops replayed order updates and trades when the counter replays the whole day after re-login", async () => {
    counter.sim.replayAllOnRelogin(1);
    await connected();
    const filled = buyIf(3, 3900);
    const resting = buyIf(1, 3800);
    await rig.until("fills", () => rig.of<TradeData>("eTrade.").length === 2);
    await rig.until("resting", () => rig.of<OrderData>(`eOrder.${resting}`).at(-1)?.status === Status.NOTTRADED);

    counter.sim.dropTraderFront(4098, 200);
    await rig.until("second login", () => count("交易服务器登录成功") === 2);
    await new Promise((r) => setTimeout(r, 300));
    await rig.events.whenIdle();
    expect(rig.of<TradeData>("eTrade.")).toHaveLength(2);
    expectMonotonic(rig.of<OrderData>(`eOrder.${filled}`));
    expectMonotonic(rig.of<OrderData>(`eOrder.${resting}`));
    expect(rig.of<OrderData>(`eOrder.${resting}`).at(-1)?.status).toBe(Status.NOTTRADED);
  });

  it("reconciles by querying orders and trades when the private flow does not bring the outage's fills", async () => {
    counter.sim.skipFlowOnRelogin(1);
    await connected();
    const id = buyIf(3, 3880);
    await rig.until("resting order", () => rig.of<OrderData>(`eOrder.${id}`).at(-1)?.status === Status.NOTTRADED);
    counter.sim.dropTraderFront(4097, -1);
    await rig.until("disconnect", () => rig.logs().some((l) => l.startsWith("交易服务器连接断开")));
    counter.sim.setPrice("IF2512", 3879);
    counter.sim.restoreTraderFront();
    await rig.until("reconciliation", () => rig.logs().includes("委托和成交对账完成"));
    await rig.events.whenIdle();
    expect(rig.of<OrderData>(`eOrder.${id}`).at(-1)).toMatchObject({ status: Status.ALLTRADED, traded: 3 });
    expect(rig.of<TradeData>("eTrade.").map((t) => t.volume)).toEqual([2, 1]);
  });

  it("fails connect with a 4097 explanation when the front refuses the library's build", async () => {
    counter.sim.requireProductionMode(1);
    rig = counter.rig();
    const attempt = rig.gateway.connect({ ...SIM_SETTING, 柜台环境: "测试" });
    await expect(attempt).rejects.toThrow(/dropped the connection \(4097\): .*production vs evaluation build/);
    expect(counter.sim.lastProductionMode()).toBe(0); // 柜台环境=测试 reached CreateFtdcTraderApi as bIsProductionMode=false
  });
});

describe("market-data front drop", () => {
  it("logs in again, resubscribes, and ticks resume", async () => {
    await connected();
    rig.gateway.subscribe(createSubscribeRequest("rb2601.SHFE"));
    counter.sim.setTickRate(100);
    await rig.until("ticks", () => rig.of<TickData>("eTick.").length >= 5);

    counter.sim.dropMdFront(8193, 300);
    await rig.until("md disconnect", () => rig.logs().find((l) => l.startsWith("行情服务器连接断开，原因8193 (0x2001")));
    await rig.until("md re-login", () => count("行情服务器登录成功") === 2);
    const before = rig.of<TickData>("eTick.").length;
    await rig.until("ticks after reconnect", () => rig.of<TickData>("eTick.").length >= before + 5);
  });
});
