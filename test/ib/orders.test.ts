// Orders through the engine against the TWS simulator: limit order partly filled then cancelled, market and
// stop orders, fills as trades, positions and account values, and order types IB does not take.
import { afterEach, describe, expect, it } from "vitest";
import { Direction, OrderType, Status } from "../../src/core/constant";
import { startIb, waitFor, type IbHarness } from "./harness";

const AAPL = "265598.SMART";
let h: IbHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("IB orders", () => {
  it("takes a limit order through partial fill and cancel, with one trade per execution", async () => {
    h = await startIb();
    await h.quote(AAPL);
    const [vtOrderId] = await h.engine.buy(AAPL, 10, 189);
    expect(vtOrderId).toMatch(/^IB\.\d+$/);
    const orderId = Number(vtOrderId.slice(3));
    expect(await waitFor(() => h!.sim.orders.get(orderId), "the order at TWS")).toMatchObject({ action: "BUY", quantity: 10, orderType: "LMT", lmtPrice: 189 });
    await waitFor(() => h!.lastOrder(vtOrderId)?.status === Status.NOTTRADED, "NOTTRADED");

    h.sim.fill(orderId, 4);
    await waitFor(() => h!.lastOrder(vtOrderId)?.status === Status.PARTTRADED, "PARTTRADED");
    expect(h.lastOrder(vtOrderId)).toMatchObject({ traded: 4, volume: 10 });
    const trade = await waitFor(() => h!.seen.trades[0], "a trade");
    expect(trade).toMatchObject({ vt_orderid: vtOrderId, direction: Direction.LONG, price: 189, volume: 4, vt_symbol: AAPL });
    expect(trade.datetime?.toISOString()).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    h.engine.cancelOrder(vtOrderId);
    await waitFor(() => h!.lastOrder(vtOrderId)?.status === Status.CANCELLED, "CANCELLED");
    expect(h.lastOrder(vtOrderId)?.traded).toBe(4);
    expect(h.seen.trades).toHaveLength(1);
  });

  it("fills a market order at the ask and a marketable limit at once", async () => {
    h = await startIb();
    await h.quote(AAPL);
    const [market] = await h.engine.buy(AAPL, 5, undefined, OrderType.MARKET);
    await waitFor(() => h!.lastOrder(market)?.status === Status.ALLTRADED, "ALLTRADED");
    expect(h.seen.trades.at(-1)).toMatchObject({ price: 190.26, volume: 5 });
    const [sell] = await h.engine.sell(AAPL, 2, 190);
    await waitFor(() => h!.lastOrder(sell)?.status === Status.ALLTRADED, "sell ALLTRADED");
    expect(h.seen.trades.at(-1)).toMatchObject({ direction: Direction.SHORT, price: 190.24, volume: 2 });
  });

  it("sends a stop order with its trigger price as IB's aux price", async () => {
    h = await startIb();
    await h.quote(AAPL);
    const [stop] = await h.engine.sendOrder({ vt_symbol: AAPL, direction: Direction.SHORT, volume: 3, price: 185, type: OrderType.STOP });
    await waitFor(() => h!.lastOrder(stop)?.status === Status.NOTTRADED, "PreSubmitted stop");
    expect(h.sim.orders.get(Number(stop.slice(3)))).toMatchObject({ orderType: "STP", auxPrice: 185, lmtPrice: undefined });
  });

  it("refuses order types IB does not take before sending", async () => {
    h = await startIb();
    await h.quote(AAPL);
    await expect(h.engine.sendOrder({ vt_symbol: AAPL, direction: Direction.LONG, volume: 1, price: 189, type: OrderType.FAK }))
      .rejects.toThrow(/IB takes LIMIT, MARKET, STOP orders, not FAK; nothing was sent/);
    expect(h.sim.orders.size).toBe(0);
  });

  it("pushes NET positions at average cost and account values per currency", async () => {
    h = await startIb();
    await h.quote(AAPL);
    await h.engine.buy(AAPL, 10, undefined, OrderType.MARKET);
    const position = await waitFor(() => h!.engine.getPosition(`IB.${AAPL}.NET`), "a position");
    expect(position).toMatchObject({ direction: Direction.NET, volume: 10, price: 190.26 });
    const account = await waitFor(() => h!.engine.getAccount("IB.DU1234567.USD"), "the account");
    expect(account.balance).toBeGreaterThan(0);
    expect(account.available).toBeLessThan(account.balance);
    expect(account.frozen).toBeGreaterThan(0);
  });

  it("marks an order IB rejects (201) REJECTED with IB's reason", async () => {
    h = await startIb();
    await h.quote(AAPL);
    h.sim.orderRejections.push("YOUR ORDER IS NOT ACCEPTED. IN ORDER TO OBTAIN THE DESIRED POSITION YOUR EQUITY WITH LOAN VALUE MUST EXCEED");
    const [vtOrderId] = await h.engine.buy(AAPL, 10, 189);
    const rejected = await waitFor(() => h!.lastOrder(vtOrderId)?.status === Status.REJECTED && h!.lastOrder(vtOrderId), "REJECTED");
    expect(rejected.status_msg).toMatch(/IB rejected the order \(IB 201: Order rejected - reason:YOUR ORDER IS NOT ACCEPTED/);
  });

  it("logs a cancel IB refuses (10148) and leaves the filled order as it is", async () => {
    h = await startIb();
    await h.quote("ES-202512-USD-FUT.GLOBEX");
    const [vtOrderId] = await h.engine.buy("ES-202512-USD-FUT.GLOBEX", 1, 6000.25);
    await waitFor(() => h!.lastOrder(vtOrderId)?.status === Status.ALLTRADED, "filled");
    h.gateway.cancelOrder({ orderid: vtOrderId.slice(3), symbol: "ES-202512-USD-FUT", exchange: "GLOBEX", vt_symbol: "ES-202512-USD-FUT.GLOBEX" });
    await waitFor(() => /could not cancel the order \(IB 10148/.test(h!.logText()), "the 10148 log line");
    expect(h.lastOrder(vtOrderId)?.status).toBe(Status.ALLTRADED);
  });
});
