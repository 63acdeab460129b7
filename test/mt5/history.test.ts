// MT5 history through the simulated EA: every timeframe family, server time converted with the time-zone
// setting (fixed and with daylight saving), chunked long pulls with progress, vn.py's EA reply form, and
// requests refused before anything is sent.
import { afterEach, describe, expect, it } from "vitest";
import { Exchange, Interval } from "../../src/core/constant";
import { createHistoryRequest } from "../../src/core/object";
import { priceAt } from "../sim/mt5/bars";
import { startMt5, type Mt5Harness } from "./harness";

let h: Mt5Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const utc = (text: string) => new Date(`${text}Z`);

/** Server time in the simulator's default zone, UTC+2, as the wall-clock seconds the simulator prices by. */
const serverSecondsOf = (date: Date, offsetHours = 2) => date.getTime() / 1000 + offsetHours * 3600;

describe("MT5 history", () => {
  it("H1 bars are stamped with true instants: server 02:00 in UTC+2 is 00:00 UTC", async () => {
    h = await startMt5();
    const req = createHistoryRequest({ symbol: "EURUSD", exchange: Exchange.OTC, interval: Interval.HOUR, start: utc("2024-01-02T00:00:00"), end: utc("2024-01-02T06:00:00") });
    const bars = await h.gateway.queryHistory(req);
    expect(bars.map((b) => iso(b.datetime.getTime()))).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((i) => iso(utc("2024-01-02T00:00:00").getTime() + i * HOUR)),
    );
    const eurusd = h.sim.server.market.require("EURUSD");
    expect(bars[0].open_price).toBe(priceAt(eurusd, serverSecondsOf(bars[0].datetime)));
    expect(bars[0]).toMatchObject({ vt_symbol: "EURUSD.OTC", interval: "1h", gateway_name: "MT5" });
    expect(bars[0].volume).toBeGreaterThan(0); // forex has no real volume: tick volume stands in
    const [sent] = h.requestsOfType(2);
    expect(sent).toEqual({ type: 2, symbol: "EURUSD", interval: 16385, start_time: "2024.01.02 02:00:00", end_time: "2024.01.02 08:00:00" });
  });

  it("serves every MT5 timeframe family with its ENUM_TIMEFRAMES code", async () => {
    h = await startMt5({ setting: { 服务器时区: "UTC" }, sim: { serverOffset: () => 0 } });
    const start = utc("2024-01-01T00:00:00");
    const cases = [
      { interval: "1m", code: 1, end: "2024-01-01T00:09:00", count: 10 }, // 2024-01-01 is a Monday
      { interval: "5m", code: 5, end: "2024-01-01T01:00:00", count: 13 },
      { interval: "4h", code: 16388, end: "2024-01-02T00:00:00", count: 7 },
      { interval: "d", code: 16408, end: "2024-01-12T00:00:00", count: 10 },
      { interval: "w", code: 32769, end: "2024-02-01T00:00:00", count: 4 },
      { interval: "mn", code: 49153, end: "2024-12-31T00:00:00", count: 12 },
    ] as const;
    for (const c of cases) {
      const bars = await h.gateway.queryBars("EURUSD.OTC", c.interval, start, utc(c.end));
      expect(bars, c.interval).toHaveLength(c.count);
      expect(bars.every((b) => b.interval === c.interval)).toBe(true);
    }
    expect(h.requestsOfType(2).map((r) => r.interval)).toEqual(cases.map((c) => c.code));
    const weeks = await h.gateway.queryBars("EURUSD.OTC", "w", start, utc("2024-02-01T00:00:00"));
    expect(weeks.map((b) => b.datetime.getUTCDay())).toEqual([0, 0, 0, 0]); // MT5 weeks open on Sunday
    const months = await h.gateway.queryBars("EURUSD.OTC", "mn", start, utc("2024-12-31T00:00:00"));
    expect(months.map((b) => b.datetime.getUTCDate())).toEqual(Array(12).fill(1));
  });

  it("converts with daylight saving when the zone is an IANA name (Europe/Athens: UTC+2 winter, UTC+3 summer)", async () => {
    // The simulator's clock follows EU rules on its own: summer from the last Sunday of March to that of October.
    const summer = (t: number) => t >= Date.UTC(2024, 2, 31, 1) / 1000 && t < Date.UTC(2024, 9, 27, 1) / 1000;
    h = await startMt5({ setting: { 服务器时区: "Europe/Athens" }, sim: { serverOffset: (t) => (summer(t) ? 3 : 2) * 3600 } });
    const bars = await h.gateway.queryBars("EURUSD.OTC", "d", utc("2024-03-26T00:00:00"), utc("2024-04-03T00:00:00"));
    // Daily bars open at server midnight: 22:00 UTC the day before in winter, 21:00 UTC in summer.
    expect(bars.map((b) => iso(b.datetime.getTime()))).toEqual([
      "2024-03-26T22:00:00.000Z", "2024-03-27T22:00:00.000Z", "2024-03-28T22:00:00.000Z",
      "2024-03-31T21:00:00.000Z", "2024-04-01T21:00:00.000Z", "2024-04-02T21:00:00.000Z",
    ]);
  });

  it("splits a long pull into chunks within the terminal's limit, with progress and no duplicate bars", async () => {
    h = await startMt5({ gateway: { chunkBars: 500 }, sim: { maxBarsPerRequest: 600 } });
    const progress: [number, number][] = [];
    const start = utc("2024-01-08T00:00:00");
    const end = utc("2024-01-10T23:59:00");
    const bars = await h.gateway.queryBars("EURUSD.OTC", "1m", start, end, (done, total) => progress.push([done, total]));
    const chunks = Math.ceil((end.getTime() - start.getTime()) / 60_000 / 500);
    expect(h.requestsOfType(2)).toHaveLength(chunks);
    expect(progress).toEqual(Array.from({ length: chunks }, (_, i) => [i + 1, chunks]));
    expect(bars).toHaveLength((end.getTime() - start.getTime()) / 60_000 + 1); // Mon 02:00 .. Thu 01:59 server time: all weekday
    const times = bars.map((b) => b.datetime.getTime());
    expect(times.every((t, i) => i === 0 || t - times[i - 1] === 60_000)).toBe(true);
  });

  it("reads vn.py's EA reply (minute-precision server-time strings, no timestamp)", async () => {
    h = await startMt5({ sim: { vnpyMode: true } });
    const bars = await h.gateway.queryBars("EURUSD.OTC", "15m", utc("2024-01-03T10:00:00"), utc("2024-01-03T11:00:00"));
    expect(bars.map((b) => iso(b.datetime.getTime()))).toEqual([
      "2024-01-03T10:00:00.000Z", "2024-01-03T10:15:00.000Z", "2024-01-03T10:30:00.000Z", "2024-01-03T10:45:00.000Z", "2024-01-03T11:00:00.000Z",
    ]);
    expect(bars[0].volume).toBe(0); // vn.py's EA sends real volume only, which forex does not have
  });

  it("says so when the terminal has no bars in the range (a weekend)", async () => {
    h = await startMt5();
    await expect(h.gateway.queryBars("EURUSD.OTC", "1h", utc("2024-01-06T06:00:00"), utc("2024-01-07T12:00:00")))
      .rejects.toThrow(/MT5 has no EURUSD H1 bars from 2024-01-06T06:00:00.000Z/);
  });

  it("refuses bad requests before anything is sent", async () => {
    h = await startMt5();
    const start = utc("2024-01-02T00:00:00");
    const end = utc("2024-01-03T00:00:00");
    await expect(h.gateway.queryBars("EURUSD.OTC", "1h", end, start)).rejects.toThrow(/end 2024-01-02T00:00:00.000Z is not after start/);
    await expect(h.gateway.queryBars("EURUSD.OTC", "7m" as never, start, end)).rejects.toThrow(/MT5 has no "7m" timeframe; use one of 1m, 2m/);
    await expect(h.gateway.queryHistory(createHistoryRequest({ symbol: "EURUSD", exchange: Exchange.OTC, interval: Interval.TICK, start, end })))
      .rejects.toThrow(/bars only/);
    await expect(h.gateway.queryBars("EURGBP.OTC", "1h", start, end)).rejects.toThrow(/MT5 does not list EURGBP.OTC/);
    await expect(h.gateway.queryBars("EURUSD.SMART", "1h", start, end)).rejects.toThrow(/MT5 symbols are SYMBOL.OTC/);
    await expect(h.gateway.queryBars("EURUSD.OTC", "1m", utc("1990-01-01T00:00:00"), end)).rejects.toThrow(/about 17,.* M1 bars, more than 10,000,000/);
    expect(h.requestsOfType(2)).toEqual([]);
  });
});
