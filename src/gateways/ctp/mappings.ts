// CTP <-> vn.py code tables (vn.py's ctp_gateway mappings, as data) and the small conversions around them.
import { Direction, Exchange, Offset, OptionType, OrderType, Product, Status } from "../../core/constant";
import { CTP, DISCONNECT_REASONS, ERRORS } from "./structs";

export const STATUS_CTP_TO_VT: Readonly<Record<string, Status>> = {
  [CTP.THOST_FTDC_OST_NoTradeQueueing]: Status.NOTTRADED,
  [CTP.THOST_FTDC_OST_PartTradedQueueing]: Status.PARTTRADED,
  [CTP.THOST_FTDC_OST_AllTraded]: Status.ALLTRADED,
  [CTP.THOST_FTDC_OST_Canceled]: Status.CANCELLED,
  [CTP.THOST_FTDC_OST_Unknown]: Status.SUBMITTING,
};

export const DIRECTION_VT_TO_CTP: Readonly<Partial<Record<Direction, string>>> = {
  [Direction.LONG]: CTP.THOST_FTDC_D_Buy,
  [Direction.SHORT]: CTP.THOST_FTDC_D_Sell,
};
export const DIRECTION_CTP_TO_VT: Readonly<Record<string, Direction>> = {
  [CTP.THOST_FTDC_D_Buy]: Direction.LONG,
  [CTP.THOST_FTDC_D_Sell]: Direction.SHORT,
};
export const POSITION_DIRECTION_CTP_TO_VT: Readonly<Record<string, Direction>> = {
  [CTP.THOST_FTDC_PD_Long]: Direction.LONG,
  [CTP.THOST_FTDC_PD_Short]: Direction.SHORT,
};

export const OFFSET_VT_TO_CTP: Readonly<Partial<Record<Offset, string>>> = {
  [Offset.OPEN]: CTP.THOST_FTDC_OF_Open,
  [Offset.CLOSE]: CTP.THOST_FTDC_OF_Close,
  [Offset.CLOSETODAY]: CTP.THOST_FTDC_OF_CloseToday,
  [Offset.CLOSEYESTERDAY]: CTP.THOST_FTDC_OF_CloseYesterday,
};
export const OFFSET_CTP_TO_VT: Readonly<Record<string, Offset>> = {
  [CTP.THOST_FTDC_OF_Open]: Offset.OPEN,
  [CTP.THOST_FTDC_OF_Close]: Offset.CLOSE,
  [CTP.THOST_FTDC_OF_CloseToday]: Offset.CLOSETODAY,
  [CTP.THOST_FTDC_OF_CloseYesterday]: Offset.CLOSEYESTERDAY,
};

/** An order type is three CTP fields: price type, time condition, volume condition. */
export type CtpOrderType = readonly [priceType: string, timeCondition: string, volumeCondition: string];

export const ORDER_TYPE_VT_TO_CTP: Readonly<Partial<Record<OrderType, CtpOrderType>>> = {
  [OrderType.LIMIT]: [CTP.THOST_FTDC_OPT_LimitPrice, CTP.THOST_FTDC_TC_GFD, CTP.THOST_FTDC_VC_AV],
  [OrderType.MARKET]: [CTP.THOST_FTDC_OPT_AnyPrice, CTP.THOST_FTDC_TC_GFD, CTP.THOST_FTDC_VC_AV],
  [OrderType.FAK]: [CTP.THOST_FTDC_OPT_LimitPrice, CTP.THOST_FTDC_TC_IOC, CTP.THOST_FTDC_VC_AV],
  [OrderType.FOK]: [CTP.THOST_FTDC_OPT_LimitPrice, CTP.THOST_FTDC_TC_IOC, CTP.THOST_FTDC_VC_CV],
};
export const ORDER_TYPE_CTP_TO_VT: Readonly<Record<string, OrderType>> = Object.fromEntries(
  Object.entries(ORDER_TYPE_VT_TO_CTP).map(([type, codes]) => [codes.join(""), type as OrderType]),
);

export const PRODUCT_CTP_TO_VT: Readonly<Record<string, Product>> = {
  [CTP.THOST_FTDC_PC_Futures]: Product.FUTURES,
  [CTP.THOST_FTDC_PC_Options]: Product.OPTION,
  [CTP.THOST_FTDC_PC_SpotOption]: Product.OPTION,
  [CTP.THOST_FTDC_PC_Combination]: Product.SPREAD,
};

export const OPTION_TYPE_CTP_TO_VT: Readonly<Record<string, OptionType>> = {
  [CTP.THOST_FTDC_CP_CallOptions]: OptionType.CALL,
  [CTP.THOST_FTDC_CP_PutOptions]: OptionType.PUT,
};

/** CTP's ExchangeID strings equal vn.py's exchange values. */
export const EXCHANGE_CTP_TO_VT: Readonly<Record<string, Exchange>> = {
  CFFEX: Exchange.CFFEX, SHFE: Exchange.SHFE, CZCE: Exchange.CZCE, DCE: Exchange.DCE, INE: Exchange.INE, GFEX: Exchange.GFEX,
  SSE: Exchange.SSE, SZSE: Exchange.SZSE,
};

const DBL_MAX = Number.MAX_VALUE;

/** CTP marks an unknown price with DBL_MAX; vn.py shows 0. */
export function adjustPrice(price: number): number {
  return price === DBL_MAX ? 0 : price;
}

/** "代码：50 OVER_CLOSETODAY_POSITION，信息：CTP:平今仓位不足" — the id, the table's name, the front's text. */
export function errorText(prefix: string, error: { id: number; message: string }): string {
  const name = ERRORS.get(error.id)?.[0];
  const message = error.message || ERRORS.get(error.id)?.[1] || "";
  return `${prefix}，代码：${error.id}${name ? ` ${name}` : ""}，信息：${message}`;
}

export function disconnectText(side: string, reason: number): string {
  const hex = `0x${reason.toString(16)}`;
  const meaning = DISCONNECT_REASONS.get(reason) ?? "unknown reason";
  return `${side}连接断开，原因${reason} (${hex}, ${meaning})`;
}

/** Why a front that drops the session before any login usually does so (trading-peers reference, section 5.3). */
export const EARLY_4097_HINT =
  "the front closed the session before login: usually the API library does not match the front (production vs " +
  "evaluation build, or a different version), or the address/port is wrong; check 柜台环境 and the library folder";

/** CTP reports these when a query comes too fast: -2 unprocessed requests over the limit, -3 per-second limit. */
export const FLOW_CONTROL_CODES: ReadonlySet<number> = new Set([-2, -3]);

const CHINA_OFFSET_HOURS = 8; // Asia/Shanghai has no daylight saving

let cachedDate = "";
let cachedMidnight = Number.NaN;

/** Midnight of a YYYYMMDD China date in epoch ms; ticks repeat one date, so the last one is cached. */
function chinaMidnight(date: string): number {
  if (date !== cachedDate) {
    const y = Number(date.slice(0, 4)), m = Number(date.slice(4, 6)), d = Number(date.slice(6, 8));
    cachedMidnight = date.length === 8 ? Date.UTC(y, m - 1, d, -CHINA_OFFSET_HOURS) : Number.NaN;
    cachedDate = date;
  }
  return cachedMidnight;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** "20260105" + "21:05:03" (+ ms) in China time; undefined when either part is malformed. */
export function chinaTime(date: string, time: string, millisecond = 0): Date | undefined {
  if (time.length < 8 || time[2] !== ":" || time[5] !== ":") return undefined;
  const seconds = (digit(time, 0) * 10 + digit(time, 1)) * 3600 + (digit(time, 3) * 10 + digit(time, 4)) * 60
    + digit(time, 6) * 10 + digit(time, 7);
  const ms = chinaMidnight(date) + seconds * 1000 + millisecond;
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Today's date in China as CTP writes dates (YYYYMMDD). */
export function chinaToday(now = Date.now()): string {
  return new Date(now + CHINA_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10).replace(/-/g, "");
}

/** CTP dates as Date at China midnight (option listing and expiry). */
export function chinaDate(date: string): Date | undefined {
  return chinaTime(date, "00:00:00");
}
