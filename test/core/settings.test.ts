import { mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SettingsStore, maskSecrets, resolveSettingsDir } from "../../src/settings";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "vntrader-settings-"));
}

describe("resolveSettingsDir", () => {
  it("prefers the working directory's .vntrader, else the home folder's, and the env var over both", () => {
    const cwd = tempDir();
    expect(resolveSettingsDir({}, cwd)).not.toBe(join(cwd, ".vntrader"));
    mkdirSync(join(cwd, ".vntrader"));
    expect(resolveSettingsDir({}, cwd)).toBe(join(cwd, ".vntrader"));
    expect(resolveSettingsDir({ VNTRADER_DIR: "/elsewhere/.vntrader" }, cwd)).toBe("/elsewhere/.vntrader");
  });
});

describe("SettingsStore", () => {
  it("reads a vn.py connect file with Chinese keys unchanged", () => {
    const dir = tempDir();
    const vnpy = { "用户名": "123456", "密码": "secret-pass", "经纪商代码": "9999", "交易服务器": "180.168.146.187:10201", "柜台环境": "实盘" };
    writeFileSync(join(dir, "connect_ctp.json"), JSON.stringify(vnpy, null, 4), "utf8");
    expect(new SettingsStore(dir).load(SettingsStore.connectFile("CTP"))).toEqual(vnpy);
  });

  it("writes owner-only, indent 4, non-ASCII kept", () => {
    const dir = join(tempDir(), ".vntrader");
    const store = new SettingsStore(dir);
    store.save("connect_ctp.json", { "用户名": "123456" });
    const path = join(dir, "connect_ctp.json");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, "utf8")).toBe('{\n    "用户名": "123456"\n}\n');
    expect(store.isReadableByOthers("connect_ctp.json")).toBe(false);
  });

  it("reports a corrupt file with its path and never overwrites it", () => {
    const dir = tempDir();
    const path = join(dir, "connect_ctp.json");
    writeFileSync(path, "{ not json", "utf8");
    const store = new SettingsStore(dir);
    expect(() => store.load("connect_ctp.json")).toThrow(/connect_ctp\.json is not valid JSON.*left untouched/);
    expect(() => store.save("connect_ctp.json", { a: 1 })).toThrow(/not valid JSON/);
    expect(readFileSync(path, "utf8")).toBe("{ not json");
  });

  it("refuses a file that is JSON but not an object", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "x.json"), "[1,2]", "utf8");
    expect(() => new SettingsStore(dir).load("x.json")).toThrow(/one JSON object/);
  });

  it("reads a missing file as empty", () => {
    expect(new SettingsStore(tempDir()).load("connect_sim.json")).toEqual({});
  });
});

describe("maskSecrets", () => {
  it("masks passwords and auth codes by key, in Chinese and English, and named extra keys", () => {
    const masked = maskSecrets({ "用户名": "u", "密码": "p", "授权编码": "a", "交易密码": "t", password: "x", Key: "k", "端口": 1 }, ["Key"]);
    expect(masked).toEqual({ "用户名": "u", "密码": "******", "授权编码": "******", "交易密码": "******", password: "******", Key: "******", "端口": 1 });
  });
});
