// The REQ/REP lockstep never wedges: dropped and slow replies are recovered by resetting the socket and
// retrying once, orders are never resent, unknown requests get a clear error, concurrent calls queue, and
// a silent or restarted terminal is noticed and recovered from.
import { afterEach, describe, expect, it } from "vitest";
import { Direction, Exchange, LogLevel, OrderType, Status } from "../../src/core/constant";
import { createOrderRequest } from "../../src/core/object";
import { LockstepRequester } from "../../src/gateways/mt5/requester";
import { startMt5Simulator, type Mt5Simulator } from "../sim/mt5";
import { startMt5, waitFor, type Mt5Harness } from "./harness";

let h: Mt5Harness | undefined;
let sim: Mt5Simulator | undefined;
let requester: LockstepRequester | undefined;

afterEach(async () => {
  requester?.close();
  await h?.close();
  await sim?.stop();
  h = sim = requester = undefined;
});

const utc = (text: string) => new Date(`${text}Z`);
const warnings = (harness: Mt5Harness) => harness.seen.logs.filter((l) => l.level === LogLevel.WARNING).map((l) => l.msg);

describe("MT5 request lockstep", () => {
  it("recovers from a dropped reply: reset, retry once, and the next request still works", async () => {
    h = await startMt5();
    h.sim.server.dropNext(1);
    const bars = await h.gateway.queryBars("EURUSD.OTC", "1h", utc("2024-01-02T00:00:00"), utc("2024-01-02T03:00:00"));
    expect(bars).toHaveLength(4);
    expect(h.requestsOfType(2)).toHaveLength(2);
    await h.events.whenIdle();
    expect(warnings(h)).toContainEqual(expect.stringMatching(/did not answer history EURUSD H1 within 1 s; reset the request socket and retrying once/));
    const next = await h.gateway.queryBars("EURUSD.OTC", "d", utc("2024-01-02T00:00:00"), utc("2024-01-05T00:00:00"));
    expect(next.map((b) => b.interval)).toEqual(["d", "d", "d"]);
  });

  it("a slow reply arriving after the deadline never answers a later request", async () => {
    h = await startMt5();
    h.sim.server.slowNext(1500);
    const first = await h.gateway.queryBars("EURUSD.OTC", "1h", utc("2024-01-02T00:00:00"), utc("2024-01-02T01:00:00"));
    expect(first.map((b) => b.datetime.toISOString())).toEqual(["2024-01-02T00:00:00.000Z", "2024-01-02T01:00:00.000Z"]);
    await new Promise((resolve) => setTimeout(resolve, 600)); // the stale reply lands meanwhile, on the closed socket
    const second = await h.gateway.queryBars("EURUSD.OTC", "1h", utc("2024-01-03T00:00:00"), utc("2024-01-03T02:00:00"));
    expect(second.map((b) => b.datetime.toISOString())).toEqual(["2024-01-03T00:00:00.000Z", "2024-01-03T01:00:00.000Z", "2024-01-03T02:00:00.000Z"]);
  });

  it("two lost replies end in a clear error, and the socket is usable afterwards", async () => {
    h = await startMt5();
    h.sim.server.dropNext(2);
    await expect(h.gateway.queryBars("EURUSD.OTC", "1h", utc("2024-01-02T00:00:00"), utc("2024-01-02T03:00:00")))
      .rejects.toThrow(/the MT5 terminal did not answer history EURUSD H1 within 1 s twice at tcp:\/\/127.0.0.1:\d+/);
    const bars = await h.gateway.queryBars("EURUSD.OTC", "1h", utc("2024-01-02T00:00:00"), utc("2024-01-02T03:00:00"));
    expect(bars).toHaveLength(4);
  });

  it("never resends an order whose reply was lost; its fills still arrive", async () => {
    h = await startMt5();
    h.sim.server.dropNext(1);
    const vtOrderId = h.gateway.sendOrder(createOrderRequest({ symbol: "EURUSD", exchange: Exchange.OTC, direction: Direction.LONG, type: OrderType.MARKET, volume: 0.1 }));
    await waitFor("the fill", () => h!.seen.trades.find((t) => t.vt_orderid === vtOrderId));
    await new Promise((resolve) => setTimeout(resolve, 700)); // past the 500 ms deadline
    await h.events.whenIdle();
    expect(h.requestsOfType(4)).toHaveLength(1);
    const statuses = h.seen.orders.filter((o) => o.vt_orderid === vtOrderId).map((o) => o.status);
    expect(statuses).not.toContain(Status.REJECTED);
    expect(statuses.at(-1)).toBe(Status.ALLTRADED);
  });

  it("an order whose send is never answered and never executed ends REJECTED, saying it was not resent", async () => {
    h = await startMt5();
    await h.sim.stop();
    const vtOrderId = h.gateway.sendOrder(createOrderRequest({ symbol: "EURUSD", exchange: Exchange.OTC, direction: Direction.LONG, type: OrderType.LIMIT, volume: 0.1, price: 1.05 }));
    const rejected = await waitFor("REJECTED", () => h!.lastOrder(vtOrderId)?.status === Status.REJECTED && h!.lastOrder(vtOrderId));
    expect(rejected && rejected.status_msg).toMatch(/did not answer order .* not resent to avoid a duplicate/);
  });

  it("an empty reply (vn.py's EA, unknown type) and an error reply (ours) are clear errors that do not wedge", async () => {
    sim = await startMt5Simulator({ vnpyMode: true });
    requester = new LockstepRequester(`tcp://127.0.0.1:${sim.reqPort}`, 300, () => undefined);
    await expect(requester.request({ type: 7 } as never, { what: "request type 7", retry: true })).rejects.toThrow(/empty reply to request type 7: its EA does not serve this request/);
    expect(await requester.request({ type: 0 }, { what: "contracts", retry: true })).toMatchObject({ data: expect.any(Array) });
    requester.close();
    await sim.stop();

    sim = await startMt5Simulator();
    requester = new LockstepRequester(`tcp://127.0.0.1:${sim.reqPort}`, 300, () => undefined);
    await expect(requester.request({ type: 7 } as never, { what: "request type 7", retry: true })).rejects.toThrow(/refused request type 7: unknown request type 7/);
    expect(await requester.request({ type: 1 }, { what: "orders", retry: true })).toEqual({ type: "order", data: [] });
  });

  it("queues concurrent requests: one in flight at a time, each gets its own reply", async () => {
    sim = await startMt5Simulator();
    requester = new LockstepRequester(`tcp://127.0.0.1:${sim.reqPort}`, 1000, () => undefined);
    const symbols = ["EURUSD", "USDJPY", "GBPUSD.x", "US500", "NOPE", "EURUSD"];
    const replies = await Promise.all(symbols.map((symbol) => requester!.request({ type: 3, symbol }, { what: symbol, retry: true })));
    expect(replies.map((r) => (r as { data: { new_symbol: boolean } }).data.new_symbol)).toEqual([true, true, true, true, false, false]);
    expect(sim.server.requests.map((r) => r.symbol)).toEqual(symbols);
  });

  it("notices a silent terminal, refuses to count as connected, and resubscribes and reconciles when it is back", async () => {
    h = await startMt5();
    h.gateway.subscribe({ symbol: "EURUSD", exchange: Exchange.OTC, vt_symbol: "EURUSD.OTC" });
    await waitFor("a tick", () => h!.seen.ticks.length > 0);
    h.sim.server.pausePushes(true);
    await waitFor("connecting", () => h!.gateway.connectionState === "connecting", 3000);
    await h.events.whenIdle();
    expect(warnings(h)).toContainEqual(expect.stringMatching(/no data from the MT5 terminal for 0.8 s; orders are refused/));
    const subscribes = h.requestsOfType(3).length;
    const orderQueries = h.requestsOfType(1).length;
    h.sim.server.pausePushes(false);
    await waitFor("connected again", () => h!.gateway.isConnected);
    await waitFor("resubscribed", () => h!.requestsOfType(3).length === subscribes + 1 && h!.requestsOfType(1).length === orderQueries + 1);
  });

  it("recovers when the terminal restarts on the same ports", async () => {
    h = await startMt5();
    await h.sim.stop();
    await waitFor("connecting", () => h!.gateway.connectionState === "connecting", 3000);
    await h.sim.server.start();
    await waitFor("connected again", () => h!.gateway.isConnected, 5000);
    const bars = await h.gateway.queryBars("EURUSD.OTC", "1h", utc("2024-01-02T00:00:00"), utc("2024-01-02T01:00:00"));
    expect(bars).toHaveLength(2);
  });
});
