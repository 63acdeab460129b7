// History pulls against the TWS simulator on a shared simulated clock: chunking within IB's step sizes,
// pacing by IB's rules (the simulator answers 162 on any violation), the local cache, retries and errors,
// and bad input refused before any history request is sent.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Interval } from "../../src/core/constant";
import { SimulatedClock, minimumPullSeconds } from "../../src/gateways/ib";
import { startIb, waitFor, type IbHarness } from "./harness";

const SPY = "SPY-USD-STK.SMART";
const START_OF_CLOCK = Date.UTC(2024, 6, 1);
let h: IbHarness | undefined;
let clock: SimulatedClock;

async function start(now = START_OF_CLOCK, history: Record<string, number> = {}): Promise<IbHarness> {
  clock = new SimulatedClock(now);
  // one request at a time: a simulated clock jumps while a request is on the socket otherwise, and the
  // simulator would stamp it later than the governor did
  h = await startIb({ sim: { clock: () => clock.now() }, gateway: { clock, history: { concurrency: 1, ...history } } });
  await h.engine.subscribe(SPY);
  return h;
}

const day = (text: string) => new Date(`${text}T00:00:00Z`);

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("IB history", () => {
  it("splits 1m bars into one-day requests and returns every session minute", async () => {
    await start();
    const progress: Array<[number, number]> = [];
    const bars = await h!.engine.queryHistory(SPY, Interval.MINUTE, day("2024-01-02"), day("2024-01-09"), (done, total) => progress.push([done, total]));
    expect(bars).toHaveLength(5 * 390); // Tue..Mon, 14:30-21:00 UTC
    expect(bars[0]).toMatchObject({ vt_symbol: SPY, interval: "1m", gateway_name: "IB" });
    expect(bars[0].datetime.toISOString()).toBe("2024-01-02T14:30:00.000Z");
    expect(bars.every((b, i) => i === 0 || b.datetime > bars[i - 1].datetime)).toBe(true);
    expect(bars.every((b) => b.high_price >= Math.max(b.open_price, b.close_price) && b.low_price <= Math.min(b.open_price, b.close_price))).toBe(true);
    const asked = h!.sim.stats.historyRequests;
    expect(asked).toHaveLength(7);
    expect(new Set(asked.map((r) => `${r.barSize}|${r.duration}`))).toEqual(new Set(["1 min|1 D"]));
    expect(progress.at(-1)).toEqual([7, 7]);
    expect(h!.sim.pacing.violations).toBe(0);
  });

  it("asks IB only for what the cache lacks", async () => {
    await start();
    const first = await h!.engine.queryHistory(SPY, Interval.MINUTE, day("2024-01-02"), day("2024-01-09"));
    expect(existsSync(join(h!.dir, "ib_history"))).toBe(true);
    const again = await h!.engine.queryHistory(SPY, Interval.MINUTE, day("2024-01-02"), day("2024-01-09"));
    expect(h!.sim.stats.historyRequests).toHaveLength(7);
    expect(again.map((b) => b.close_price)).toEqual(first.map((b) => b.close_price));
    await h!.engine.events.whenIdle();
    expect(h!.logText()).toMatch(/SPY-USD-STK\.SMART 1m: all 1950 bars from the local cache; nothing asked of IB/);
    const wider = await h!.engine.queryHistory(SPY, Interval.MINUTE, day("2024-01-05"), day("2024-01-12"));
    expect(h!.sim.stats.historyRequests).toHaveLength(7 + 3); // only Jan 9, 10, 11
    expect(wider).toHaveLength(5 * 390); // Fri Jan 5 .. Thu Jan 11
  });

  it("paces a long pull by IB's rules: no violation, and no faster than the rules allow", async () => {
    await start();
    const before = clock.now();
    const bars = await h!.engine.queryHistory(SPY, Interval.MINUTE, day("2024-01-01"), day("2024-03-31"));
    const requests = h!.sim.stats.historyRequests.length;
    expect(requests).toBe(90);
    expect(h!.sim.pacing.violations).toBe(0);
    const elapsedSeconds = (clock.now() - before) / 1000;
    expect(elapsedSeconds).toBeGreaterThanOrEqual(minimumPullSeconds(90));
    expect(elapsedSeconds).toBeLessThan(minimumPullSeconds(90) + 60);
    expect(bars.length).toBeGreaterThan(60 * 390);
    const times = h!.sim.stats.historyRequests.map((r) => r.at);
    for (let i = 60; i < times.length; i += 1) expect(times[i] - times[i - 60]).toBeGreaterThanOrEqual(600_000);
  });

  it("covers 1h and d with few requests", async () => {
    await start();
    const hours = await h!.engine.queryHistory(SPY, Interval.HOUR, day("2024-01-01"), day("2024-03-01"));
    expect(h!.sim.stats.historyRequests.map((r) => r.duration)).toEqual(["30 D", "30 D"]);
    expect(hours.every((b) => b.datetime.getUTCMinutes() === 30)).toBe(true);
    const days = await h!.engine.queryHistory(SPY, Interval.DAILY, day("2022-06-01"), day("2024-06-01"));
    expect(h!.sim.stats.historyRequests.slice(2).map((r) => `${r.barSize}|${r.duration}`)).toEqual(["1 day|1 Y", "1 day|1 Y", "1 day|1 D"]);
    expect(days.length).toBeGreaterThan(500);
    expect(days[0].datetime.toISOString()).toBe("2022-06-01T00:00:00.000Z");
  });

  it("stops at the last finished bar when the range reaches now", async () => {
    await start(Date.UTC(2024, 0, 3, 15, 0, 30));
    const bars = await h!.engine.queryHistory(SPY, Interval.MINUTE, day("2024-01-03"), new Date(clock.now()));
    expect(bars).toHaveLength(30); // 14:30 .. 14:59; the 15:00 bar is not finished
    expect(h!.sim.stats.historyRequests.map((r) => r.duration)).toEqual(["54000 S"]);
  });

  it("treats 'no data' as an empty, cached range (a weekend)", async () => {
    await start();
    const bars = await h!.engine.queryHistory(SPY, Interval.MINUTE, day("2024-01-06"), day("2024-01-08"));
    expect(bars).toEqual([]);
    await h!.engine.queryHistory(SPY, Interval.MINUTE, day("2024-01-06"), day("2024-01-08"));
    expect(h!.sim.stats.historyRequests).toHaveLength(2);
  });

  it("retries after a pacing violation IB reports anyway, and says so", async () => {
    await start();
    h!.sim.historyFaults.push({ code: 162, text: "Historical Market Data Service error message:Historical data request pacing violation" });
    const bars = await h!.engine.queryHistory(SPY, Interval.MINUTE, day("2024-01-02"), day("2024-01-03"));
    expect(bars).toHaveLength(390);
    expect(h!.logText()).toMatch(/IB history pacing violation \(too many requests too fast\) \(IB 162: .*\); retrying \(1 of 3\)/);
  });

  it("cancels a request TWS is slow to answer, retries, and reports the timeout", async () => {
    await start(START_OF_CLOCK, { timeoutMs: 100, retries: 1 });
    h!.sim.historyDelayMs = 400;
    const error = await h!.engine.queryHistory(SPY, Interval.DAILY, day("2024-01-01"), day("2024-02-01")).catch((e: Error) => e) as Error;
    expect(error.message).toMatch(/IB did not answer within 0\.1 s.*0 of 1 requests finished/);
    await waitFor(() => h!.sim.stats.messages.filter((id) => id === 25).length === 2, "two cancelHistoricalData (first try and retry)");
    expect(h!.logText()).toMatch(/retrying \(1 of 1\)/);
    h!.sim.historyDelayMs = 0;
    expect(await h!.engine.queryHistory(SPY, Interval.DAILY, day("2024-01-01"), day("2024-02-01"))).toHaveLength(23);
  });

  it("fails with IB's reason in plain words and keeps the finished part", async () => {
    await start();
    h!.sim.historyFaults.push({ code: 162, text: "Historical Market Data Service error message:No market data permissions for ARCA STK" });
    const error = await h!.engine.queryHistory(SPY, Interval.DAILY, day("2024-01-01"), day("2024-02-01")).catch((e: Error) => e) as Error;
    expect(error.message).toMatch(/SPY-USD-STK\.SMART: IB's history service refused the request \(IB 162: .*No market data permissions.*\)\. 0 of 1 requests finished and are cached/);
  });
});

describe("IB history: bad input is refused before anything is sent", () => {
  it("refuses an unsupported interval, a reversed range and a pull that would take hours", async () => {
    await start();
    await expect(h!.engine.queryHistory(SPY, Interval.WEEKLY, day("2024-01-01"), day("2024-02-01"))).rejects.toThrow(/IB history serves 1m, 1h, d bars; "w" is not one of them/);
    await expect(h!.engine.queryHistory(SPY, Interval.MINUTE, day("2024-02-01"), day("2024-01-01"))).rejects.toThrow(/is not after start/);
    const long = await h!.engine.queryHistory(SPY, Interval.MINUTE, day("2020-01-01"), day("2024-06-01")).catch((e: Error) => e) as Error;
    expect(long.message).toMatch(/^pulling 1m bars over 1613 days needs 1613 IB requests; IB's pacing \(60 requests per 10 minutes\) makes that at least 4 h \d+ min\. Nothing was sent\. Use a bigger bar \(1h: 54 requests, about 20 s\) or a shorter range \(at most about 720 requests\)\.$/);
    expect(h!.sim.stats.historyRequests).toHaveLength(0);
  });

  it("refuses an unknown contract after IB's lookup, without a history request", async () => {
    await start();
    await expect(h!.engine.queryHistory("NOPE-USD-STK.SMART", Interval.DAILY, day("2024-01-01"), day("2024-02-01"))).rejects.toThrow(/no security definition/);
    expect(h!.sim.stats.historyRequests).toHaveLength(0);
  });
});
