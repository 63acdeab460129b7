// MT5 gateway against the simulated terminal over real zeromq sockets: contracts, ticks, orders with fills
// and cancels, rejections, account and net positions.
import { afterEach, describe, expect, it } from "vitest";
import { Direction, Exchange, OrderType, Product, Status } from "../../src/core/constant";
import { createOrderRequest, type OrderRequest } from "../../src/core/object";
import { Mt5Gateway } from "../../src/gateways/mt5";
import { startMt5, waitFor, type Mt5Harness } from "./harness";

let h: Mt5Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

function order(symbol: string, direction: Direction, type: OrderType, volume: number, price = 0): OrderRequest {
  return createOrderRequest({ symbol, exchange: Exchange.OTC, direction, type, volume, price });
}

describe("MT5 gateway", () => {
  it("lists every terminal symbol as an OTC contract, dots written as dashes", async () => {
    h = await startMt5();
    const bySymbol = new Map(h.seen.contracts.map((c) => [c.vt_symbol, c]));
    expect([...bySymbol.keys()].sort()).toEqual(["EURUSD.OTC", "GBPUSD-x.OTC", "US500.OTC", "USDJPY.OTC"]);
    const eurusd = bySymbol.get("EURUSD.OTC")!;
    expect(eurusd).toMatchObject({
      product: Product.FOREX, size: 100000, pricetick: 0.00001, min_volume: 0.01, net_position: true, history_data: true,
      name: "Euro vs US Dollar", gateway_name: "MT5",
    });
    expect(bySymbol.get("USDJPY.OTC")!.pricetick).toBe(0.001);
    expect(bySymbol.get("US500.OTC")).toMatchObject({ product: Product.CFD, size: 1, pricetick: 0.1, min_volume: 0.1 });
  });

  it("streams ticks for subscribed symbols: last deal price when there is one, else the mid", async () => {
    h = await startMt5();
    h.gateway.subscribe({ symbol: "GBPUSD-x", exchange: Exchange.OTC, vt_symbol: "GBPUSD-x.OTC" });
    h.gateway.subscribe({ symbol: "US500", exchange: Exchange.OTC, vt_symbol: "US500.OTC" });
    const fx = await waitFor("a GBPUSD-x tick", () => h!.seen.ticks.find((t) => t.vt_symbol === "GBPUSD-x.OTC"));
    const cfd = await waitFor("a US500 tick", () => h!.seen.ticks.find((t) => t.vt_symbol === "US500.OTC"));
    expect(h.requestsOfType(3).map((r) => r.symbol)).toEqual(["GBPUSD.x", "US500"]);
    expect(fx.bid_price_1).toBe(1.27);
    expect(fx.ask_price_1).toBe(1.27008);
    expect(fx.last_price).toBeCloseTo(1.27004, 10);
    expect(cfd.last_price).toBe(4700); // the last deal, not the mid 4700.25 (vn.py always took the mid)
    expect((cfd.bid_price_1 + cfd.ask_price_1) / 2).toBe(4700.25);
    expect(Math.abs(fx.datetime.getTime() - Date.now())).toBeLessThan(3000); // server time converted back from UTC+2
  });

  it("fills a market buy at the ask and reports trade, order, net position and account", async () => {
    h = await startMt5();
    const vtOrderId = h.gateway.sendOrder(order("EURUSD", Direction.LONG, OrderType.MARKET, 0.1));
    expect(h.lastOrder(vtOrderId)).toBeUndefined(); // pushed through the event engine
    const trade = await waitFor("the fill", () => h!.seen.trades.find((t) => t.vt_orderid === vtOrderId));
    expect(trade).toMatchObject({ price: 1.1001, volume: 0.1, direction: Direction.LONG, vt_symbol: "EURUSD.OTC" });
    await waitFor("ALLTRADED", () => h!.lastOrder(vtOrderId)?.status === Status.ALLTRADED);
    expect(h.lastOrder(vtOrderId)).toMatchObject({ traded: 0.1, volume: 0.1, type: OrderType.MARKET });
    const sent = h.requestsOfType(4);
    expect(sent).toEqual([{ type: 4, symbol: "EURUSD", cmd: 0, price: 0, volume: 0.1, comment: vtOrderId.slice(4) }]);
    const position = await waitFor("the position", () => h!.seen.positions.find((p) => p.vt_symbol === "EURUSD.OTC" && p.volume !== 0));
    expect(position).toMatchObject({ direction: Direction.NET, volume: 0.1, price: 1.1001 });
    const account = await waitFor("the account", () => h!.seen.accounts.at(-1));
    expect(account).toMatchObject({ accountid: "5001234", vt_accountid: "MT5.5001234" });
    expect(account.frozen).toBeCloseTo(110.01, 2); // margin: 0.1 lot x 100000 x 1.1001 / 100
  });

  it("closing the position pushes it flat once it vanishes from the terminal's list", async () => {
    h = await startMt5();
    h.gateway.sendOrder(order("EURUSD", Direction.SHORT, OrderType.MARKET, 0.2));
    await waitFor("a short position", () => h!.seen.positions.find((p) => p.volume === -0.2));
    h.gateway.sendOrder(order("EURUSD", Direction.LONG, OrderType.MARKET, 0.2));
    const flat = await waitFor("a flat position", () => {
      const last = h!.seen.positions.filter((p) => p.vt_symbol === "EURUSD.OTC").at(-1);
      return last?.volume === 0 ? last : undefined;
    });
    expect(flat.vt_positionid).toBe("MT5.EURUSD.OTC.NET");
  });

  it("rests a limit order, fills it when the quote crosses, and cancels another", async () => {
    h = await startMt5();
    const resting = h.gateway.sendOrder(order("USDJPY", Direction.LONG, OrderType.LIMIT, 1, 144.5));
    const other = h.gateway.sendOrder(order("USDJPY", Direction.SHORT, OrderType.LIMIT, 1, 146));
    await waitFor("both working", () => h!.lastOrder(resting)?.status === Status.NOTTRADED && h!.lastOrder(other)?.status === Status.NOTTRADED);
    expect(h.requestsOfType(4).map((r) => r.cmd)).toEqual([2, 3]);

    h.sim.server.market.setBid("USDJPY", 144.4); // ask 144.412 <= 144.5
    const fill = await waitFor("the limit fill", () => h!.seen.trades.find((t) => t.vt_orderid === resting));
    expect(fill).toMatchObject({ price: 144.5, volume: 1 });
    await waitFor("ALLTRADED", () => h!.lastOrder(resting)?.status === Status.ALLTRADED);

    h.gateway.cancelOrder({ orderid: other.slice(4), symbol: "USDJPY", exchange: Exchange.OTC, vt_symbol: "USDJPY.OTC" });
    await waitFor("CANCELLED", () => h!.lastOrder(other)?.status === Status.CANCELLED);
    expect(h.requestsOfType(5)).toHaveLength(1);
    expect(h.seen.trades.filter((t) => t.vt_orderid === other)).toEqual([]);
  });

  it("a stop order triggers on the quote", async () => {
    h = await startMt5();
    const stop = h.gateway.sendOrder(order("EURUSD", Direction.SHORT, OrderType.STOP, 0.5, 1.095));
    await waitFor("working", () => h!.lastOrder(stop)?.status === Status.NOTTRADED);
    expect(h.requestsOfType(4)[0]).toMatchObject({ cmd: 5, price: 1.095 });
    h.sim.server.market.setBid("EURUSD", 1.0949);
    const fill = await waitFor("the stop fill", () => h!.seen.trades.find((t) => t.vt_orderid === stop));
    expect(fill).toMatchObject({ price: 1.0949, direction: Direction.SHORT });
  });

  it("market closed (retcode 10018) ends the order REJECTED with the reason", async () => {
    h = await startMt5();
    h.sim.server.market.closedMarkets.add("EURUSD");
    const vtOrderId = h.gateway.sendOrder(order("EURUSD", Direction.LONG, OrderType.MARKET, 0.1));
    const rejected = await waitFor("REJECTED", () => {
      const last = h!.lastOrder(vtOrderId);
      return last?.status === Status.REJECTED ? last : undefined;
    });
    expect(rejected.status_msg).toContain("market is closed");
    expect(rejected.status_msg).toContain("10018");
  });

  it("a send the terminal refuses at once (bad volume) is REJECTED with its retcode", async () => {
    h = await startMt5();
    const vtOrderId = h.gateway.sendOrder(order("US500", Direction.LONG, OrderType.MARKET, 0.05));
    const rejected = await waitFor("REJECTED", () => h!.lastOrder(vtOrderId)?.status === Status.REJECTED && h!.lastOrder(vtOrderId));
    expect(rejected && rejected.status_msg).toContain("invalid request (retcode 10013");
  });

  it("refuses FAK, FOK and unknown symbols before anything is sent", async () => {
    h = await startMt5();
    expect(() => h!.gateway.sendOrder(order("EURUSD", Direction.LONG, OrderType.FAK, 0.1, 1.1))).toThrow(/MT5 takes MARKET, LIMIT and STOP orders; FAK/);
    expect(() => h!.gateway.sendOrder(order("EURUSD", Direction.LONG, OrderType.FOK, 0.1, 1.1))).toThrow(/FOK is not available/);
    expect(() => h!.gateway.sendOrder(order("EURGBP", Direction.LONG, OrderType.MARKET, 0.1))).toThrow(/MT5 does not list EURGBP.OTC/);
    expect(() => h!.gateway.subscribe({ symbol: "EURGBP", exchange: Exchange.OTC, vt_symbol: "EURGBP.OTC" })).toThrow(/does not list/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.requestsOfType(4)).toEqual([]);
    expect(h.requestsOfType(3)).toEqual([]);
    expect(h.seen.orders).toEqual([]);
  });

  it("adopts working orders found at login (placed in the terminal or by an earlier session)", async () => {
    h = await startMt5();
    const placed = h.gateway.sendOrder(order("EURUSD", Direction.LONG, OrderType.LIMIT, 0.3, 1.05));
    await waitFor("working", () => h!.lastOrder(placed)?.status === Status.NOTTRADED);
    await h.gateway.close();
    const before = h.seen.orders.length;
    await h.gateway.connect({ 通讯地址: "127.0.0.1", 请求端口: String(h.sim.reqPort), 订阅端口: String(h.sim.subPort), 服务器时区: "UTC+2" });
    await h.events.whenIdle();
    const adopted = h.seen.orders.slice(before);
    expect(adopted).toHaveLength(1);
    expect(adopted[0]).toMatchObject({ vt_orderid: placed, status: Status.NOTTRADED, price: 1.05, volume: 0.3, direction: Direction.LONG, type: OrderType.LIMIT });
  });

  it("refuses a bad port or time zone setting by name, before connecting", async () => {
    h = await startMt5();
    const other = new Mt5Gateway(h.events, "MT5B");
    await expect(other.connect({ 通讯地址: "127.0.0.1", 请求端口: "68x8", 订阅端口: "8666" })).rejects.toThrow(/请求端口 must be a port number/);
    await expect(other.connect({ 请求端口: String(h.sim.reqPort), 订阅端口: String(h.sim.subPort), 服务器时区: "Mars/Olympus" })).rejects.toThrow(/服务器时区 \(server time zone\) "Mars\/Olympus" is not a time zone/);
    expect(h.requestsOfType(0)).toHaveLength(1); // only the harness's own login
  });

  it("says plainly when no terminal answers", async () => {
    h = await startMt5();
    const port = h.sim.reqPort;
    await h.sim.stop();
    const other = new Mt5Gateway(h.events, "MT5C", { requestTimeoutMs: 200 });
    await expect(other.connect({ 通讯地址: "127.0.0.1", 请求端口: String(port), 订阅端口: String(h.sim.subPort) }))
      .rejects.toThrow(/did not answer the contract list within 0.2 s twice .*vntrader_server EA/);
    expect(other.connectionState).toBe("disconnected");
  });
});
