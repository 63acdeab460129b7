// IB's error and info codes (ERR_MSG, id 4) mapped to plain messages and a level; the original code and text
// are kept in every message so a user can look them up.
import { LogLevel } from "../../core/constant";

export type IbMessageKind =
  | "farm-ok" | "farm-broken" | "connectivity-lost" | "restored-data-lost" | "restored-data-kept"
  | "pacing" | "no-data" | "query-cancelled" | "history-error" | "no-definition" | "not-subscribed" | "delayed"
  | "no-market-data" | "order-rejected" | "order-cancelled" | "cancel-refused" | "invalid-request" | "client-id-in-use"
  | "not-connected" | "other";

export interface IbMessage {
  readonly code: number;
  readonly kind: IbMessageKind;
  readonly level: LogLevel;
  /** Plain words first, then IB's own code and text. */
  readonly text: string;
}

const PLAIN: Readonly<Record<number, [IbMessageKind, LogLevel, string]>> = {
  200: ["no-definition", LogLevel.ERROR, "IB has no security definition for this contract: check symbol, currency, security type and exchange"],
  201: ["order-rejected", LogLevel.ERROR, "IB rejected the order"],
  202: ["order-cancelled", LogLevel.INFO, "order cancelled"],
  321: ["invalid-request", LogLevel.ERROR, "IB refused the request as invalid"],
  326: ["client-id-in-use", LogLevel.ERROR, "the client id is already in use by another API connection; choose another 客户号"],
  354: ["not-subscribed", LogLevel.WARNING, "no live market data subscription for this contract"],
  502: ["not-connected", LogLevel.ERROR, "cannot connect to TWS: check TWS or IB Gateway runs, the API is enabled and the port is right"],
  504: ["not-connected", LogLevel.ERROR, "not connected to TWS"],
  1100: ["connectivity-lost", LogLevel.WARNING, "TWS lost its connection to IB's servers; waiting for it to come back"],
  1101: ["restored-data-lost", LogLevel.WARNING, "TWS is connected to IB again but subscriptions were lost; resubscribing"],
  1102: ["restored-data-kept", LogLevel.INFO, "TWS is connected to IB again; subscriptions were kept"],
  2103: ["farm-broken", LogLevel.WARNING, "a TWS market data farm connection is broken"],
  2104: ["farm-ok", LogLevel.INFO, "TWS market data farm OK"],
  2105: ["farm-broken", LogLevel.WARNING, "the TWS historical data farm connection is broken"],
  2106: ["farm-ok", LogLevel.INFO, "TWS historical data farm OK"],
  2157: ["farm-broken", LogLevel.WARNING, "the TWS security definition farm connection is broken"],
  2158: ["farm-ok", LogLevel.INFO, "TWS security definition farm OK"],
  10148: ["cancel-refused", LogLevel.WARNING, "IB could not cancel the order"],
  10167: ["delayed", LogLevel.WARNING, "IB is sending DELAYED market data (15-20 minutes late): there is no live subscription"],
  10168: ["no-market-data", LogLevel.ERROR, "no market data: the contract is not subscribed and delayed data is not enabled"],
};

/** Code 162 covers several history outcomes; IB tells them apart only by text. */
function historyKind(text: string): [IbMessageKind, LogLevel, string] {
  if (/pacing violation/i.test(text)) return ["pacing", LogLevel.WARNING, "IB history pacing violation (too many requests too fast)"];
  if (/returned no data/i.test(text)) return ["no-data", LogLevel.INFO, "IB has no bars for this period"];
  if (/query cancelled/i.test(text)) return ["query-cancelled", LogLevel.WARNING, "IB cancelled the history request"];
  return ["history-error", LogLevel.ERROR, "IB's history service refused the request"];
}

export function describeIbMessage(code: number, text: string): IbMessage {
  const [kind, level, plain] = code === 162 ? historyKind(text) : PLAIN[code] ?? ["other", code >= 2100 && code < 2200 ? LogLevel.INFO : LogLevel.WARNING, "IB says"];
  return { code, kind, level, text: `${plain} (IB ${code}: ${text})` };
}
