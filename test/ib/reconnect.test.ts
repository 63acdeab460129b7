// Connection loss: the gateway reconnects with backoff, resubscribes quotes and account updates, and
// reconciles orders and fills (a fill while disconnected arrives once; fills seen before are not repeated).
import { afterEach, describe, expect, it } from "vitest";
import { Status } from "../../src/core/constant";
import { startIb, waitFor, type IbHarness } from "./harness";

const AAPL = "265598.SMART";
let h: IbHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("IB reconnect", () => {
  it("reconnects, resubscribes and reconciles without duplicate trades", async () => {
    h = await startIb();
    await h.quote(AAPL);
    const [vtOrderId] = await h.engine.buy(AAPL, 10, 189);
    const orderId = Number(vtOrderId.slice(3));
    await waitFor(() => h!.sim.orders.get(orderId), "the order at TWS");
    h.sim.fill(orderId, 2);
    await waitFor(() => h!.seen.trades.length === 1, "the first trade");

    h.sim.dropConnections();
    await waitFor(() => /lost the connection to TWS; reconnecting in/.test(h!.logText()), "the lost-connection log line");
    h.sim.fill(orderId, 3); // while nobody listens
    await waitFor(() => /reconnected to TWS; resubscribed 1 symbol\(s\), reconciling orders and fills/.test(h!.logText()), "the reconnect");
    expect(h.gateway.isConnected).toBe(true);

    await waitFor(() => h!.lastOrder(vtOrderId)?.traded === 5, "the order reconciled to 5 traded");
    expect(h.lastOrder(vtOrderId)?.status).toBe(Status.PARTTRADED);
    await waitFor(() => h!.seen.trades.length === 2, "the missed trade");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.seen.trades.map((t) => t.volume)).toEqual([2, 3]);
    expect(new Set(h.seen.trades.map((t) => t.vt_tradeid)).size).toBe(2);

    const ticksBefore = h.seen.ticks.length;
    h.sim.setQuote(265598, { last: 192.5 });
    await waitFor(() => h!.engine.getTick(AAPL)?.last_price === 192.5, "a tick on the new connection");
    expect(h.seen.ticks.length).toBeGreaterThan(ticksBefore);

    const [next] = await h.engine.buy(AAPL, 1, 192);
    expect(Number(next.slice(3))).toBeGreaterThan(orderId);
  });

  it("keeps retrying with backoff while TWS is away", async () => {
    h = await startIb();
    const port = h.sim.port;
    await h.sim.stop();
    await waitFor(() => /reconnect failed: cannot connect to TWS at 127\.0\.0\.1/.test(h!.logText()), "a failed retry", 5000);
    expect(h.gateway.connectionState).toBe("connecting");
    await h.sim.start(port);
    await waitFor(() => h!.gateway.isConnected, "connected again", 5000);
    expect(h.logText()).toMatch(/reconnected to TWS/);
  });
});

describe("IB connectivity notices", () => {
  it("logs 1100/1102 plainly and resubscribes on 1101", async () => {
    h = await startIb();
    await h.quote(AAPL);
    const requests = () => h!.sim.stats.messages.filter((id) => id === 1).length;
    const before = requests();
    h.sim.broadcastError(1100, "Connectivity between IB and Trader Workstation has been lost.");
    h.sim.broadcastError(1101, "Connectivity between IB and TWS has been restored- data lost.");
    await waitFor(() => requests() === before + 1, "a new reqMktData after 1101");
    h.sim.broadcastError(1102, "Connectivity between IB and TWS has been restored- data maintained.");
    await waitFor(() => /subscriptions were kept \(IB 1102/.test(h!.logText()), "the 1102 line");
    expect(h.logText()).toMatch(/TWS lost its connection to IB's servers; waiting for it to come back \(IB 1100/);
    expect(h.logText()).toMatch(/subscriptions were lost; resubscribing \(IB 1101/);
  });
});
