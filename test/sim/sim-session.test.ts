// A SIM trading session end to end: open, partial fill, cancel, close today's and yesterday's lots, with
// balance, margin, frozen funds, commission and P&L checked exactly against figures computed here from
// the products' published terms (multiplier, margin ratio, fee schedule).
import { afterEach, describe, expect, it } from "vitest";
import { Direction, Offset, OrderType } from "../../src/core/constant";
import { cancelRequestOf } from "../../src/core/object";
import { cents, expectedSweep, levels, startSim, type Harness } from "./sim-harness";

const { LONG, SHORT } = Direction;
const CAPITAL = 1_000_000;

/** The books of one product as a test keeps them: lots and their cost (Σ price × lots) by age. */
class Ledger {
  td = { volume: 0, cost: 0 };
  yd = { volume: 0, cost: 0 };
  constructor(readonly size: number, readonly marginRatio: number) {}
  get volume() { return this.td.volume + this.yd.volume; }
  get cost() { return this.td.cost + this.yd.cost; }
  margin() { return this.cost * this.size * this.marginRatio; }
  floating(last: number) { return (last * this.volume - this.cost) * this.size; }
  /** Closes lots of one age at `price`; returns the realized P&L of a long position. */
  close(age: "td" | "yd", price: number, volume: number): number {
    const lot = this[age];
    const costClosed = lot.volume === volume ? lot.cost : (lot.cost / lot.volume) * volume;
    lot.volume -= volume;
    lot.cost -= costClosed;
    return (price * volume - costClosed) * this.size;
  }
}

function expectedFigures(ledgers: Array<[Ledger, number]>, realized: number, commission: number, frozen = 0) {
  const margin = ledgers.reduce((sum, [ledger]) => sum + ledger.margin(), 0);
  const floating = ledgers.reduce((sum, [ledger, last]) => sum + ledger.floating(last), 0);
  const balance = CAPITAL + realized + floating - commission;
  return {
    balance: cents(balance), margin: cents(margin), frozen: cents(frozen), available: cents(balance - margin - frozen),
    commission: cents(commission), realizedPnl: cents(realized), floatingPnl: cents(floating),
  };
}

describe("SIM session accounting", () => {
  let h: Harness | undefined;
  afterEach(async () => { await h?.close(); h = undefined; });

  async function step(vtSymbol: string) {
    h!.gateway.advance(1);
    await h!.settle();
    return h!.tick(vtSymbol);
  }

  it("opens with a partial fill, cancels the rest, closes today's then yesterday's rb lots, to the cent", async () => {
    // rb (SHFE): 10 t per lot, 7% margin, commission 0.01% of value to open, close and close today.
    const RB = "rb2601.SHFE";
    const fee = (price: number, volume: number) => cents(0.0001 * price * 10 * volume);
    h = await startSim({}, { yesterdayPositions: [{ vt_symbol: RB, direction: LONG, volume: 4, price: 3050 }] });
    await h.subscribe(RB);
    const rb = new Ledger(10, 0.07);
    rb.yd = { volume: 4, cost: 4 * 3050 };
    let realized = 0;
    let commission = 0;
    const figures = () => h!.gateway.accountFigures();

    // 1. Buy through two ask levels with 6 lots more than they hold: the rest waits on the book.
    const book0 = await step(RB);
    const asks = levels(book0, LONG);
    const open = await h.send({ vt_symbol: RB, direction: LONG, offset: Offset.OPEN, volume: asks[0][1] + asks[1][1] + 6, price: asks[1][0] });
    expect(h.tradesOf(open)).toEqual([asks[0], asks[1]]);
    for (const [price, volume] of [asks[0], asks[1]]) {
      rb.td.volume += volume;
      rb.td.cost += price * volume;
      commission += fee(price, volume);
    }
    const frozen = 6 * asks[1][0] * 10 * 0.07 + fee(asks[1][0], 6);
    expect(figures()).toEqual(expectedFigures([[rb, book0.last_price]], realized, commission, frozen));
    const account = h.oms.getAccount("SIM.SIM001")!;
    expect(account).toMatchObject({ balance: figures().balance, frozen: cents(frozen), available: figures().available });

    // 2. Cancel the rest: its margin and commission are no longer frozen; what traded stays.
    h.gateway.cancelOrder(cancelRequestOf(h.oms.getOrder(open)!));
    await h.settle();
    expect(h.oms.getOrder(open)).toMatchObject({ status: "CANCELLED", traded: rb.td.volume });
    expect(figures()).toEqual(expectedFigures([[rb, book0.last_price]], realized, commission));
    expect(h.oms.getPositionBySymbol(RB, LONG)).toMatchObject({ volume: 4 + rb.td.volume, yd_volume: 4 });

    // 3. Close part of today's lots at the best bid (FAK), at the close-today fee.
    const book1 = await step(RB);
    const bestBid = levels(book1, SHORT)[0];
    const closeToday = Math.min(rb.td.volume - 1, bestBid[1]);
    const ct = await h.send({ vt_symbol: RB, direction: SHORT, offset: Offset.CLOSETODAY, volume: closeToday, price: bestBid[0], type: OrderType.FAK });
    expect(h.tradesOf(ct)).toEqual([[bestBid[0], closeToday]]);
    realized += rb.close("td", bestBid[0], closeToday);
    commission += fee(bestBid[0], closeToday);
    expect(figures()).toEqual(expectedFigures([[rb, book1.last_price]], realized, commission));

    // 4. Close all of yesterday's lots with CLOSE (on SHFE that means yesterday's), sweeping the bids.
    const book2 = await step(RB);
    const sweep = expectedSweep(book2, SHORT, 4, book2.limit_down);
    const cy = await h.send({ vt_symbol: RB, direction: SHORT, offset: Offset.CLOSE, volume: 4, price: book2.limit_down });
    expect(h.tradesOf(cy)).toEqual(sweep);
    for (const [price, volume] of sweep) {
      realized += rb.close("yd", price, volume);
      commission += fee(price, volume);
    }
    expect(h.oms.getOrder(cy)?.status).toBe("ALLTRADED");
    expect(figures()).toEqual(expectedFigures([[rb, book2.last_price]], realized, commission));
    expect(h.oms.getPositionBySymbol(RB, LONG)).toMatchObject({
      volume: rb.td.volume, yd_volume: 0, frozen: 0, price: rb.cost / rb.volume, pnl: cents(rb.floating(book2.last_price)),
    });
    h.gateway.queryAccount();
    await h.settle();
    expect(h.oms.getAccount("SIM.SIM001")).toMatchObject({ balance: figures().balance, frozen: 0, available: figures().available });
  });

  it("closes yesterday's lots first on CZCE and today's first on CFFEX, charging each age its fee", async () => {
    // MA (CZCE): 10 t, 8% margin, 2 CNY per lot to open or close, 6 to close today.
    // IF (CFFEX): 300 per point, 12% margin, 0.0023% of value to open or close, 0.023% to close today.
    const MA = "MA601.CZCE";
    const IF = "IF2512.CFFEX";
    h = await startSim({}, {
      yesterdayPositions: [
        { vt_symbol: MA, direction: LONG, volume: 2, price: 2080 },
        { vt_symbol: IF, direction: LONG, volume: 1, price: 4500 },
      ],
    });
    const ma = new Ledger(10, 0.08);
    ma.yd = { volume: 2, cost: 2 * 2080 };
    const ifx = new Ledger(300, 0.12);
    ifx.yd = { volume: 1, cost: 4500 };
    await h.subscribe(MA);
    await h.subscribe(IF);
    let realized = 0;
    let commission = 0;

    // Open one lot of each today at the best ask.
    const maAsk = levels(h.tick(MA), LONG)[0];
    const ifAsk = levels(h.tick(IF), LONG)[0];
    await h.send({ vt_symbol: MA, direction: LONG, offset: Offset.OPEN, volume: 1, price: maAsk[0] });
    await h.send({ vt_symbol: IF, direction: LONG, offset: Offset.OPEN, volume: 1, price: ifAsk[0] });
    ma.td = { volume: 1, cost: maAsk[0] };
    ifx.td = { volume: 1, cost: ifAsk[0] };
    commission += 2 + cents(0.000023 * ifAsk[0] * 300);

    // CLOSE 2 MA: CZCE takes the two yesterday lots (2 CNY each), today's lot stays.
    h.gateway.advance(1);
    await h.settle();
    const maBook = h.tick(MA);
    const maSweep = expectedSweep(maBook, SHORT, 2, maBook.limit_down);
    const maClose = await h.send({ vt_symbol: MA, direction: SHORT, offset: Offset.CLOSE, volume: 2, price: maBook.limit_down });
    expect(h.tradesOf(maClose)).toEqual(maSweep);
    for (const [price, volume] of maSweep) {
      realized += ma.close("yd", price, volume);
      commission += 2 * volume;
    }
    expect(h.oms.getPositionBySymbol(MA, LONG)).toMatchObject({ volume: 1, yd_volume: 0 });

    // CLOSE 1 IF: CFFEX takes today's lot first, at the close-today fee; yesterday's stays.
    const ifBook = h.tick(IF);
    const ifBid = levels(ifBook, SHORT)[0];
    const ifClose = await h.send({ vt_symbol: IF, direction: SHORT, offset: Offset.CLOSE, volume: 1, price: ifBid[0] });
    expect(h.tradesOf(ifClose)).toEqual([[ifBid[0], 1]]);
    realized += ifx.close("td", ifBid[0], 1);
    commission += cents(0.00023 * ifBid[0] * 300);
    expect(h.oms.getPositionBySymbol(IF, LONG)).toMatchObject({ volume: 1, yd_volume: 1, price: 4500 });

    // The last MA lot is today's: closing it now costs the 6 CNY close-today fee.
    const maBid = levels(maBook, SHORT);
    const lastMa = await h.send({ vt_symbol: MA, direction: SHORT, offset: Offset.CLOSE, volume: 1, price: maBook.limit_down, type: OrderType.FAK });
    const [[lastPrice]] = h.tradesOf(lastMa);
    expect(maBid.map(([price]) => price)).toContain(lastPrice);
    realized += ma.close("td", lastPrice, 1);
    commission += 6;

    expect(h.gateway.accountFigures()).toEqual(
      expectedFigures([[ma, h.tick(MA).last_price], [ifx, h.tick(IF).last_price]], realized, commission),
    );
    expect(h.oms.getPositionBySymbol(MA, LONG)).toMatchObject({ volume: 0, yd_volume: 0, pnl: 0 });
  });
  it("holds an option buyer's premium and a seller's premium plus strike share as margin", async () => {
    // IO (CFFEX): 100 per point, 15 CNY per lot. SSE ETF options: 10000 shares, 1.3 CNY per lot, seller 12%.
    h = await startSim();
    const IO = "IO2512-C-4550.CFFEX";
    const put = h.oms.getAllContracts().find((c) => c.name === "50ETF沽12月3000")!;
    const ioBook = await h.subscribe(IO);
    const putBook = await h.subscribe(put.vt_symbol);
    const bought = expectedSweep(ioBook, LONG, 2, ioBook.ask_price_2);
    const sold = expectedSweep(putBook, SHORT, 3, putBook.bid_price_2);
    expect(h.tradesOf(await h.send({ vt_symbol: IO, direction: LONG, offset: Offset.OPEN, volume: 2, price: ioBook.ask_price_2 }))).toEqual(bought);
    expect(h.tradesOf(await h.send({ vt_symbol: put.vt_symbol, direction: SHORT, offset: Offset.OPEN, volume: 3, price: putBook.bid_price_2 }))).toEqual(sold);
    const premium = bought.reduce((sum, [p, v]) => sum + p * v, 0);
    const received = sold.reduce((sum, [p, v]) => sum + p * v, 0);
    const margin = premium * 100 + (received + 3 * 0.12 * put.option_strike!) * 10000;
    const floating = (ioBook.last_price * 2 - premium) * 100 - (putBook.last_price * 3 - received) * 10000;
    const commission = 2 * 15 + 3 * 1.3;
    const balance = CAPITAL + floating - commission;
    expect(h.gateway.accountFigures()).toEqual({
      balance: cents(balance), margin: cents(margin), frozen: 0, available: cents(balance - margin),
      commission: cents(commission), realizedPnl: 0, floatingPnl: cents(floating),
    });
  });
});
