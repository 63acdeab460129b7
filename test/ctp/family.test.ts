// The CTP family: settings checks, missing libraries, flavours' production mode, one flavour per process.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FLAVOURS } from "../../src/gateways/ctp";
import { SIM_SETTING, useCounter, type Rig } from "./harness";

const counter = useCounter();
const rig = (flavour: keyof typeof FLAVOURS): Rig => counter.rig(flavour);

describe("settings are checked before anything native", () => {
  it("names every missing required field with its meaning", async () => {
    const r = rig("CTP");
    await expect(r.gateway.connect({ 用户名: "000001", 密码: "", 经纪商代码: "9999", lib_dir: SIM_SETTING.lib_dir }))
      .rejects.toThrow("CTP needs 密码 (password), 交易服务器 (trade front), 行情服务器 (market-data front) in connect_ctp.json");
  });

  it("refuses non-ASCII values (CTP's id fields are single-byte)", async () => {
    const r = rig("CTP");
    await expect(r.gateway.connect({ ...SIM_SETTING, 用户名: "张三" })).rejects.toThrow("用户名 must be plain ASCII text");
  });

  it("says exactly which files to put where when the libraries are missing", async () => {
    const empty = mkdtempSync(join(tmpdir(), "no-ctp-"));
    const saved = process.env.VNTRADER_CTP_LIB_DIR;
    delete process.env.VNTRADER_CTP_LIB_DIR;
    try {
      const r = rig("CTP");
      const attempt = r.gateway.connect({ ...SIM_SETTING, lib_dir: empty });
      await expect(attempt).rejects.toThrow(/CTP needs the CTP API v6.7 libraries libthosttraderapi_se.so and libthostmduserapi_se.so/);
      await expect(attempt).rejects.toThrow(`Put both in ${join(process.env.VNTRADER_DIR!, "lib", "ctp")}`);
      await expect(attempt).rejects.toThrow(`Searched: ${empty}, `);
      await expect(attempt).rejects.toThrow(/"lib_dir": ".*build\/native\/ctp-sim"/);
    } finally {
      if (saved !== undefined) process.env.VNTRADER_CTP_LIB_DIR = saved;
    }
  });

  it("finds the libraries through VNTRADER_CTP_LIB_DIR when the setting has no folder", async () => {
    process.env.VNTRADER_CTP_LIB_DIR = SIM_SETTING.lib_dir;
    try {
      const r = rig("CTPTEST");
      await r.gateway.connect({ ...SIM_SETTING, lib_dir: "" });
      expect(r.gateway.isConnected).toBe(true);
      expect(counter.sim.lastProductionMode()).toBe(0); // CTPTEST is the evaluation build: bIsProductionMode=false
    } finally {
      delete process.env.VNTRADER_CTP_LIB_DIR;
    }
  });

  it("refuses flavours whose API has its own struct layout, saying why", async () => {
    for (const name of ["MINI", "MINITEST", "SOPT", "SOPTTEST"] as const) {
      const r = rig(name);
      await expect(r.gateway.connect(SIM_SETTING)).rejects.toThrow(`${name}'s API (${FLAVOURS[name].traderLibrary}) uses its own struct layouts`);
    }
  });
});

describe("one CTP flavour per process", () => {
  it("refuses a second flavour after the first one loaded its libraries, naming both", async () => {
    const first = rig("CTPTEST");
    await first.gateway.connect(SIM_SETTING);
    await first.close();
    const second = rig("CTP");
    await expect(second.gateway.connect(SIM_SETTING))
      .rejects.toThrow("CTP cannot be loaded: this process already loaded CTPTEST's CTP libraries");
    const same = rig("CTPTEST");
    await same.gateway.connect(SIM_SETTING); // the same flavour again is fine
    expect(same.gateway.isConnected).toBe(true);
  });

  it("lists each flavour's exchanges", () => {
    expect(FLAVOURS.CTP.exchanges).toEqual(["CFFEX", "SHFE", "CZCE", "DCE", "INE", "GFEX"]);
    expect(FLAVOURS.SOPT.exchanges).toEqual(["SZSE", "SSE"]);
    expect(FLAVOURS.TTS.exchanges).toContain("NASDAQ");
  });
});
