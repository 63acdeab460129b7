// Catalogue entries for the China securities counters (ETF options, A-shares, margin trading) and the
// interbank bond market (ComStar XBond and two-way quotes).
import { Exchange as X, Product as P } from "../core/constant";
import { CTP_FIELDS, CTP_LIBRARY_FIELD, LEGACY, REQUIRED, choice, num, text } from "./fields";
import { FUTURES_COMPANY_ACCOUNT, PENETRATION_TEST_ACCOUNT, SH_SZ, WIN, WIN_UBUNTU } from "./shared";
import type { GatewayInfo } from "./types";

/** What the ETF-option counters share: two-way positions, no history. */
const ETF_OPTIONS = {
  assetClasses: ["ETF options"],
  products: [P.OPTION],
  positionMode: "two-way",
  history: false,
} as const;

/** SOPT's exchange order as vnpy_sopt lists it. */
const SZ_SH = [X.SZSE, X.SSE] as const;

export const SOPT: GatewayInfo = {
  ...ETF_OPTIONS,
  name: "SOPT",
  displayName: "CTP Stock Options",
  displayNameZh: "CTP期权",
  operatingSystems: WIN_UBUNTU,
  settings: [...CTP_FIELDS, CTP_LIBRARY_FIELD],
  exchanges: SZ_SH,
  account: FUTURES_COMPANY_ACCOUNT,
};

export const SOPTTEST: GatewayInfo = {
  ...ETF_OPTIONS,
  name: "SOPTTEST",
  displayName: "CTP Stock Options Test",
  displayNameZh: "CTP期权测试",
  operatingSystems: WIN,
  settings: [...CTP_FIELDS, text("产品信息", LEGACY), CTP_LIBRARY_FIELD], // vnpy_sopttest dropped the 2.x key
  exchanges: SZ_SH,
  account: PENETRATION_TEST_ACCOUNT,
};

export const SEC: GatewayInfo = {
  ...ETF_OPTIONS,
  name: "SEC",
  displayName: "DFITC Stock Options (SEC)",
  displayNameZh: "飞创期权",
  operatingSystems: WIN,
  positionMode: "mixed",
  settings: [
    text("账号", REQUIRED),
    text("行情密码", REQUIRED),
    text("交易密码", REQUIRED),
    text("行情地址", REQUIRED),
    text("交易地址", REQUIRED),
    choice("行情协议", ["TCP", "UDP"]),
    text("授权码"),
    text("产品号"),
    choice("采集类型", ["顶点", "恒生", "金证", "金仕达"]),
    choice("行情压缩", ["N", "Y"]),
    text("密码", LEGACY), // vnpy_sec split it into 行情密码 and 交易密码
  ],
  exchanges: SH_SZ,
  account: "Open an account with a futures company through your account manager.",
};

export const HSOPTION: GatewayInfo = {
  ...ETF_OPTIONS,
  name: "HSOPTION",
  displayName: "Hundsun Options",
  displayNameZh: "恒生期权",
  operatingSystems: WIN,
  settings: [
    text("交易用户名", REQUIRED),
    text("交易密码", REQUIRED),
    text("行情用户名", REQUIRED),
    text("行情密码", REQUIRED),
    text("行情经纪商代码", REQUIRED),
    text("行情服务器", REQUIRED),
  ],
  exchanges: SH_SZ,
  account: "From the CITIC options brokerage headquarters (中信期权经纪业务总部).",
};

export const XTP: GatewayInfo = {
  name: "XTP",
  displayName: "Zhongtai XTP",
  displayNameZh: "中泰XTP",
  assetClasses: ["A-shares", "margin trading", "ETF options"],
  products: [P.EQUITY, P.OPTION],
  operatingSystems: WIN_UBUNTU,
  positionMode: "mixed",
  history: false,
  settings: [
    text("账号", REQUIRED),
    text("密码", REQUIRED),
    num("客户号", 1),
    text("行情地址", REQUIRED),
    num("行情端口", 0, REQUIRED),
    text("交易地址", REQUIRED),
    num("交易端口", 0, REQUIRED),
    choice("行情协议", ["TCP", "UDP"]),
    choice("日志级别", ["FATAL", "ERROR", "WARNING", "INFO", "DEBUG", "TRACE"]),
    text("授权码"),
  ],
  exchanges: SH_SZ,
  account: "Test accounts: apply to Zhongtai Securities. XTP was the first fast counter to offer margin trading.",
};

export const GTJA: GatewayInfo = {
  name: "GTJA",
  displayName: "Guotai Junan",
  displayNameZh: "国泰君安",
  assetClasses: ["A-shares"],
  products: [P.EQUITY],
  operatingSystems: WIN,
  positionMode: "one-way",
  history: false,
  // vn.py 2.x's gtja_gateway keeps its ports as strings.
  settings: [
    text("交易用户名", REQUIRED),
    text("交易密码", REQUIRED),
    text("交易服务器", REQUIRED),
    text("交易端口", REQUIRED),
    text("机构代号"),
    text("营业部代号"),
    text("网关"),
    text("行情用户名", REQUIRED),
    text("行情密码", REQUIRED),
    text("行情服务器", REQUIRED),
    text("行情端口", REQUIRED),
  ],
  exchanges: SH_SZ,
  account: "Test accounts: apply to Guotai Junan.",
};

/** vnpy_tora's keys, shared by the stock and option gateways. */
const TORA_FIELDS = [
  text("账号", REQUIRED),
  text("密码", REQUIRED),
  text("行情服务器", REQUIRED),
  text("交易服务器", REQUIRED),
  text("产品标识"),
  text("动态密钥"),
  choice("账号类型", ["用户代码", "资金账号"]),
  choice("地址类型", ["前置地址", "FENS地址"]),
];
const TORA_ACCOUNT = "Test accounts: apply to Huaxin Securities.";

export const TORASTOCK: GatewayInfo = {
  name: "TORASTOCK",
  displayName: "Huaxin Tora Stocks",
  displayNameZh: "华鑫奇点股票",
  assetClasses: ["A-shares"],
  products: [P.EQUITY],
  operatingSystems: WIN,
  positionMode: "one-way",
  history: false,
  settings: TORA_FIELDS,
  exchanges: [X.SSE, X.SZSE, X.SEHK, X.BSE],
  account: TORA_ACCOUNT,
};

export const TORAOPTION: GatewayInfo = {
  ...ETF_OPTIONS,
  name: "TORAOPTION",
  displayName: "Huaxin Tora Options",
  displayNameZh: "华鑫奇点期权",
  operatingSystems: WIN,
  settings: TORA_FIELDS,
  exchanges: SH_SZ,
  account: TORA_ACCOUNT,
};

/** vnpy_comstar's first four keys; both catalogue entries use the one vn.py COMSTAR gateway. */
const COMSTAR_LOGIN = [text("交易服务器", REQUIRED), text("用户名", REQUIRED), text("密码", REQUIRED), text("Key", REQUIRED)];

/** What the two ComStar entries share: interbank bonds, no positions, no history. */
const COMSTAR_STYLE = {
  assetClasses: ["interbank market"],
  products: [P.BOND],
  operatingSystems: WIN,
  positionMode: "none",
  history: false,
  account:
    "Only large financial institutions (brokers' proprietary trading desks, banks' financial-market departments) " +
    "can use it; private funds and individuals cannot. It requires buying ComStar's trading API service.",
} as const;

export const COMSTAR_XBOND: GatewayInfo = {
  ...COMSTAR_STYLE,
  name: "COMSTAR-XBOND",
  displayName: "ComStar XBond",
  displayNameZh: "中亿汇达Comstar XBond",
  settings: COMSTAR_LOGIN,
  exchanges: [X.XBOND],
};

export const COMSTAR_QUOTE: GatewayInfo = {
  ...COMSTAR_STYLE,
  name: "COMSTAR-QUOTE",
  displayName: "ComStar Two-way Quotes",
  displayNameZh: "中亿汇达Comstar 双边",
  settings: [...COMSTAR_LOGIN, text("routing_type", {}, "5"), text("valid_until_time", {}, "18:30:00.000")],
  exchanges: [X.CFETS],
};
