// IB's message codes in plain words: what each means, and whether it is information, a warning or an error.
import { describe, expect, it } from "vitest";
import { LogLevel } from "../../src/core/constant";
import { describeIbMessage } from "../../src/gateways/ib/messages";
import { parseIbTime, formatIbUtc } from "../../src/gateways/ib/time";

describe("IB message codes", () => {
  it.each([
    [162, "Historical Market Data Service error message:Historical data request pacing violation", "pacing", LogLevel.WARNING, /pacing violation/],
    [162, "Historical Market Data Service error message:HMDS query returned no data: SPY@SMART Trades", "no-data", LogLevel.INFO, /no bars for this period/],
    [162, "Historical Market Data Service error message:API historical data query cancelled: 7", "query-cancelled", LogLevel.WARNING, /cancelled the history request/],
    [200, "No security definition has been found for the request", "no-definition", LogLevel.ERROR, /no security definition/],
    [354, "Requested market data is not subscribed.", "not-subscribed", LogLevel.WARNING, /no live market data subscription/],
    [1100, "Connectivity between IB and TWS has been lost.", "connectivity-lost", LogLevel.WARNING, /lost its connection/],
    [1101, "restored- data lost", "restored-data-lost", LogLevel.WARNING, /resubscribing/],
    [1102, "restored- data maintained", "restored-data-kept", LogLevel.INFO, /kept/],
    [2104, "Market data farm connection is OK:usfarm", "farm-ok", LogLevel.INFO, /farm OK/],
    [2106, "HMDS data farm connection is OK:ushmds", "farm-ok", LogLevel.INFO, /historical data farm OK/],
    [2158, "Sec-def data farm connection is OK:secdefil", "farm-ok", LogLevel.INFO, /security definition farm OK/],
  ] as const)("%i %s", (code, text, kind, level, plain) => {
    const message = describeIbMessage(code, text);
    expect(message).toMatchObject({ code, kind, level });
    expect(message.text).toMatch(plain);
    expect(message.text).toContain(`(IB ${code}: ${text})`);
  });

  it("keeps unknown codes, with warnings below 2100 and info in 2100-2199", () => {
    expect(describeIbMessage(399, "Order will not be placed until RTH")).toMatchObject({ kind: "other", level: LogLevel.WARNING });
    expect(describeIbMessage(2119, "Market data farm is connecting")).toMatchObject({ kind: "other", level: LogLevel.INFO });
  });
});

describe("IB times", () => {
  it("reads epoch seconds, dates, UTC and named zones", () => {
    expect(parseIbTime("1704205800")).toBe(Date.UTC(2024, 0, 2, 14, 30));
    expect(parseIbTime("20240102")).toBe(Date.UTC(2024, 0, 2));
    expect(parseIbTime("20240102 14:30:00 UTC")).toBe(Date.UTC(2024, 0, 2, 14, 30));
    expect(parseIbTime("20240102-14:30:00")).toBe(Date.UTC(2024, 0, 2, 14, 30));
    expect(parseIbTime("20240102  09:30:00 US/Eastern")).toBe(Date.UTC(2024, 0, 2, 14, 30));
    expect(parseIbTime("20240702 09:30:00 US/Eastern")).toBe(Date.UTC(2024, 6, 2, 13, 30)); // summer time
    expect(parseIbTime("not a time")).toBeUndefined();
    expect(formatIbUtc(Date.UTC(2024, 0, 2, 14, 30))).toBe("20240102-14:30:00");
  });
});
