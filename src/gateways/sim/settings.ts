// SIM's connect settings: vn.py-style Chinese keys, their defaults, and parsing with errors that say which
// key is wrong and what it takes. Missing keys take their defaults, as vn.py gateways tolerate.
import { TradingError } from "../../core/errors";
import type { GatewaySetting } from "../../core/gateway";

export const SIM_DEFAULT_SETTING = {
  /** Account id shown in AccountData (vt_accountid "SIM.SIM001"). */
  账户: "SIM001",
  /** Starting balance in CNY. */
  初始资金: 1_000_000,
  /** Ticks per second per subscribed symbol; 0 = manual (the caller steps the market with advance()). */
  行情频率: 2,
  /** Seed of the price process: the same seed gives the same ticks. */
  随机种子: 7,
} as const;

export interface SimSettings {
  readonly accountid: string;
  readonly capital: number;
  readonly tickRate: number;
  readonly seed: number;
}

/** A tick rate above this would only queue ticks faster than anything can read them. */
const MAX_TICK_RATE = 100_000;

export function parseSimSetting(setting: GatewaySetting): SimSettings {
  const accountid = String(setting["账户"] ?? SIM_DEFAULT_SETTING.账户).trim();
  if (!accountid) throw badSetting("账户", "account id", "a non-empty account id such as SIM001", setting["账户"]);
  const capital = numberOf(setting, "初始资金");
  if (!(capital > 0)) throw badSetting("初始资金", "starting balance", "a positive amount of CNY, e.g. 1000000", setting["初始资金"]);
  const tickRate = numberOf(setting, "行情频率");
  if (!(tickRate >= 0 && tickRate <= MAX_TICK_RATE)) {
    throw badSetting("行情频率", "ticks per second per symbol", `0 (manual) to ${MAX_TICK_RATE}`, setting["行情频率"]);
  }
  const seed = numberOf(setting, "随机种子");
  if (!Number.isInteger(seed)) throw badSetting("随机种子", "random seed", "a whole number, e.g. 7", setting["随机种子"]);
  return { accountid, capital, tickRate, seed };
}

function numberOf(setting: GatewaySetting, key: "初始资金" | "行情频率" | "随机种子"): number {
  const raw = setting[key] ?? SIM_DEFAULT_SETTING[key];
  if (typeof raw === "number") return raw;
  if (typeof raw === "string" && raw.trim() !== "") return Number(raw);
  return Number.NaN;
}

function badSetting(key: string, meaning: string, expected: string, got: unknown): TradingError {
  return new TradingError("BAD_SETTING", `SIM setting ${key} (${meaning}) must be ${expected}; got ${JSON.stringify(got)}`);
}
