// Display labels for the constants, in English and Chinese (vn.py's wording), applied only when rendering.
import type { Direction, Offset, OptionType, OrderType, Product, Status } from "./constant";

export type Language = "en" | "zh";

type Labels<K extends string> = { readonly [key in K]: { readonly en: string; readonly zh: string } };

export const DIRECTION_LABELS: Labels<Direction> = {
  LONG: { en: "Long", zh: "多" },
  SHORT: { en: "Short", zh: "空" },
  NET: { en: "Net", zh: "净" },
};

export const OFFSET_LABELS: Labels<Offset> = {
  NONE: { en: "", zh: "" },
  OPEN: { en: "Open", zh: "开" },
  CLOSE: { en: "Close", zh: "平" },
  CLOSETODAY: { en: "Close Today", zh: "平今" },
  CLOSEYESTERDAY: { en: "Close Yesterday", zh: "平昨" },
};

export const STATUS_LABELS: Labels<Status> = {
  SUBMITTING: { en: "Submitting", zh: "提交中" },
  NOTTRADED: { en: "Not traded", zh: "未成交" },
  PARTTRADED: { en: "Part traded", zh: "部分成交" },
  ALLTRADED: { en: "All traded", zh: "全部成交" },
  CANCELLED: { en: "Cancelled", zh: "已撤销" },
  REJECTED: { en: "Rejected", zh: "拒单" },
};

export const PRODUCT_LABELS: Labels<Product> = {
  EQUITY: { en: "Equity", zh: "股票" },
  FUTURES: { en: "Futures", zh: "期货" },
  OPTION: { en: "Option", zh: "期权" },
  INDEX: { en: "Index", zh: "指数" },
  FOREX: { en: "Forex", zh: "外汇" },
  SPOT: { en: "Spot", zh: "现货" },
  ETF: { en: "ETF", zh: "ETF" },
  BOND: { en: "Bond", zh: "债券" },
  WARRANT: { en: "Warrant", zh: "权证" },
  SPREAD: { en: "Spread", zh: "价差" },
  FUND: { en: "Fund", zh: "基金" },
  CFD: { en: "CFD", zh: "CFD" },
  SWAP: { en: "Swap", zh: "互换" },
};

export const ORDER_TYPE_LABELS: Labels<OrderType> = {
  LIMIT: { en: "Limit", zh: "限价" },
  MARKET: { en: "Market", zh: "市价" },
  STOP: { en: "Stop", zh: "STOP" },
  FAK: { en: "FAK", zh: "FAK" },
  FOK: { en: "FOK", zh: "FOK" },
  RFQ: { en: "RFQ", zh: "询价" },
  ETF: { en: "ETF", zh: "ETF" },
};

export const OPTION_TYPE_LABELS: Labels<OptionType> = {
  CALL: { en: "Call", zh: "看涨期权" },
  PUT: { en: "Put", zh: "看跌期权" },
};

const ALL_LABELS: ReadonlyArray<Labels<string>> = [
  DIRECTION_LABELS, OFFSET_LABELS, STATUS_LABELS, PRODUCT_LABELS, ORDER_TYPE_LABELS, OPTION_TYPE_LABELS,
];

/** The label of a constant in the given language; values that are not constants come back unchanged. */
export function labelOf(value: string, language: Language): string {
  for (const table of ALL_LABELS) {
    const entry = table[value];
    if (entry) return entry[language];
  }
  return value;
}
