// The one-pass historicalData decoder against frames encoded by the simulator, and its hook into @stoqey/ib.
import { describe, expect, it } from "vitest";
import { IBApi } from "@stoqey/ib";
import { decodeHistoricalData, interceptHistoricalData } from "../../src/gateways/ib/history/bars-decoder";
import { barDateFormatter } from "../sim/tws/history";
import { historicalData } from "../sim/tws/messages";
import { barsInWindow } from "../sim/tws/scenario";
import { encodeFrame } from "../sim/tws/wire";

const text = (fields: ReturnType<typeof historicalData>[number]) => encodeFrame(fields).subarray(4).toString("utf8");

describe("historicalData decoder", () => {
  it("reads intraday bars sent with formatDate 2 exactly", () => {
    const bars = barsInWindow(756733, "1 min", Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3));
    const [frame] = historicalData(193, 1000042, bars, "20240102 00:00:00 UTC", "20240103 00:00:00 UTC", barDateFormatter("1 min", 2));
    const decoded = decodeHistoricalData(text(frame));
    expect(decoded.reqId).toBe(1000042);
    expect(decoded.bars).toEqual(bars.map(({ time, open, high, low, close, volume }) => ({ time, open, high, low, close, volume })));
  });

  it("reads daily dates and turns IB's -1 volume into 0", () => {
    const [bar] = barsInWindow(8314, "1 day", Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3));
    const [frame] = historicalData(193, 7, [{ ...bar, volume: -1 }], "a", "b", barDateFormatter("1 day", 2));
    expect(decodeHistoricalData(text(frame)).bars).toEqual([{ time: Date.UTC(2024, 0, 2), open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: 0 }]);
  });

  it("attaches to @stoqey/ib 1.6.10's socket, and not at server versions that split off message 108", () => {
    const atVersion = (version: number) => {
      const api = new IBApi({ port: 1 });
      (api as unknown as { controller: { socket: { _serverVersion: number } } }).controller.socket._serverVersion = version;
      return api;
    };
    expect(interceptHistoricalData(atVersion(193), () => undefined)).toBe(true);
    expect(interceptHistoricalData(atVersion(196), () => undefined)).toBe(false);
  });
});
