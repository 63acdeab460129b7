// The bridge on its own, loaded through koffi: record queue, drop counter, request encoding, library loading rules.
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { decodeStruct, encodeStruct } from "../../src/gateways/ctp/codec";
import { CtpSession, type CallbackRecord } from "../../src/gateways/ctp/native";
import { STRUCTS } from "../../src/gateways/ctp/structs";
import { MD_LIB, TRADER_LIB, useCounter } from "./harness";

const counter = useCounter();
const open: CtpSession[] = [];

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function session(kind: "trader" | "md", records: CallbackRecord[], queueBytes?: number, library = kind === "trader" ? TRADER_LIB : MD_LIB): CtpSession {
  const flowPath = `${mkdtempSync(join(tmpdir(), "ctp-flow-"))}/`;
  const s = new CtpSession({
    kind, libraryPath: library, flowPath, productionMode: true, queueBytes,
    onRecord: (r) => records.push({ ...r, data: r.data ? Buffer.from(r.data) : undefined }),
  });
  open.push(s);
  return s;
}

const until = async (what: string, check: () => boolean, ms = 5000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe("bridge records", () => {
  it("queues the counter's callbacks with their structs, request ids and RspInfo", async () => {
    const records: CallbackRecord[] = [];
    const s = session("trader", records);
    expect(s.apiVersion).toBe("v6.7.x vntrader-sim");
    s.start("tcp://127.0.0.1:1");
    await until("front connected", () => records.some((r) => r.callback === "OnFrontConnected"));
    expect(s.request("ReqUserLogin", { UserID: "u1", Password: "p", BrokerID: "9999" }, 42)).toBe(0);
    await until("login response", () => records.some((r) => r.callback === "OnRspUserLogin"));
    const login = records.find((r) => r.callback === "OnRspUserLogin")!;
    expect(login).toMatchObject({ requestId: 42, isLast: true, error: undefined, struct: "CThostFtdcRspUserLoginField" });
    const fields = decodeStruct("CThostFtdcRspUserLoginField", login.data!, login.dataOffset);
    expect(fields).toMatchObject({ UserID: "u1", BrokerID: "9999", FrontID: 1, SystemName: "vntrader-sim" });
    expect(login.enqueuedNs).toBeGreaterThan(0);
    expect(Number(process.hrtime.bigint()) - login.enqueuedNs).toBeLessThan(5e9); // same clock as process.hrtime
  });

  it("counts records dropped when JavaScript does not drain a small queue in time", async () => {
    const records: CallbackRecord[] = [];
    const s = session("md", records, 64 * 1024);
    s.start("tcp://127.0.0.1:2");
    await until("front connected", () => records.some((r) => r.callback === "OnFrontConnected"));
    s.request("ReqUserLogin", { UserID: "u1", Password: "p", BrokerID: "9999" }, 1);
    await until("login", () => records.some((r) => r.callback === "OnRspUserLogin"));
    s.subscribeMarketData(["rb2601"]);
    await until("subscribed", () => records.some((r) => r.callback === "OnRspSubMarketData"));
    counter.sim.burst("rb2601", 2000, 0);
    // A long notebook cell: JavaScript is blocked until the counter's thread has sent the whole burst, which
    // it does without waiting for JavaScript; what does not fit the queue is counted, not blocked on.
    const deadline = Date.now() + 10_000;
    while (s.dropped + s.pending < 2000 && Date.now() < deadline) { /* busy */ }
    await until("burst drained", () => records.filter((r) => r.callback === "OnRtnDepthMarketData").length + s.dropped >= 2000);
    const ticks = records.filter((r) => r.callback === "OnRtnDepthMarketData").length;
    expect(s.dropped).toBeGreaterThan(0);
    expect(ticks + s.dropped).toBe(2000);
    // 64 KiB holds whole records only: 24-byte header + DepthMarketData, 8-byte aligned.
    const recordBytes = Math.ceil((24 + STRUCTS.CThostFtdcDepthMarketDataField.size) / 8) * 8;
    expect(ticks).toBeLessThanOrEqual(Math.floor((64 * 1024) / recordBytes) + 1);
  });
});

describe("requests are checked before the native side", () => {
  it("refuses unknown fields, over-long or non-ASCII text and non-numbers with the field's name", () => {
    expect(() => encodeStruct("CThostFtdcReqUserLoginField", { UserId: "x" })).toThrow("CThostFtdcReqUserLoginField.UserId is not a field of this struct");
    expect(() => encodeStruct("CThostFtdcReqUserLoginField", { BrokerID: "12345678901" })).toThrow("BrokerID is 11 characters; CTP allows at most 10");
    expect(() => encodeStruct("CThostFtdcReqUserLoginField", { Password: "密码" })).toThrow("Password must be printable ASCII");
    expect(() => encodeStruct("CThostFtdcInputOrderField", { VolumeTotalOriginal: 1.5 })).toThrow("VolumeTotalOriginal must be a whole number, got 1.5");
    expect(() => encodeStruct("CThostFtdcInputOrderField", { LimitPrice: Number.POSITIVE_INFINITY })).toThrow("LimitPrice must be a finite number");
    expect(() => encodeStruct("CThostFtdcInputOrderField", { Direction: "01" })).toThrow("Direction is 2 characters; CTP allows at most 1");
  });

  it("lays fields out at the measured offsets", () => {
    const buf = encodeStruct("CThostFtdcInputOrderField", { BrokerID: "9999", LimitPrice: 3500.5, VolumeTotalOriginal: 3, Direction: "1" });
    expect(buf.length).toBe(STRUCTS.CThostFtdcInputOrderField.size);
    expect(decodeStruct("CThostFtdcInputOrderField", buf)).toMatchObject({ BrokerID: "9999", LimitPrice: 3500.5, VolumeTotalOriginal: 3, Direction: "1" });
  });
});

describe("library loading", () => {
  it("names the file when a library cannot be loaded", () => {
    expect(() => session("trader", [], undefined, "/nonexistent/libthosttraderapi_se.so"))
      .toThrow("cannot load the CTP trader library /nonexistent/libthosttraderapi_se.so: file not found");
  });

  it("refuses a second, different library of the same kind in one process (CTP flavours share symbols)", () => {
    session("trader", []);
    const copy = join(mkdtempSync(join(tmpdir(), "other-flavour-")), "libthosttraderapi_se.so");
    copyFileSync(TRADER_LIB, copy);
    expect(() => session("trader", [], undefined, copy)).toThrow(/already loaded the CTP trader library .*error 4097.*Restart the kernel/);
  });
});
