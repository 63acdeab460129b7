// Setting-field builders for the catalogue: one English label and one secret rule per vn.py key, so every
// gateway that shares a key (用户名, 密码, 授权编码 ...) describes it the same way.
import type { SettingField } from "./types";

/** vn.py's setting keys (as written in connect_<name>.json) and what they mean, in English. */
const LABELS = {
  // CTP family
  用户名: "user name",
  密码: "password",
  经纪商代码: "broker id",
  交易服务器: "trade server address",
  行情服务器: "market data server address",
  产品名称: "app id (product name)",
  授权编码: "auth code",
  柜台环境: "counter environment (实盘 = production, 测试 = test)",
  产品信息: "product info",
  // Stock and option counters
  账号: "account",
  行情密码: "market data password",
  交易密码: "trade password",
  行情地址: "market data address",
  交易地址: "trade address",
  行情协议: "market data protocol",
  授权码: "auth code",
  产品号: "product id",
  采集类型: "terminal info collection type",
  行情压缩: "market data compression",
  服务器类型: "server type",
  委托类型: "order entrust type",
  客户号: "client id",
  行情端口: "market data port",
  交易端口: "trade port",
  日志级别: "log level",
  交易用户名: "trade user name",
  行情用户名: "market data user name",
  行情经纪商代码: "market data broker id",
  机构代号: "institution code",
  营业部代号: "branch code",
  网关: "gateway",
  产品标识: "product id",
  动态密钥: "dynamic key",
  账号类型: "account type",
  地址类型: "address type",
  // Esunny / TAP
  行情账号: "market data account",
  行情授权码: "market data auth code",
  行情授权编码: "market data auth code",
  交易账号: "trade account",
  交易产品名称: "trade app id (product name)",
  交易授权编码: "trade auth code",
  交易授权码: "trade auth code",
  交易系统: "trading system (内盘 = domestic, 外盘 = overseas)",
  子账号: "sub-account",
  区域代码: "region code",
  行情源识别号: "market data source id",
  // Interbank (COMSTAR)
  Key: "key",
  routing_type: "routing type",
  valid_until_time: "quote valid until (time of day)",
  // Overseas
  地址: "host",
  端口: "port",
  市场: "market",
  环境: "environment",
  TWS地址: "TWS host",
  TWS端口: "TWS port",
  交易账户: "trading account (empty = the last one TWS lists)",
  通讯地址: "host",
  lib_dir: "folder of the CTP API libraries (thosttraderapi_se, thostmduserapi_se); empty = VNTRADER_CTP_LIB_DIR or .vntrader/lib/<flavour>",
  服务器时区: "terminal server time zone (UTC, UTC+2 or an IANA name such as Europe/Athens)",
  请求端口: "request port",
  订阅端口: "subscribe port",
  // SIM
  账户: "account id",
  初始资金: "starting balance (CNY)",
  行情频率: "ticks per second per symbol (0 = manual)",
  随机种子: "random seed",
} as const;

export type SettingKey = keyof typeof LABELS;

/** Keys whose values are passwords, auth codes or keys: masked everywhere, never logged. */
export const SECRET_KEYS: ReadonlySet<SettingKey> = new Set<SettingKey>([
  "密码", "行情密码", "交易密码", "授权编码", "授权码", "行情授权码", "行情授权编码", "交易授权编码", "交易授权码",
  "动态密钥", "Key",
]);

export interface FieldOptions {
  /** Needed to log in: an empty value is refused. */
  readonly required?: boolean;
  /** In the seed document (vn.py 2.x) but no longer read by current vn.py; see SettingField.legacy. */
  readonly legacy?: boolean;
}

export const REQUIRED: FieldOptions = { required: true };
export const LEGACY: FieldOptions = { legacy: true };

function build(key: SettingKey, value: string | number, choices: readonly string[] | undefined,
  options: FieldOptions): SettingField {
  return {
    key,
    label: LABELS[key],
    default: value,
    ...(choices ? { choices } : {}),
    ...(SECRET_KEYS.has(key) ? { secret: true } : {}),
    ...(options.required ? { required: true } : {}),
    ...(options.legacy ? { legacy: true } : {}),
  };
}

/** A string field; vn.py's default is "" unless given. */
export function text(key: SettingKey, options: FieldOptions = {}, value = ""): SettingField {
  return build(key, value, undefined, options);
}

/** A number field (vn.py stores an int, e.g. a port or a client id). */
export function num(key: SettingKey, value: number, options: FieldOptions = {}): SettingField {
  return build(key, value, undefined, options);
}

/** A combo box: vn.py stores the chosen string; the first choice is the default. */
export function choice(key: SettingKey, choices: readonly [string, ...string[]], options: FieldOptions = {}): SettingField {
  return build(key, choices[0], choices, options);
}

/** The seven keys the CTP-style gateways share (CTPTEST, MINI, SOPT, ROHON, TTS, FEMAS ...), in vn.py's order. */
export const CTP_FIELDS: readonly SettingField[] = [
  text("用户名", REQUIRED),
  text("密码", REQUIRED),
  text("经纪商代码", REQUIRED),
  text("交易服务器", REQUIRED),
  text("行情服务器", REQUIRED),
  text("产品名称"),
  text("授权编码"),
];

/** User, password and the two servers, in the order SGIT, KSGOLD and DA share. */
export const USER_PASSWORD_SERVERS: readonly SettingField[] = [
  text("用户名", REQUIRED),
  text("密码", REQUIRED),
  text("交易服务器", REQUIRED),
  text("行情服务器", REQUIRED),
];

/** Esunny's market-data login (ESUNNY and TAP); the auth-code key after it differs between them. */
export const ESUNNY_MD_LOGIN: readonly SettingField[] = [
  text("行情账号", REQUIRED),
  text("行情密码", REQUIRED),
  text("行情服务器", REQUIRED),
  num("行情端口", 0, REQUIRED),
];

/** Esunny's trade login (ESUNNY and TAP). */
export const ESUNNY_TD_LOGIN: readonly SettingField[] = [
  text("交易账号", REQUIRED),
  text("交易密码", REQUIRED),
  text("交易服务器", REQUIRED),
  num("交易端口", 0, REQUIRED),
];

/** Ours, not vn.py's: where the CTP-compatible API libraries are, for the families we load through the bridge. */
export const CTP_LIBRARY_FIELD: SettingField = text("lib_dir");
