// Catalogue entries for the China futures counters: the CTP family (CTP, CTPTEST, MINI, MINITEST, FEMAS,
// ROHON, TTS), Hundsun UFT, Esunny and the SGE gold gateways (SGIT, KSGOLD).
import { Exchange as X, Product as P } from "../core/constant";
import {
  CTP_FIELDS, CTP_LIBRARY_FIELD, ESUNNY_MD_LOGIN, ESUNNY_TD_LOGIN, LEGACY, REQUIRED, USER_PASSWORD_SERVERS, choice, text,
} from "./fields";
import {
  CHINA_FUTURES, CHINA_FUTURES_NO_GFEX, FUTURES_AND_OPTIONS, FUTURES_COMPANY_ACCOUNT, PENETRATION_TEST_ACCOUNT,
  SH_SZ, UBUNTU, WIN, WIN_UBUNTU,
} from "./shared";
import type { GatewayInfo } from "./types";

/** What every CTP-style entry shares: two-way positions, no history, the seven CTP keys. */
const CTP_STYLE = {
  assetClasses: ["futures", "futures options"],
  products: FUTURES_AND_OPTIONS,
  positionMode: "two-way",
  history: false,
  settings: CTP_FIELDS,
} as const;

export const CTP: GatewayInfo = {
  ...CTP_STYLE,
  name: "CTP",
  displayName: "CTP",
  displayNameZh: "CTP",
  operatingSystems: WIN_UBUNTU,
  // vnpy_ctp 6.7 adds the environment combo; older files without it mean 实盘 (vn.py reads it with that default).
  settings: [...CTP_FIELDS, choice("柜台环境", ["实盘", "测试"]), CTP_LIBRARY_FIELD],
  exchanges: CHINA_FUTURES,
  account:
    "Simulation: register on the SimNow website with a mobile number and an SMS code (the SMS sometimes arrives " +
    "only during working hours). The SimNow user name (InvestorID) is 6 digits and the broker id is 9999; change " +
    "the password once before use. SimNow has two environments, one for in-session simulation and one for " +
    "after-hours testing, each open at different times. Live: " + FUTURES_COMPANY_ACCOUNT,
  exclusiveGroup: "ctp-api",
};

export const CTPTEST: GatewayInfo = {
  ...CTP_STYLE,
  settings: [...CTP_FIELDS, CTP_LIBRARY_FIELD],
  name: "CTPTEST",
  displayName: "CTP Test",
  displayNameZh: "CTP测试",
  operatingSystems: WIN_UBUNTU,
  exchanges: CHINA_FUTURES,
  account: PENETRATION_TEST_ACCOUNT,
  exclusiveGroup: "ctp-api",
};

export const MINI: GatewayInfo = {
  ...CTP_STYLE,
  settings: [...CTP_FIELDS, CTP_LIBRARY_FIELD],
  name: "MINI",
  displayName: "CTP Mini",
  displayNameZh: "CTP Mini",
  operatingSystems: WIN_UBUNTU,
  exchanges: CHINA_FUTURES,
  account: FUTURES_COMPANY_ACCOUNT,
  exclusiveGroup: "mini-api",
};

export const MINITEST: GatewayInfo = {
  ...CTP_STYLE,
  name: "MINITEST",
  displayName: "CTP Mini Test",
  displayNameZh: "CTP Mini测试",
  operatingSystems: WIN,
  // Only vn.py 2.x had MINITEST, and that code reads 产品信息, so it is a current field here, not legacy.
  settings: [...CTP_FIELDS, text("产品信息"), CTP_LIBRARY_FIELD],
  exchanges: CHINA_FUTURES_NO_GFEX,
  account: PENETRATION_TEST_ACCOUNT,
  exclusiveGroup: "mini-api",
};

export const FEMAS: GatewayInfo = {
  ...CTP_STYLE,
  name: "FEMAS",
  displayName: "Femas",
  displayNameZh: "飞马",
  assetClasses: ["futures"],
  products: [P.FUTURES],
  operatingSystems: WIN,
  exchanges: CHINA_FUTURES_NO_GFEX,
  account: FUTURES_COMPANY_ACCOUNT,
};

export const UFT: GatewayInfo = {
  name: "UFT",
  displayName: "Hundsun UFT",
  displayNameZh: "恒生UFT",
  assetClasses: ["futures", "ETF options"],
  products: FUTURES_AND_OPTIONS,
  operatingSystems: WIN_UBUNTU,
  positionMode: "two-way",
  history: false,
  settings: [
    text("用户名", REQUIRED),
    text("密码", REQUIRED),
    text("行情服务器", REQUIRED),
    text("交易服务器", REQUIRED),
    text("产品名称"),
    text("授权编码"),
    choice("服务器类型", ["期货", "ETF期权"], LEGACY),
    text("委托类型", LEGACY, "q"),
  ],
  exchanges: [...CHINA_FUTURES, ...SH_SZ],
  account: "Test accounts: apply to Hundsun.",
};

export const ESUNNY: GatewayInfo = {
  name: "ESUNNY",
  displayName: "Esunny",
  displayNameZh: "易盛",
  assetClasses: ["futures", "SGE gold T+D"],
  products: [P.FUTURES, P.SPOT],
  operatingSystems: WIN_UBUNTU,
  positionMode: "two-way",
  history: false,
  settings: [
    ...ESUNNY_MD_LOGIN,
    text("行情授权编码"),
    ...ESUNNY_TD_LOGIN,
    text("交易产品名称"),
    text("交易授权编码"),
    text("行情授权码", LEGACY), // the document's spelling; vnpy_esunny reads 行情授权编码
    choice("交易系统", ["内盘", "外盘"], LEGACY), // removed in vnpy_esunny 36acc0a
  ],
  // Esunny writes CZCE as "ZCE" on the wire; that mapping belongs to the adapter, not the catalogue.
  exchanges: [X.CFFEX, X.CZCE, X.DCE, X.SHFE, X.INE, X.SGE],
  account: "Test accounts: apply on the Esunny website.",
};

export const ROHON: GatewayInfo = {
  ...CTP_STYLE,
  settings: [...CTP_FIELDS, CTP_LIBRARY_FIELD],
  name: "ROHON",
  displayName: "Rohon",
  displayNameZh: "融航",
  assetClasses: ["futures asset management"],
  operatingSystems: WIN_UBUNTU,
  exchanges: CHINA_FUTURES,
  account:
    "Test accounts: apply to Rohon. Its broker id is not purely numeric (letters and digits). For penetration " +
    "(穿透式) authentication, vn.py connecting to Rohon is relay (中继) mode, not the direct (直连) mode used with " +
    "counters such as CTP or Hundsun: pick the right one on the application form.",
  exclusiveGroup: "ctp-api",
};

export const TTS: GatewayInfo = {
  ...CTP_STYLE,
  settings: [...CTP_FIELDS, CTP_LIBRARY_FIELD],
  name: "TTS",
  displayName: "TTS (OpenCTP)",
  displayNameZh: "TTS",
  // vnpy_tts also lists stock exchanges (OpenCTP's stock environments), hence EQUITY beyond the document.
  products: [P.FUTURES, P.OPTION, P.EQUITY],
  operatingSystems: WIN_UBUNTU,
  exchanges: [X.CFFEX, X.SHFE, X.CZCE, X.DCE, X.GFEX, X.INE, X.SSE, X.SZSE, X.NASDAQ, X.NYSE, X.SEHK],
  account: "From the OpenCTP platform.",
  // Not in the seed's rule, but TTS ships the same thosttraderapi_se symbols, so it cannot share a process either.
  exclusiveGroup: "ctp-api",
};

const GOLD_BROKER_ACCOUNT = "From a spot gold (SGE) broker.";

export const SGIT: GatewayInfo = {
  name: "SGIT",
  displayName: "SGIT",
  displayNameZh: "飞鼠",
  assetClasses: ["SGE gold T+D"],
  // vnpy_sgit also lists the futures exchanges, hence FUTURES beyond the document's 黄金TD.
  products: [P.SPOT, P.FUTURES],
  operatingSystems: UBUNTU,
  positionMode: "two-way",
  history: false,
  settings: [
    ...USER_PASSWORD_SERVERS,
    text("产品名称"),
    text("授权编码"),
  ],
  // vnpy_sgit maps both "GOLD" and SGE to SGE, and "PAT" and "LTS" to SMART; duplicates dropped here.
  exchanges: [X.CFFEX, X.SHFE, X.CZCE, X.DCE, X.INE, X.SGE, X.SMART, X.CME, X.LME, X.HKFE],
  account: GOLD_BROKER_ACCOUNT,
};

export const KSGOLD: GatewayInfo = {
  name: "KSGOLD",
  displayName: "Kingstar Gold",
  displayNameZh: "金仕达黄金",
  assetClasses: ["SGE gold T+D"],
  products: [P.SPOT],
  operatingSystems: UBUNTU,
  positionMode: "two-way",
  history: false,
  settings: [
    ...USER_PASSWORD_SERVERS,
    choice("账号类型", ["银行账号", "黄金账号"]),
  ],
  exchanges: [X.SGE],
  account: GOLD_BROKER_ACCOUNT,
};
