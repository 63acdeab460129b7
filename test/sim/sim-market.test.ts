// SIM's market: seeded, reproducible ticks with a sane 5-level book inside the daily limits, manual and
// timer-driven stepping, unknown symbols, and deterministic history bars.
import { afterEach, describe, expect, it } from "vitest";
import { EVENT_TICK } from "../../src/core/event";
import { createHistoryRequest, createSubscribeRequest, type TickData } from "../../src/core/object";
import { startSim, type Harness } from "./sim-harness";

const RB = "rb2601.SHFE";

describe("SIM market", () => {
  const open: Harness[] = [];
  afterEach(async () => { for (const h of open.splice(0)) await h.close(); });
  const start = async (...args: Parameters<typeof startSim>) => {
    const h = await startSim(...args);
    open.push(h);
    return h;
  };

  async function ticksOf(h: Harness, vtSymbol: string, steps: number): Promise<TickData[]> {
    const seen: TickData[] = [];
    h.events.register(`${EVENT_TICK}${vtSymbol}`, (event) => { seen.push(event.data); });
    await h.subscribe(vtSymbol);
    h.gateway.advance(steps);
    await h.settle();
    return seen;
  }
  const prices = (ticks: TickData[]) => ticks.map((t) => [t.last_price, t.bid_price_1, t.ask_price_1, t.bid_volume_1, t.ask_volume_1, t.volume]);

  it("gives the same ticks for the same seed and different ticks for another seed", async () => {
    const a = await ticksOf(await start({ 随机种子: 7 }), RB, 50);
    const b = await ticksOf(await start({ 随机种子: 7 }), RB, 50);
    const c = await ticksOf(await start({ 随机种子: 8 }), RB, 50);
    expect(a).toHaveLength(51); // the snapshot on subscribe, then one per step
    expect(prices(b)).toEqual(prices(a));
    expect(prices(c)).not.toEqual(prices(a));
  });

  it("keeps a symbol's ticks the same whatever else is subscribed", async () => {
    const alone = await ticksOf(await start(), RB, 30);
    const crowded = await start();
    await crowded.subscribe("cu2601.SHFE");
    await crowded.subscribe("IF2512.CFFEX");
    expect(prices(await ticksOf(crowded, RB, 30))).toEqual(prices(alone));
  });

  it("builds a 5-level book one tick wide, on the tick grid, inside the limits", async () => {
    const h = await start();
    const contract = h.oms.getContract("au2602.SHFE")!;
    const ticks = await ticksOf(h, "au2602.SHFE", 200);
    let lastVolume = -1;
    for (const t of ticks) {
      const onGrid = (p: number) => Math.abs(p / contract.pricetick - Math.round(p / contract.pricetick)) < 1e-9;
      const bids = [t.bid_price_1, t.bid_price_2, t.bid_price_3, t.bid_price_4, t.bid_price_5];
      const asks = [t.ask_price_1, t.ask_price_2, t.ask_price_3, t.ask_price_4, t.ask_price_5];
      expect(Math.round((t.ask_price_1 - t.bid_price_1) / contract.pricetick)).toBe(1);
      for (let k = 1; k < 5; k++) {
        expect(bids[k]).toBeLessThan(bids[k - 1]);
        expect(asks[k]).toBeGreaterThan(asks[k - 1]);
      }
      for (const p of [...bids, ...asks, t.last_price]) {
        expect(onGrid(p)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(t.limit_down);
        expect(p).toBeLessThanOrEqual(t.limit_up);
      }
      expect(t.bid_volume_5).toBeGreaterThan(0);
      expect(t.high_price).toBeGreaterThanOrEqual(t.last_price);
      expect(t.low_price).toBeLessThanOrEqual(t.last_price);
      expect(t.volume).toBeGreaterThan(lastVolume);
      lastVolume = t.volume;
    }
    // Limits from the pre-settlement price and SHFE gold's 9% band, rounded inwards to the 0.02 tick.
    const first = ticks[0];
    expect(first.pre_close).toBeGreaterThan(0);
    expect(first.limit_up).toBeCloseTo(Math.floor((first.pre_close * 1.09) / 0.02 + 1e-9) * 0.02, 9);
    expect(first.limit_down).toBeCloseTo(Math.ceil((first.pre_close * 0.91) / 0.02 - 1e-9) * 0.02, 9);
  });

  it("refuses to subscribe an unknown symbol with an error log and no ticks", async () => {
    const h = await start();
    h.gateway.subscribe(createSubscribeRequest("rb2699.SHFE"));
    h.gateway.advance(3);
    await h.settle();
    expect(h.oms.getAllTicks()).toEqual([]);
    const error = h.logs.find((l) => l.level === 40);
    expect(error?.msg).toContain("unknown symbol rb2699.SHFE");
  });

  it("streams ticks by itself when 行情频率 is above 0, and stops on close", async () => {
    const h = await start({ 行情频率: 50 });
    const seen: TickData[] = [];
    h.events.register(`${EVENT_TICK}${RB}`, (event) => { seen.push(event.data); });
    await h.subscribe(RB);
    while (seen.length < 5) await new Promise((resolve) => setTimeout(resolve, 20));
    await h.gateway.close();
    await h.settle();
    const count = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.length).toBe(count);
  });

  it("serves the same history bars for the same seed, consistent OHLC, ending at yesterday's settlement", async () => {
    const h = await start();
    const req = createHistoryRequest({
      symbol: "rb2601", exchange: "SHFE", interval: "1m",
      start: new Date("2025-11-20T00:00:00Z"), end: new Date("2025-11-24T00:00:00Z"),
    });
    const bars = await h.gateway.queryHistory(req);
    const again = await (await start()).gateway.queryHistory(req);
    expect(again).toEqual(bars);
    // Thursday 20th and Friday 21st day sessions: 225 one-minute bars each (09:00-10:15, 10:30-11:30, 13:30-15:00).
    expect(bars).toHaveLength(450);
    expect(bars[0].datetime.toISOString()).toBe("2025-11-20T01:00:00.000Z");
    for (const bar of bars) {
      expect(bar.high_price).toBeGreaterThanOrEqual(Math.max(bar.open_price, bar.close_price));
      expect(bar.low_price).toBeLessThanOrEqual(Math.min(bar.open_price, bar.close_price));
    }
    const tick = await h.subscribe("rb2601.SHFE");
    expect(bars[bars.length - 1].close_price).toBe(tick.pre_close);
    const weekly = createHistoryRequest({ ...req, interval: "w" });
    await expect(h.gateway.queryHistory(weekly)).rejects.toThrow(/SIM serves 1m, 1h and d bars, not w/);
  });
});
