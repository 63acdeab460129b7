// Trading constants in vn.py's shape. Values are stable English codes (never localized, unlike vn.py's
// gettext values); Chinese and English display labels live in labels.ts and are applied when rendering.

function codes<const T extends readonly string[]>(...values: T): { readonly [K in T[number]]: K } {
  return Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as { readonly [K in T[number]]: K };
}

export const Direction = codes("LONG", "SHORT", "NET");
export type Direction = (typeof Direction)[keyof typeof Direction];

export const Offset = codes("NONE", "OPEN", "CLOSE", "CLOSETODAY", "CLOSEYESTERDAY");
export type Offset = (typeof Offset)[keyof typeof Offset];

export const Status = codes("SUBMITTING", "NOTTRADED", "PARTTRADED", "ALLTRADED", "CANCELLED", "REJECTED");
export type Status = (typeof Status)[keyof typeof Status];

/** Orders in these states may still trade or be cancelled (vn.py's ACTIVE_STATUSES). */
export const ACTIVE_STATUSES: ReadonlySet<Status> = new Set([Status.SUBMITTING, Status.NOTTRADED, Status.PARTTRADED]);

export const Product = codes(
  "EQUITY", "FUTURES", "OPTION", "INDEX", "FOREX", "SPOT", "ETF", "BOND", "WARRANT", "SPREAD", "FUND", "CFD", "SWAP",
);
export type Product = (typeof Product)[keyof typeof Product];

export const OrderType = codes("LIMIT", "MARKET", "STOP", "FAK", "FOK", "RFQ", "ETF");
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

export const OptionType = codes("CALL", "PUT");
export type OptionType = (typeof OptionType)[keyof typeof OptionType];

export const Currency = codes("USD", "HKD", "CNY", "CAD");
export type Currency = (typeof Currency)[keyof typeof Currency];

/** Bar intervals; the values are vn.py's own ("1m", "1h", "d", "w", "tick"). */
export const Interval = Object.freeze({ MINUTE: "1m", HOUR: "1h", DAILY: "d", WEEKLY: "w", TICK: "tick" } as const);
export type Interval = (typeof Interval)[keyof typeof Interval];

/** Exchanges; the value is the exchange code in vt_symbol (vn.py's values: EUREX is "EUX"). */
export const Exchange = Object.freeze({
  // China
  CFFEX: "CFFEX", SHFE: "SHFE", CZCE: "CZCE", DCE: "DCE", INE: "INE", GFEX: "GFEX", SSE: "SSE", SZSE: "SZSE",
  BSE: "BSE", SHHK: "SHHK", SZHK: "SZHK", SGE: "SGE", WXE: "WXE", CFETS: "CFETS", XBOND: "XBOND",
  // Global
  SMART: "SMART", NYSE: "NYSE", NASDAQ: "NASDAQ", ARCA: "ARCA", EDGEA: "EDGEA", ISLAND: "ISLAND", BATS: "BATS",
  IEX: "IEX", AMEX: "AMEX", TSE: "TSE", NYMEX: "NYMEX", COMEX: "COMEX", GLOBEX: "GLOBEX", IDEALPRO: "IDEALPRO",
  CME: "CME", ICE: "ICE", SEHK: "SEHK", HKFE: "HKFE", SGX: "SGX", CBOT: "CBOT", CBOE: "CBOE", CFE: "CFE",
  DME: "DME", EUREX: "EUX", APEX: "APEX", LME: "LME", BMD: "BMD", TOCOM: "TOCOM", EUNX: "EUNX", KRX: "KRX",
  OTC: "OTC", IBKRATS: "IBKRATS",
  // Special
  LOCAL: "LOCAL", GLOBAL: "GLOBAL",
} as const);
export type Exchange = (typeof Exchange)[keyof typeof Exchange];

const EXCHANGE_VALUES: ReadonlySet<string> = new Set(Object.values(Exchange));

export function isExchange(value: string): value is Exchange {
  return EXCHANGE_VALUES.has(value);
}

/** Exchanges where closing must say today or yesterday (close-today / close-yesterday are distinct). */
export const CLOSE_TODAY_EXCHANGES: ReadonlySet<Exchange> = new Set([Exchange.SHFE, Exchange.INE]);

/** vn.py's log levels. */
export const LogLevel = Object.freeze({ DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40, CRITICAL: 50 } as const);
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];
