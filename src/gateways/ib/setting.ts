// The IB settings in vn.py's keys (TWS地址, TWS端口, 客户号, 交易账户), checked and typed before connecting.
import { TradingError } from "../../core/errors";
import type { GatewaySetting } from "../../core/gateway";

export interface IbSetting {
  readonly host: string;
  readonly port: number;
  readonly clientId: number;
  readonly account: string;
}

export const IB_DEFAULT_SETTING = { "TWS地址": "127.0.0.1", "TWS端口": 7497, "客户号": 1, "交易账户": "" } as const;

export function parseSetting(setting: GatewaySetting): IbSetting {
  const host = String(setting["TWS地址"] ?? IB_DEFAULT_SETTING["TWS地址"]).trim();
  const port = Number(setting["TWS端口"] ?? IB_DEFAULT_SETTING["TWS端口"]);
  const clientId = Number(setting["客户号"] ?? IB_DEFAULT_SETTING["客户号"]);
  if (!host) throw new TradingError("BAD_SETTING", "TWS地址 (TWS host) is empty; use 127.0.0.1 when TWS runs on this machine");
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new TradingError("BAD_SETTING", `TWS端口 (TWS port) must be 1-65535, got "${setting["TWS端口"]}"; TWS uses 7497 (paper) / 7496 (live), IB Gateway 4002 / 4001`);
  }
  if (!Number.isInteger(clientId) || clientId < 0) throw new TradingError("BAD_SETTING", `客户号 (client id) must be a whole number >= 0, got "${setting["客户号"]}"`);
  return { host, port, clientId, account: String(setting["交易账户"] ?? "").trim() };
}
