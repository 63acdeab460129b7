// SIM's product universe as data: each product's exchange, multiplier, tick, margin, fees, price limit,
// reference price and listing rule. Figures approximate the exchanges' published standard terms (2025);
// brokers add their own margin and fees on top, so a real account charges somewhat more.
import { Exchange, Product } from "../../core/constant";

/** A fee charged per lot (CNY) or as a ratio of the traded value (price × multiplier × lots). */
export type Fee = { readonly perLot: number } | { readonly ratio: number };

/** Exchanges charge opening, closing and closing-today (same-day round trip) differently. */
export interface FeeSchedule {
  readonly open: Fee;
  readonly close: Fee;
  readonly closeToday: Fee;
}

/**
 * Which delivery months are listed, counted from the first month whose contract has not expired:
 * - consecutive `near` months, then `quarterly` more quarter months (3, 6, 9, 12) after them;
 * - `fixed`: every listed month-of-year falling within the next 12 months;
 * - `nearPlusEven`: `near` consecutive months plus every even month within 13 months (SHFE gold, silver).
 */
export type MonthRule =
  | { readonly kind: "consecutive"; readonly near: number; readonly quarterly: number }
  | { readonly kind: "fixed"; readonly months: readonly number[] }
  | { readonly kind: "nearPlusEven"; readonly near: number };

/** Last trading day of a delivery month: a fixed day (moved back to a weekday) or the n-th weekday. */
export type ExpiryRule =
  | { readonly kind: "day"; readonly day: number }
  | { readonly kind: "nthWeekday"; readonly n: number; readonly weekday: number };

interface ProductBase {
  /** Product code as the exchange writes it in symbols: "rb", "SR", "IF", "IO". */
  readonly code: string;
  readonly name: string;
  readonly exchange: Exchange;
  /** Contract multiplier (vn.py's `size`). */
  readonly size: number;
  readonly pricetick: number;
  readonly marginRatio: number;
  readonly fees: FeeSchedule;
  /** Daily price limit as a fraction of the pre-settlement price (of the underlying, for options). */
  readonly limitPct: number;
  readonly months: MonthRule;
  readonly expiry: ExpiryRule;
}

export interface FutureSpec extends ProductBase {
  readonly product: typeof Product.FUTURES;
  /** Reference (pre-settlement) price of the nearest listed month. */
  readonly referencePrice: number;
}

/** Options on a listed future of the same month (CFFEX IO on IF) or on an ETF (SSE). */
export type Underlying =
  | { readonly kind: "future"; readonly code: string }
  | { readonly kind: "etf"; readonly symbol: string; readonly shortName: string; readonly price: number };

export interface OptionSpec extends ProductBase {
  readonly product: typeof Product.OPTION;
  readonly underlying: Underlying;
  /** Strikes listed on each side of the at-the-money strike. */
  readonly strikesEachSide: number;
  /** Implied volatility used to price the ladder. */
  readonly volatility: number;
}

export type ProductSpec = FutureSpec | OptionSpec;

const perLot = (open: number, close = open, closeToday = close): FeeSchedule => ({
  open: { perLot: open }, close: { perLot: close }, closeToday: { perLot: closeToday },
});
const ratio = (open: number, close = open, closeToday = close): FeeSchedule => ({
  open: { ratio: open }, close: { ratio: close }, closeToday: { ratio: closeToday },
});

const MONTHLY: MonthRule = { kind: "consecutive", near: 12, quarterly: 0 };
const ODD_MONTHS: MonthRule = { kind: "fixed", months: [1, 3, 5, 7, 9, 11] };
const DCE_OILSEED_MONTHS: MonthRule = { kind: "fixed", months: [1, 3, 5, 7, 8, 9, 11, 12] };
/** CFFEX index futures: current month, next month and the next two quarter months. */
const INDEX_FUTURE_MONTHS: MonthRule = { kind: "consecutive", near: 2, quarterly: 2 };
const SHFE_EXPIRY: ExpiryRule = { kind: "day", day: 15 };
/** DCE and CZCE end on the 10th trading day of the month: about the 14th. */
const DCE_CZCE_EXPIRY: ExpiryRule = { kind: "day", day: 14 };
const THIRD_FRIDAY: ExpiryRule = { kind: "nthWeekday", n: 3, weekday: 5 };
const FOURTH_WEDNESDAY: ExpiryRule = { kind: "nthWeekday", n: 4, weekday: 3 };

function future(
  code: string, name: string, exchange: Exchange, size: number, pricetick: number, referencePrice: number,
  terms: { marginRatio: number; limitPct: number; fees: FeeSchedule; months: MonthRule; expiry: ExpiryRule },
): FutureSpec {
  return { product: Product.FUTURES, code, name, exchange, size, pricetick, referencePrice, ...terms };
}

const shfe = { months: MONTHLY, expiry: SHFE_EXPIRY };
const dce = { expiry: DCE_CZCE_EXPIRY };
const czce = { expiry: DCE_CZCE_EXPIRY };
const cffex = { marginRatio: 0.12, limitPct: 0.1, fees: ratio(0.000023, 0.000023, 0.00023), months: INDEX_FUTURE_MONTHS, expiry: THIRD_FRIDAY };

export const FUTURES: readonly FutureSpec[] = [
  future("rb", "螺纹钢", Exchange.SHFE, 10, 1, 3100, { ...shfe, marginRatio: 0.07, limitPct: 0.06, fees: ratio(0.0001) }),
  future("hc", "热轧卷板", Exchange.SHFE, 10, 1, 3300, { ...shfe, marginRatio: 0.07, limitPct: 0.06, fees: ratio(0.0001) }),
  future("cu", "铜", Exchange.SHFE, 5, 10, 85000, { ...shfe, marginRatio: 0.08, limitPct: 0.07, fees: ratio(0.00005, 0.00005, 0.0001) }),
  future("al", "铝", Exchange.SHFE, 5, 5, 21000, { ...shfe, marginRatio: 0.08, limitPct: 0.07, fees: perLot(3, 3, 0) }),
  future("au", "黄金", Exchange.SHFE, 1000, 0.02, 930, {
    marginRatio: 0.1, limitPct: 0.09, fees: perLot(10, 10, 0), months: { kind: "nearPlusEven", near: 3 }, expiry: SHFE_EXPIRY,
  }),
  future("ag", "白银", Exchange.SHFE, 15, 1, 11500, {
    marginRatio: 0.12, limitPct: 0.11, fees: ratio(0.00005), months: { kind: "nearPlusEven", near: 3 }, expiry: SHFE_EXPIRY,
  }),
  future("sc", "原油", Exchange.INE, 1000, 0.1, 460, { ...shfe, marginRatio: 0.1, limitPct: 0.08, fees: perLot(20, 20, 0) }),
  future("m", "豆粕", Exchange.DCE, 10, 1, 3000, { ...dce, marginRatio: 0.07, limitPct: 0.06, fees: perLot(1.5), months: DCE_OILSEED_MONTHS }),
  future("y", "豆油", Exchange.DCE, 10, 2, 8200, { ...dce, marginRatio: 0.07, limitPct: 0.06, fees: perLot(2.5), months: DCE_OILSEED_MONTHS }),
  future("i", "铁矿石", Exchange.DCE, 100, 0.5, 790, { ...dce, marginRatio: 0.11, limitPct: 0.1, fees: ratio(0.0001), months: MONTHLY }),
  future("SR", "白糖", Exchange.CZCE, 10, 1, 5400, { ...czce, marginRatio: 0.07, limitPct: 0.06, fees: perLot(3, 3, 0), months: ODD_MONTHS }),
  future("CF", "棉花", Exchange.CZCE, 5, 5, 13600, { ...czce, marginRatio: 0.07, limitPct: 0.06, fees: perLot(4.3, 4.3, 0), months: ODD_MONTHS }),
  future("MA", "甲醇", Exchange.CZCE, 10, 1, 2100, { ...czce, marginRatio: 0.08, limitPct: 0.07, fees: perLot(2, 2, 6), months: MONTHLY }),
  future("TA", "PTA", Exchange.CZCE, 5, 2, 4700, { ...czce, marginRatio: 0.07, limitPct: 0.06, fees: perLot(3, 3, 0), months: MONTHLY }),
  future("IF", "沪深300股指", Exchange.CFFEX, 300, 0.2, 4550, cffex),
  future("IH", "上证50股指", Exchange.CFFEX, 300, 0.2, 3000, cffex),
  future("IC", "中证500股指", Exchange.CFFEX, 200, 0.2, 7100, { ...cffex, marginRatio: 0.14 }),
  future("IM", "中证1000股指", Exchange.CFFEX, 200, 0.2, 7300, { ...cffex, marginRatio: 0.15 }),
];

export const OPTIONS: readonly OptionSpec[] = [
  {
    product: Product.OPTION, code: "IO", name: "沪深300股指期权", exchange: Exchange.CFFEX, size: 100, pricetick: 0.2,
    // IO lists the current month, the next two and the following three quarter months.
    marginRatio: 0.1, limitPct: 0.1, fees: perLot(15), months: { kind: "consecutive", near: 3, quarterly: 3 },
    expiry: THIRD_FRIDAY, underlying: { kind: "future", code: "IF" }, strikesEachSide: 5, volatility: 0.2,
  },
  ...[
    { symbol: "510050", shortName: "50ETF", name: "上证50ETF期权", price: 3.1 },
    { symbol: "510300", shortName: "300ETF", name: "沪深300ETF期权", price: 4.6 },
  ].map((etf): OptionSpec => ({
    product: Product.OPTION, code: etf.symbol, name: etf.name, exchange: Exchange.SSE, size: 10000, pricetick: 0.0001,
    // SSE ETF options list the current month, the next month and the following two quarter months.
    marginRatio: 0.12, limitPct: 0.1, fees: perLot(1.3), months: { kind: "consecutive", near: 2, quarterly: 2 },
    expiry: FOURTH_WEDNESDAY, underlying: { kind: "etf", symbol: etf.symbol, shortName: etf.shortName, price: etf.price },
    strikesEachSide: 4, volatility: 0.18,
  })),
];

export const PRODUCTS: readonly ProductSpec[] = [...FUTURES, ...OPTIONS];
