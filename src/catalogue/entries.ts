// The gateway catalogue as data: SIM first, then the 26 gateways of vn.py's gateway document in its order.
// Settings, exchanges and names follow vn.py's code where the document is outdated; fields only the document
// still lists are kept and flagged legacy.
import { Exchange as X, Product as P } from "../core/constant";
import { num, text } from "./fields";
import { CTP, CTPTEST, ESUNNY, FEMAS, KSGOLD, MINI, MINITEST, ROHON, SGIT, TTS, UFT } from "./china-futures";
import {
  COMSTAR_QUOTE, COMSTAR_XBOND, GTJA, HSOPTION, SEC, SOPT, SOPTTEST, TORAOPTION, TORASTOCK, XTP,
} from "./china-securities";
import { DA, FUTU, IB, MT5, TAP } from "./overseas";
import { ALL_OS, CHINA_FUTURES } from "./shared";
import type { GatewayInfo } from "./types";

/** The embedded simulated counter: the default gateway, needing no account (settings keys agreed with SIM). */
export const SIM: GatewayInfo = {
  name: "SIM",
  displayName: "SIM exchange",
  displayNameZh: "模拟交易所",
  assetClasses: ["futures", "options"],
  products: [P.FUTURES, P.OPTION],
  operatingSystems: ALL_OS,
  positionMode: "two-way",
  history: true,
  settings: [text("账户", {}, "SIM001"), num("初始资金", 1_000_000), num("行情频率", 2), num("随机种子", 7)],
  exchanges: [...CHINA_FUTURES, X.SSE],
  account: "No account needed: embedded simulated counter, the default.",
};

export const GATEWAY_ENTRIES: readonly GatewayInfo[] = Object.freeze([
  SIM,
  CTP, CTPTEST, MINI, MINITEST, FEMAS, SOPT, SOPTTEST, SEC, UFT, ESUNNY,
  HSOPTION, XTP, GTJA, TORASTOCK, TORAOPTION, COMSTAR_XBOND, COMSTAR_QUOTE,
  FUTU, IB, TAP, DA, MT5,
  ROHON, TTS, SGIT, KSGOLD,
]);
