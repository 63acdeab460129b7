// The MT5 gateway's pure parts: server time zones, symbol and order-type tables, history planning.
import { describe, expect, it } from "vitest";
import { Direction, OrderType } from "../../src/core/constant";
import { planHistory } from "../../src/gateways/mt5/history";
import { orderCmd, orderTypeOf, symbolToMt5, symbolToVt } from "../../src/gateways/mt5/mappings";
import { TIMEFRAMES } from "../../src/gateways/mt5/timeframes";
import {
  dateToServerSeconds, formatServerTime, parseServerTime, parseServerTimeZone, serverSecondsToDate,
} from "../../src/gateways/mt5/timezone";

const at = (text: string) => Date.parse(`${text}Z`) / 1000;

describe("server time zones", () => {
  it("reads fixed offsets in the forms brokers publish", () => {
    const offsets = ["UTC", "GMT", "UTC+2", "GMT+3", "UTC-5", "UTC+05:30", "utc+0530", ""].map((z) => parseServerTimeZone(z).offsetAt(0));
    expect(offsets).toEqual([0, 0, 7200, 10800, -18000, 19800, 19800, 0]);
  });

  it("follows daylight saving for IANA names, including Etc/GMT-2 (which means UTC+2)", () => {
    const athens = parseServerTimeZone("Europe/Athens");
    expect(athens.offsetAt(at("2024-01-15T12:00:00"))).toBe(7200);
    expect(athens.offsetAt(at("2024-07-15T12:00:00"))).toBe(10800);
    expect(parseServerTimeZone("Etc/GMT-2").offsetAt(at("2024-07-15T12:00:00"))).toBe(7200);
  });

  it("converts server wall-clock time to the instant and back, on both sides of a DST change", () => {
    const athens = parseServerTimeZone("Europe/Athens");
    for (const [server, instant] of [["2024-03-30T12:00:00", "2024-03-30T10:00:00"], ["2024-04-01T00:00:00", "2024-03-31T21:00:00"]]) {
      expect(serverSecondsToDate(at(server), athens).toISOString()).toBe(`${instant}.000Z`);
      expect(dateToServerSeconds(new Date(`${instant}Z`), athens)).toBe(at(server));
    }
  });

  it("refuses what is not a zone, naming the setting", () => {
    expect(() => parseServerTimeZone("UTC+25")).toThrow(/服务器时区 \(server time zone\) "UTC\+25" is not a time zone/);
    expect(() => parseServerTimeZone("Beijing")).toThrow(/IANA name such as Europe\/Athens/);
  });

  it("writes and reads MQL5's time strings", () => {
    expect(formatServerTime(at("2024-01-02T03:04:05"))).toBe("2024.01.02 03:04:05");
    expect(parseServerTime("2024.01.02 03:04")).toBe(at("2024-01-02T03:04:00"));
    expect(parseServerTime("2024-01-02 03:04:05")).toBe(at("2024-01-02T03:04:05"));
    expect(parseServerTime("2024.01.02")).toBe(at("2024-01-02T00:00:00"));
    expect(parseServerTime("yesterday")).toBeUndefined();
  });
});

describe("MT5 tables", () => {
  it("writes MT5's dots as dashes in vt_symbol and back", () => {
    expect(symbolToVt("EURUSD.x")).toBe("EURUSD-x");
    expect(symbolToMt5("EURUSD-x")).toBe("EURUSD.x");
  });

  it("maps order types both ways and refuses what MT5 cannot take", () => {
    const cmds = [OrderType.MARKET, OrderType.LIMIT, OrderType.STOP].flatMap((t) => [orderCmd(Direction.LONG, t), orderCmd(Direction.SHORT, t)]);
    expect(cmds).toEqual([0, 1, 2, 3, 4, 5]);
    expect(cmds.map(orderTypeOf).map((o) => `${o.direction} ${o.type}`)).toEqual([
      "LONG MARKET", "SHORT MARKET", "LONG LIMIT", "SHORT LIMIT", "LONG STOP", "SHORT STOP",
    ]);
    for (const type of [OrderType.FAK, OrderType.FOK, OrderType.RFQ]) expect(() => orderCmd(Direction.LONG, type)).toThrow(/MT5 takes MARKET, LIMIT and STOP/);
  });

  it("knows every ENUM_TIMEFRAMES code", () => {
    const codes = Object.fromEntries(Object.values(TIMEFRAMES).map((t) => [t.mt5, t.code]));
    expect(codes).toEqual({
      M1: 1, M2: 2, M3: 3, M4: 4, M5: 5, M6: 6, M10: 10, M12: 12, M15: 15, M20: 20, M30: 30,
      H1: 16385, H2: 16386, H3: 16387, H4: 16388, H6: 16390, H8: 16392, H12: 16396, D1: 16408, W1: 32769, MN1: 49153,
    });
  });
});

describe("history planning", () => {
  it("covers the range in server time with adjacent, non-overlapping chunks", () => {
    const zone = parseServerTimeZone("UTC+2");
    const plan = planHistory(new Date("2024-01-01T00:00:00Z"), new Date("2024-01-01T10:00:00Z"), "1m", zone, 250);
    expect(plan.code).toBe(1);
    expect(plan.chunks.map((c) => [formatServerTime(c.from), formatServerTime(c.to)])).toEqual([
      ["2024.01.01 02:00:00", "2024.01.01 06:09:59"],
      ["2024.01.01 06:10:00", "2024.01.01 10:19:59"],
      ["2024.01.01 10:20:00", "2024.01.01 12:00:00"],
    ]);
  });
});
