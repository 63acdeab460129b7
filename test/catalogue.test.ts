// The gateway catalogue against the seed document (vn.py's gateway list) and vn.py's default_setting facts.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { isExchange, Product } from "../src/core/constant";
import {
  CATALOGUE, defaultSetting, exclusiveConflict, exclusiveConflictMessage, findGateway, type GatewayInfo,
  type PositionMode,
} from "../src/catalogue";
import { SEED_PATH, parseSeed, seedGateways, transcribedSeed } from "./catalogue-seed";

const seed = seedGateways();

function entry(name: string): GatewayInfo {
  const info = findGateway(name);
  if (!info) throw new Error(`${name} missing from the catalogue`);
  return info;
}

function field(gateway: string, key: string) {
  const found = entry(gateway).settings.find((f) => f.key === key);
  if (!found) throw new Error(`${gateway} has no setting ${key}`);
  return found;
}

/** The seed's 交易品种 in English, and the product code each one implies. */
const ASSET_CLASSES: Record<string, { en: string; product: Product }> = {
  期货: { en: "futures", product: Product.FUTURES },
  期货期权: { en: "futures options", product: Product.OPTION },
  ETF期权: { en: "ETF options", product: Product.OPTION },
  黄金TD: { en: "SGE gold T+D", product: Product.SPOT },
  A股: { en: "A-shares", product: Product.EQUITY },
  两融: { en: "margin trading", product: Product.EQUITY },
  银行间市场: { en: "interbank market", product: Product.BOND },
  港股: { en: "Hong Kong stocks", product: Product.EQUITY },
  美股: { en: "US stocks", product: Product.EQUITY },
  海外全品种: { en: "all overseas products", product: Product.FUTURES },
  外盘期货: { en: "overseas futures", product: Product.FUTURES },
  期货资管: { en: "futures asset management", product: Product.FUTURES },
};

/** vn.py's MT5 gateway marks every contract FOREX although the document says 外盘期货 (the code wins). */
const PRODUCT_EXCEPTIONS: Record<string, Product> = { MT5: Product.FOREX };

function positionModeOf(lines: readonly string[]): PositionMode {
  if (lines.length === 2) return "mixed";
  if (lines[0] === "无") return "none";
  return lines[0].includes("单向") ? "one-way" : "two-way";
}

const PASSWORD_LIKE = /密码|授权编码|授权码|密钥|^Key$/;

describe("catalogue names", () => {
  it("has SIM first, then the seed's 26 gateways in the seed's order, each name once", () => {
    const names = CATALOGUE.map((g) => g.name);
    expect(names).toEqual(["SIM", ...seed.gateways.map((g) => g.name)]);
    expect(names).toHaveLength(27);
    expect(new Set(names).size).toBe(27);
  });

  it("finds gateways whatever the case, and nothing for unknown names", () => {
    expect(findGateway("ctptest")?.name).toBe("CTPTEST");
    expect(findGateway("Comstar-Xbond")?.name).toBe("COMSTAR-XBOND");
    expect(findGateway("sim")?.displayName).toBe("SIM exchange");
    expect(findGateway("CTP2")).toBeUndefined();
  });

  it("uses the seed table's Chinese names", () => {
    for (const g of seed.gateways) expect(entry(g.name).displayNameZh, g.name).toBe(g.tableName);
    expect(entry("XTP").displayNameZh).toBe("中泰XTP");
  });
});

describe("catalogue against the seed", () => {
  it("reads the same facts from the document as the transcription holds", () => {
    // When the document is absent the tests run on the transcription alone.
    const expected = existsSync(SEED_PATH) ? parseSeed(readFileSync(SEED_PATH, "utf8")) : transcribedSeed();
    expect(transcribedSeed()).toEqual(expected);
    expect(expected).toHaveLength(26);
  });

  it.each(seed.gateways.map((g) => [g.name, g] as const))("%s has every field the seed lists", (name, g) => {
    const info = entry(name);
    for (const { key, value } of g.fields) {
      const f = info.settings.find((s) => s.key === key);
      expect(f, `${name} ${key} (from ${seed.source})`).toBeDefined();
      if (!f || value === "") continue;
      if (value.includes("、")) {
        for (const option of value.split("、")) expect(f.choices, `${name} ${key}`).toContain(option);
      } else {
        expect(String(f.default), `${name} ${key}`).toBe(value);
      }
    }
  });

  it.each(seed.gateways.map((g) => [g.name, g] as const))("%s has the seed's OS, position mode, history and assets",
    (name, g) => {
      const info = entry(name);
      expect(info.operatingSystems).toEqual(g.operatingSystems);
      expect(info.positionMode).toBe(positionModeOf(g.positionLines));
      expect(info.history).toBe(g.history === "提供");
      expect(info.assetClasses).toEqual(g.assetClasses.map((zh) => ASSET_CLASSES[zh].en));
      const implied = PRODUCT_EXCEPTIONS[name] ?? null;
      for (const zh of g.assetClasses) {
        expect(info.products, `${name} ${zh}`).toContain(implied ?? ASSET_CLASSES[zh].product);
      }
    });

  it("marks legacy only the fields the seed lists and current vn.py dropped, never required", () => {
    const legacy = CATALOGUE.flatMap((g) => g.settings.filter((f) => f.legacy).map((f) => `${g.name}.${f.key}`));
    expect(legacy.sort()).toEqual([
      "ESUNNY.交易系统", "ESUNNY.行情授权码", "SEC.密码", "SOPTTEST.产品信息", "TAP.授权码", "UFT.委托类型", "UFT.服务器类型",
    ]);
    for (const name of legacy) {
      const [gateway, key] = name.split(".");
      expect(seed.gateways.find((g) => g.name === gateway)?.fields.map((f) => f.key)).toContain(key);
      expect(field(gateway, key).required).toBeUndefined();
    }
  });
});

describe("settings", () => {
  it("keeps vn.py 6.7's CTP keys in vn.py's order, then our library folder for the bridged families", () => {
    expect(entry("CTP").settings.map((f) => f.key)).toEqual([
      "用户名", "密码", "经纪商代码", "交易服务器", "行情服务器", "产品名称", "授权编码", "柜台环境", "lib_dir",
    ]);
    expect(field("CTP", "柜台环境").choices).toEqual(["实盘", "测试"]);
    expect(entry("CTPTEST").settings.map((f) => f.key)).toHaveLength(8);
    expect(entry("MINITEST").settings.map((f) => f.key).slice(-2)).toEqual(["产品信息", "lib_dir"]);
    expect(entry("FEMAS").settings.map((f) => f.key)).not.toContain("lib_dir");
  });

  it("flags every password, auth code and key as secret, and nothing else", () => {
    for (const g of CATALOGUE) {
      for (const f of g.settings) expect(f.secret === true, `${g.name}.${f.key}`).toBe(PASSWORD_LIKE.test(f.key));
    }
    expect(field("TORASTOCK", "动态密钥").secret).toBe(true);
    expect(field("COMSTAR-QUOTE", "Key").secret).toBe(true);
    expect(field("FUTU", "密码").secret).toBe(true);
  });

  it("requires the login fields", () => {
    const required = (name: string) => entry(name).settings.filter((f) => f.required).map((f) => f.key);
    for (const name of ["CTP", "CTPTEST", "MINI", "MINITEST", "FEMAS", "SOPT", "SOPTTEST", "ROHON", "TTS"]) {
      expect(required(name), name).toEqual(["用户名", "密码", "经纪商代码", "交易服务器", "行情服务器"]);
    }
    expect(required("IB")).toEqual(["TWS地址", "TWS端口"]);
    expect(required("MT5")).toEqual(["通讯地址", "请求端口", "订阅端口"]);
    expect(required("FUTU")).toEqual(["地址", "端口"]);
    expect(required("SIM")).toEqual([]);
    for (const g of CATALOGUE.filter((g) => g.name !== "SIM")) expect(required(g.name).length, g.name).toBeGreaterThan(0);
  });

  it("types defaults as vn.py does: ints for IB/Futu/XTP/Esunny ports, strings for MT5 and GTJA ports", () => {
    const defaults = (name: string) => defaultSetting(entry(name));
    expect(defaults("IB")).toEqual({ TWS地址: "127.0.0.1", TWS端口: 7497, 客户号: 1, 交易账户: "" });
    expect(defaults("MT5")).toEqual({ 通讯地址: "localhost", 请求端口: "6888", 订阅端口: "8666", 服务器时区: "UTC" });
    expect(defaults("FUTU")).toEqual({ 密码: "", 地址: "127.0.0.1", 端口: 11111, 市场: "HK", 环境: "REAL" });
    expect(defaults("SIM")).toEqual({ 账户: "SIM001", 初始资金: 1_000_000, 行情频率: 2, 随机种子: 7 });
    expect(defaults("XTP")).toMatchObject({ 客户号: 1, 行情端口: 0, 交易端口: 0, 行情协议: "TCP", 日志级别: "FATAL" });
    expect(defaults("ESUNNY")).toMatchObject({ 行情端口: 0, 交易端口: 0 });
    expect(defaults("TAP")).toMatchObject({ 行情端口: 0, 交易端口: 0, 区域代码: "CN" });
    expect(defaults("GTJA")).toMatchObject({ 交易端口: "", 行情端口: "" });
    expect(defaults("COMSTAR-QUOTE")).toMatchObject({ routing_type: "5", valid_until_time: "18:30:00.000" });
    expect(defaults("CTP")).toMatchObject({ 用户名: "", 柜台环境: "实盘" });
    expect(field("FUTU", "市场").choices).toEqual(["HK", "US", "HK_FUTURE"]);
  });

  it("gives every list field its first choice as default and keeps keys in settings order", () => {
    for (const g of CATALOGUE) {
      const defaults = defaultSetting(g);
      expect(Object.keys(defaults)).toEqual(g.settings.map((f) => f.key));
      for (const f of g.settings) {
        if (f.choices) expect(f.default, `${g.name}.${f.key}`).toBe(f.choices[0]);
        expect(defaults[f.key], `${g.name}.${f.key}`).toBe(f.choices ? f.choices[0] : f.default);
      }
    }
  });

  it("gives every field an English label and unique keys", () => {
    for (const g of CATALOGUE) {
      expect(new Set(g.settings.map((f) => f.key)).size, g.name).toBe(g.settings.length);
      for (const f of g.settings) expect(f.label, `${g.name}.${f.key}`).toMatch(/^[A-Za-z]/);
    }
  });
});

describe("exclusive groups", () => {
  it("puts CTP, CTPTEST, ROHON (and TTS, same symbols) in one group and MINI, MINITEST in another, nothing else", () => {
    const groups: Record<string, string[]> = {};
    for (const g of CATALOGUE) if (g.exclusiveGroup) (groups[g.exclusiveGroup] ??= []).push(g.name);
    expect(groups).toEqual({ "ctp-api": ["CTP", "CTPTEST", "ROHON", "TTS"], "mini-api": ["MINI", "MINITEST"] });
  });

  it("names the loaded gateway that conflicts", () => {
    expect(exclusiveConflict("ctptest", ["SIM", "CTP"])?.name).toBe("CTP");
    expect(exclusiveConflict("ROHON", ["ctptest"])?.name).toBe("CTPTEST");
    expect(exclusiveConflict("MINITEST", ["MINI"])?.name).toBe("MINI");
    expect(exclusiveConflict("CTP", ["MINI", "MINITEST", "SIM", "SOPT"])).toBeUndefined();
    expect(exclusiveConflict("CTP", ["CTP"])).toBeUndefined();
    expect(exclusiveConflict("SIM", ["CTP", "MINI"])).toBeUndefined();
    expect(exclusiveConflict("NOPE", ["CTP"])).toBeUndefined();
  });

  it("explains the conflict in one sentence naming both, the 4097 error and the restart", () => {
    const message = exclusiveConflictMessage(entry("CTPTEST"), entry("CTP"));
    expect(message).toMatch(/^CTPTEST cannot be loaded while CTP is loaded: .*same CTP API symbols/);
    expect(message).toContain("4097");
    expect(message).toContain("restart the kernel to switch from CTP to CTPTEST.");
  });
});

describe("markets", () => {
  it("offers history only for IB, MT5 and SIM", () => {
    expect(CATALOGUE.filter((g) => g.history).map((g) => g.name)).toEqual(["SIM", "IB", "MT5"]);
  });

  it("uses only known exchanges and products, without duplicates", () => {
    const products = new Set<string>(Object.values(Product));
    for (const g of CATALOGUE) {
      expect(g.exchanges.length, g.name).toBeGreaterThan(0);
      expect(new Set(g.exchanges).size, g.name).toBe(g.exchanges.length);
      for (const x of g.exchanges) expect(isExchange(x), `${g.name} ${x}`).toBe(true);
      expect(g.products.length, g.name).toBeGreaterThan(0);
      for (const p of g.products) expect(products.has(p), `${g.name} ${p}`).toBe(true);
    }
  });

  it("lists the exchanges vn.py's code lists", () => {
    expect(entry("SIM").exchanges).toEqual(["CFFEX", "SHFE", "CZCE", "DCE", "INE", "GFEX", "SSE"]);
    expect(entry("CTP").exchanges).toEqual(["CFFEX", "SHFE", "CZCE", "DCE", "INE", "GFEX"]);
    expect(entry("MINITEST").exchanges).not.toContain("GFEX");
    expect(entry("ESUNNY").exchanges).toContain("CZCE"); // vn.py's wire code "ZCE" is the adapter's business
    expect(entry("COMSTAR-XBOND").exchanges).toEqual(["XBOND"]);
    expect(entry("COMSTAR-QUOTE").exchanges).toEqual(["CFETS"]);
    expect(entry("IB").exchanges).toHaveLength(28);
    expect(entry("IB").exchanges).toEqual(expect.arrayContaining(["EUX", "SSE", "SZSE", "OTC", "LME", "IDEALPRO"]));
    expect(entry("MT5").exchanges).toEqual(["OTC"]);
    expect(entry("FUTU").exchanges).toEqual(["SMART", "SEHK", "HKFE"]);
    expect(entry("KSGOLD").exchanges).toEqual(["SGE"]);
  });

  it("uses only the four position modes, with COMSTAR none and SEC/XTP mixed", () => {
    const modes = new Set(["two-way", "one-way", "mixed", "none"]);
    for (const g of CATALOGUE) expect(modes.has(g.positionMode), g.name).toBe(true);
    const withMode = (m: PositionMode) => CATALOGUE.filter((g) => g.positionMode === m).map((g) => g.name);
    expect(withMode("none")).toEqual(["COMSTAR-XBOND", "COMSTAR-QUOTE"]);
    expect(withMode("mixed")).toEqual(["SEC", "XTP"]);
    expect(withMode("one-way")).toEqual(["GTJA", "TORASTOCK", "FUTU", "IB", "TAP", "MT5"]);
  });

  it("says in English how to get an account", () => {
    for (const g of CATALOGUE) expect(g.account, g.name).toMatch(/^[A-Z][^。]+\.$/);
    expect(entry("SIM").account).toBe("No account needed: embedded simulated counter, the default.");
    expect(entry("CTP").account).toContain("SimNow");
  });
});
