// Catalogue entries for the overseas gateways: Futu, Interactive Brokers, Esunny 9.0 (TAP), DA and MetaTrader 5.
import { Exchange as X, Product as P } from "../core/constant";
import { ESUNNY_MD_LOGIN, ESUNNY_TD_LOGIN, LEGACY, REQUIRED, USER_PASSWORD_SERVERS, choice, num, text } from "./fields";
import { ALL_OS, WIN } from "./shared";
import type { GatewayInfo } from "./types";

export const FUTU: GatewayInfo = {
  name: "FUTU",
  displayName: "Futu Securities",
  displayNameZh: "富途证券",
  assetClasses: ["Hong Kong stocks", "US stocks"],
  // vnpy_futu added the HK_FUTURE market (HKFE), hence FUTURES beyond the document.
  products: [P.EQUITY, P.FUTURES],
  operatingSystems: ALL_OS,
  positionMode: "one-way",
  // vnpy_futu does implement 1-minute query_history, but the document says none; the document wins here.
  history: false,
  settings: [
    text("密码"), // only needed to unlock trading; quotes work without it
    text("地址", REQUIRED, "127.0.0.1"),
    num("端口", 11111, REQUIRED),
    choice("市场", ["HK", "US", "HK_FUTURE"]),
    choice("环境", ["REAL", "SIMULATE"]),
  ],
  exchanges: [X.SMART, X.SEHK, X.HKFE],
  account:
    "Open and fund a Futu Securities account to get API access. A simulated-trading account can be requested only " +
    "once you hold a live account.",
};

/** vnpy_ib's EXCHANGE_VT2IB keys, in its order (IB's own codes differ for SSE, SZSE, OTC and LME). */
const IB_EXCHANGES = [
  X.SMART, X.NYMEX, X.COMEX, X.GLOBEX, X.IDEALPRO, X.CME, X.CBOT, X.CBOE, X.ICE, X.SEHK, X.SSE, X.SZSE, X.HKFE,
  X.CFE, X.TSE, X.NYSE, X.NASDAQ, X.AMEX, X.ARCA, X.EDGEA, X.ISLAND, X.BATS, X.IEX, X.IBKRATS, X.OTC, X.SGX,
  X.EUREX, X.LME,
] as const;

export const IB: GatewayInfo = {
  name: "IB",
  displayName: "Interactive Brokers",
  displayNameZh: "盈透证券",
  assetClasses: ["all overseas products"],
  // vnpy_ib's secType mapping: STK, CASH, CMDTY, FUT, OPT/FOP, IND, CFD.
  products: [P.EQUITY, P.FOREX, P.SPOT, P.FUTURES, P.OPTION, P.INDEX, P.CFD],
  operatingSystems: ALL_OS,
  positionMode: "one-way",
  history: true,
  settings: [
    text("TWS地址", REQUIRED, "127.0.0.1"),
    num("TWS端口", 7497, REQUIRED),
    num("客户号", 1),
    text("交易账户"),
  ],
  exchanges: IB_EXCHANGES,
  account:
    "Open and fund an Interactive Brokers account to get API access. Symbols are IB ConIds (265598.SMART, from " +
    "the product search on IB's website) or vn.py's descriptions (SPY-USD-STK.SMART, ES-202512-USD-FUT.GLOBEX).",
};

export const TAP: GatewayInfo = {
  name: "TAP",
  displayName: "Esunny 9.0 Overseas (TAP)",
  displayNameZh: "易盛9.0外盘",
  assetClasses: ["overseas futures"],
  products: [P.FUTURES],
  operatingSystems: WIN,
  positionMode: "one-way",
  history: false,
  settings: [
    ...ESUNNY_MD_LOGIN,
    text("行情授权码"),
    ...ESUNNY_TD_LOGIN,
    text("交易授权码"),
    text("子账号"),
    text("区域代码", {}, "CN"),
    text("授权码", LEGACY), // vn.py 2.x's single auth code, now split into 行情授权码 and 交易授权码
  ],
  exchanges: [X.SGX, X.INE, X.APEX, X.NYMEX, X.LME, X.COMEX, X.CBOT, X.HKFE, X.CME, X.TOCOM, X.KRX, X.ICE],
  account: "Test accounts: apply on the Esunny website.",
};

export const DA: GatewayInfo = {
  name: "DA",
  displayName: "DA Futures",
  displayNameZh: "直达期货",
  assetClasses: ["overseas futures"],
  products: [P.FUTURES],
  operatingSystems: WIN,
  positionMode: "two-way",
  history: false,
  settings: [
    ...USER_PASSWORD_SERVERS,
    text("授权码"),
    text("行情源识别号"),
  ],
  exchanges: [X.CME, X.CBOT, X.LME, X.SGX, X.HKFE, X.APEX],
  account: "Open and fund an account with DA (直达期货) to get API access.",
};

export const MT5: GatewayInfo = {
  name: "MT5",
  displayName: "MetaTrader 5",
  displayNameZh: "MetaTrader 5",
  assetClasses: ["overseas futures"],
  // vnpy_mt5 marks every contract FOREX, whatever the broker's symbol is.
  products: [P.FOREX],
  operatingSystems: ALL_OS,
  positionMode: "one-way",
  history: true,
  // vn.py's MT5 keeps its ports as strings ("6888"), unlike IB's and Futu's ints.
  settings: [
    text("通讯地址", REQUIRED, "localhost"),
    text("请求端口", REQUIRED, "6888"),
    text("订阅端口", REQUIRED, "8666"),
    // Ours, not vn.py's: MT5 stamps bars with the broker server's wall clock; vn.py read it as UTC.
    text("服务器时区", {}, "UTC"),
  ],
  exchanges: [X.OTC],
  account: "Test accounts: apply through MetaTrader 5. Only netting accounts are supported.",
};
