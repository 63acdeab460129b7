// SIM's matching: each order type's exact fills against the book the order met, resting orders filled by
// later books at their own price, partial fill then cancel, and the status sequence a counter reports.
import { afterEach, describe, expect, it } from "vitest";
import { Direction, Offset, OrderType } from "../../src/core/constant";
import { EVENT_TICK } from "../../src/core/event";
import { cancelRequestOf, type TickData } from "../../src/core/object";
import { expectedSweep, levels, startSim, sumVolume, type Harness } from "./sim-harness";

const M = "m2601.DCE";
const { LONG, SHORT } = Direction;

describe("SIM matching", () => {
  const open: Harness[] = [];
  afterEach(async () => { for (const h of open.splice(0)) await h.close(); });

  /** A SIM with M subscribed and stepped a few times; returns it and the book orders will meet. */
  async function market(steps = 3): Promise<{ h: Harness; book: TickData }> {
    const h = await startSim();
    open.push(h);
    await h.subscribe(M);
    h.gateway.advance(steps);
    await h.settle();
    return { h, book: h.tick(M) };
  }

  it("fills a marketable LIMIT level by level at each level's price", async () => {
    const { h, book } = await market();
    const asks = levels(book, LONG);
    const volume = asks[0][1] + 1;
    const id = await h.send({ vt_symbol: M, direction: LONG, offset: Offset.OPEN, volume, price: asks[1][0] });
    expect(id).toBe("SIM.1");
    expect(h.tradesOf(id)).toEqual([[asks[0][0], asks[0][1]], [asks[1][0], 1]]);
    expect(h.statuses(id)).toEqual(["SUBMITTING", "NOTTRADED", "PARTTRADED", "ALLTRADED"]);
    expect(h.trades.map((t) => t.vt_tradeid)).toEqual(["SIM.1", "SIM.2"]);
    expect(h.oms.getOrder(id)).toMatchObject({ traded: volume, status: "ALLTRADED" });
  });

  it("rests the unfilled part of a LIMIT, then cancels it keeping what traded", async () => {
    const { h, book } = await market();
    const asks = levels(book, LONG);
    const crossing = asks[0][1] + asks[1][1];
    const id = await h.send({ vt_symbol: M, direction: LONG, offset: Offset.OPEN, volume: crossing + 7, price: asks[1][0] });
    expect(h.tradesOf(id)).toEqual([asks[0], asks[1]]);
    expect(h.oms.getOrder(id)).toMatchObject({ status: "PARTTRADED", traded: crossing });
    expect(h.oms.getAllActiveOrders().map((o) => o.vt_orderid)).toEqual([id]);

    h.gateway.cancelOrder(cancelRequestOf(h.oms.getOrder(id)!));
    await h.settle();
    expect(h.oms.getOrder(id)).toMatchObject({ status: "CANCELLED", traded: crossing, status_msg: "已撤单 / cancelled" });
    expect(h.oms.getAllActiveOrders()).toEqual([]);
    expect(h.gateway.accountFigures().frozen).toBe(0);
  });

  it("fills a resting LIMIT at its own price when later books offer through it", async () => {
    // A twin on the same seed without orders shows the book each step brings (orders never move prices).
    const { h, book } = await market();
    const twin = await market();
    const twinBooks: TickData[] = [];
    twin.h.events.register(`${EVENT_TICK}${M}`, (event) => { twinBooks.push(event.data); });
    const price = book.bid_price_1;
    const id = await h.send({ vt_symbol: M, direction: LONG, offset: Offset.OPEN, volume: 60, price });
    expect(h.statuses(id)).toEqual(["SUBMITTING", "NOTTRADED"]);

    const expected: Array<[number, number]> = [];
    let remaining = 60;
    for (let step = 0; step < 300 && remaining > 0; step++) {
      h.gateway.advance(1);
      twin.h.gateway.advance(1);
      await Promise.all([h.settle(), twin.h.settle()]);
      const available = sumVolume(levels(twinBooks[twinBooks.length - 1], LONG).filter(([p]) => p <= price));
      const take = Math.min(remaining, available);
      if (take > 0) expected.push([price, take]);
      remaining -= take;
    }
    expect(remaining).toBe(0);
    expect(h.tradesOf(id)).toEqual(expected);
    expect(h.oms.getOrder(id)?.status).toBe("ALLTRADED");
  });

  it("fills what a FAK can and cancels the rest", async () => {
    const { h, book } = await market();
    const best = levels(book, LONG)[0];
    const id = await h.send({ vt_symbol: M, direction: LONG, offset: Offset.OPEN, volume: best[1] + 5, price: best[0], type: OrderType.FAK });
    expect(h.tradesOf(id)).toEqual([best]);
    expect(h.oms.getOrder(id)).toMatchObject({ status: "CANCELLED", traded: best[1] });
    expect(h.oms.getOrder(id)?.status_msg).toContain("FAK: 5 lots found no match and were cancelled");
  });

  it("fills a FOK whole or not at all", async () => {
    const { h, book } = await market();
    const asks = levels(book, LONG);
    const within = asks[0][1] + asks[1][1];
    const tooBig = await h.send({ vt_symbol: M, direction: LONG, offset: Offset.OPEN, volume: within + 1, price: asks[1][0], type: OrderType.FOK });
    expect(h.tradesOf(tooBig)).toEqual([]);
    expect(h.oms.getOrder(tooBig)).toMatchObject({ status: "CANCELLED", traded: 0 });
    const fits = await h.send({ vt_symbol: M, direction: LONG, offset: Offset.OPEN, volume: within, price: asks[1][0], type: OrderType.FOK });
    expect(h.tradesOf(fits)).toEqual([asks[0], asks[1]]);
    expect(h.oms.getOrder(fits)?.status).toBe("ALLTRADED");
  });

  it("fills a MARKET order through the book and cancels what the 5 levels cannot fill", async () => {
    const { h, book } = await market();
    const bids = levels(book, SHORT);
    const small = await h.send({ vt_symbol: M, direction: SHORT, offset: Offset.OPEN, volume: bids[0][1] + 2, type: OrderType.MARKET });
    expect(h.tradesOf(small)).toEqual(expectedSweep(book, SHORT, bids[0][1] + 2));
    expect(h.oms.getOrder(small)?.status).toBe("ALLTRADED");

    h.gateway.advance(1);
    await h.settle();
    const next = h.tick(M);
    const depth = sumVolume(levels(next, SHORT));
    const big = await h.send({ vt_symbol: M, direction: SHORT, offset: Offset.OPEN, volume: depth + 10, type: OrderType.MARKET });
    expect(h.tradesOf(big)).toEqual(levels(next, SHORT));
    expect(h.oms.getOrder(big)).toMatchObject({ status: "CANCELLED", traded: depth });
  });

  it("sells into the bids level by level", async () => {
    const { h, book } = await market();
    const bids = levels(book, SHORT);
    const id = await h.send({ vt_symbol: M, direction: SHORT, offset: Offset.OPEN, volume: bids[0][1] + 1, price: bids[1][0] });
    expect(h.tradesOf(id)).toEqual([bids[0], [bids[1][0], 1]]);
    expect(h.oms.getPositionBySymbol(M, SHORT)?.volume).toBe(bids[0][1] + 1);
  });

  it("refuses a MARKET order on SHFE, which takes none, saying what to send instead", async () => {
    const { h } = await market();
    await h.subscribe("rb2601.SHFE");
    const id = await h.send({ vt_symbol: "rb2601.SHFE", direction: LONG, offset: Offset.OPEN, volume: 1, type: OrderType.MARKET });
    expect(h.statuses(id)).toEqual(["SUBMITTING", "REJECTED"]);
    expect(h.oms.getOrder(id)?.status_msg).toContain("SHFE does not accept market orders: send a LIMIT or FAK");
  });

  it("warns when asked to cancel an order that is no longer on the book", async () => {
    const { h, book } = await market();
    const id = await h.send({ vt_symbol: M, direction: LONG, offset: Offset.OPEN, volume: 1, price: book.ask_price_1 });
    expect(h.oms.getOrder(id)?.status).toBe("ALLTRADED");
    h.gateway.cancelOrder(cancelRequestOf(h.oms.getOrder(id)!));
    await h.settle();
    expect(h.logs.some((l) => l.level === 30 && l.msg.includes(`order ${id} is not on the book`))).toBe(true);
    expect(h.oms.getOrder(id)?.status).toBe("ALLTRADED");
  });
});
