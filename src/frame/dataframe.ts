// Trading objects as nodejs-polars DataFrames: vn.py's columns in the objects' field order (derived ids
// included), constants as their codes, times as datetime columns shown in China time, and an empty list
// still gives a frame with every column, so `df.columns` never depends on whether anything has traded yet.
import pl from "nodejs-polars";
import type { LogLevel } from "../core/constant";
import type {
  AccountData, BarData, ContractData, LogData, OrderData, PositionData, TickData, TradeData,
} from "../core/object";

export { isDataFrame, renderDataFrame } from "./table-html";

/** China futures exchanges stamp local time; datetime columns carry this zone so they print as traders read them. */
export const CHINA_TIME_ZONE = "Asia/Shanghai";

/** How one field becomes a column. */
type ColumnKind = "str" | "num" | "bool" | "date" | "level";

/** Every field of T, in the object's field order (the object literal's order is the column order). */
type Columns<T> = { readonly [K in keyof Required<T>]: ColumnKind };

const TICK_COLUMNS: Columns<TickData> = {
  gateway_name: "str", symbol: "str", exchange: "str", datetime: "date", name: "str", volume: "num",
  turnover: "num", open_interest: "num", last_price: "num", last_volume: "num", limit_up: "num", limit_down: "num",
  open_price: "num", high_price: "num", low_price: "num", pre_close: "num",
  bid_price_1: "num", bid_price_2: "num", bid_price_3: "num", bid_price_4: "num", bid_price_5: "num",
  ask_price_1: "num", ask_price_2: "num", ask_price_3: "num", ask_price_4: "num", ask_price_5: "num",
  bid_volume_1: "num", bid_volume_2: "num", bid_volume_3: "num", bid_volume_4: "num", bid_volume_5: "num",
  ask_volume_1: "num", ask_volume_2: "num", ask_volume_3: "num", ask_volume_4: "num", ask_volume_5: "num",
  localtime: "date", vt_symbol: "str",
};

const BAR_COLUMNS: Columns<BarData> = {
  gateway_name: "str", symbol: "str", exchange: "str", datetime: "date", interval: "str", volume: "num",
  turnover: "num", open_interest: "num", open_price: "num", high_price: "num", low_price: "num", close_price: "num",
  vt_symbol: "str",
};

const ORDER_COLUMNS: Columns<OrderData> = {
  gateway_name: "str", symbol: "str", exchange: "str", orderid: "str", type: "str", direction: "str", offset: "str",
  price: "num", volume: "num", traded: "num", status: "str", datetime: "date", reference: "str", status_msg: "str",
  vt_symbol: "str", vt_orderid: "str",
};

const TRADE_COLUMNS: Columns<TradeData> = {
  gateway_name: "str", symbol: "str", exchange: "str", orderid: "str", tradeid: "str", direction: "str",
  offset: "str", price: "num", volume: "num", datetime: "date", vt_symbol: "str", vt_orderid: "str", vt_tradeid: "str",
};

const POSITION_COLUMNS: Columns<PositionData> = {
  gateway_name: "str", symbol: "str", exchange: "str", direction: "str", volume: "num", frozen: "num", price: "num",
  pnl: "num", yd_volume: "num", vt_symbol: "str", vt_positionid: "str",
};

const ACCOUNT_COLUMNS: Columns<AccountData> = {
  gateway_name: "str", accountid: "str", balance: "num", frozen: "num", available: "num", vt_accountid: "str",
};

const CONTRACT_COLUMNS: Columns<ContractData> = {
  gateway_name: "str", symbol: "str", exchange: "str", name: "str", product: "str", size: "num", pricetick: "num",
  min_volume: "num", max_volume: "num", stop_supported: "bool", net_position: "bool", history_data: "bool",
  option_strike: "num", option_underlying: "str", option_type: "str", option_listed: "date", option_expiry: "date",
  option_portfolio: "str", option_index: "str", vt_symbol: "str",
};

const LOG_COLUMNS: Columns<LogData> = { gateway_name: "str", msg: "str", level: "level", time: "date" };

/** vn.py's log level names: a level shows as its code ("INFO"), like every other constant. */
const LEVEL_NAMES: Readonly<Record<LogLevel, string>> = { 10: "DEBUG", 20: "INFO", 30: "WARNING", 40: "ERROR", 50: "CRITICAL" };

function levelName(level: unknown): string | null {
  if (typeof level !== "number") return null;
  return LEVEL_NAMES[level as LogLevel] ?? String(level);
}

/**
 * One column. History pulls bring a million rows, so the common shapes take fast paths into polars (typed
 * arrays for numbers and times, one repeated value for a constant text column such as gateway or symbol);
 * the dtypes are the same either way.
 */
function columnOf(name: string, kind: ColumnKind, values: unknown[]): pl.Series {
  switch (kind) {
    case "num":
      return numberColumn(name, values);
    case "bool":
      return pl.Series(name, values.map((v) => (typeof v === "boolean" ? v : null)), pl.Bool);
    case "date":
      return dateColumn(name, values);
    case "level":
      return pl.Series(name, values.map(levelName), pl.Utf8);
    case "str":
      return textColumn(name, values.map((v) => (v === undefined || v === null ? null : String(v))));
  }
}

function numberColumn(name: string, values: unknown[]): pl.Series {
  const numbers = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== "number") return pl.Series(name, values.map((v) => (typeof v === "number" ? v : null)), pl.Float64);
    numbers[i] = value;
  }
  return pl.Series(name, numbers, pl.Float64);
}

function dateColumn(name: string, values: unknown[]): pl.Series {
  const millis = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!(value instanceof Date)) return pl.Series(name, values.map((v) => (v instanceof Date ? v : null)), pl.Datetime("ms", CHINA_TIME_ZONE));
    millis[i] = value.getTime();
  }
  return pl.Series(name, millis).cast(pl.Int64).cast(pl.Datetime("ms")).dt.replaceTimeZone("UTC").dt.convertTimeZone(CHINA_TIME_ZONE);
}

function textColumn(name: string, texts: Array<string | null>): pl.Series {
  const first = texts[0];
  if (texts.length > 1 && first !== null && texts.every((text) => text === first)) return pl.repeat(first, texts.length, name);
  return pl.Series(name, texts, pl.Utf8);
}

function frameOf<T extends object>(columns: Columns<T>, rows: readonly T[]): pl.DataFrame {
  const series = Object.entries(columns as Record<string, ColumnKind>).map(([name, kind]) =>
    columnOf(name, kind, rows.map((row) => (row as Record<string, unknown>)[name])),
  );
  return pl.DataFrame(series);
}

/** Ticks, one row each, with vn.py's 38 TickData columns (vt_symbol included). */
export const ticksFrame = (ticks: readonly TickData[]): pl.DataFrame => frameOf(TICK_COLUMNS, ticks);
/** Bars with vn.py's BarData columns (datetime in China time). */
export const barsFrame = (bars: readonly BarData[]): pl.DataFrame => frameOf(BAR_COLUMNS, bars);
export const ordersFrame = (orders: readonly OrderData[]): pl.DataFrame => frameOf(ORDER_COLUMNS, orders);
export const tradesFrame = (trades: readonly TradeData[]): pl.DataFrame => frameOf(TRADE_COLUMNS, trades);
export const positionsFrame = (positions: readonly PositionData[]): pl.DataFrame => frameOf(POSITION_COLUMNS, positions);
export const accountsFrame = (accounts: readonly AccountData[]): pl.DataFrame => frameOf(ACCOUNT_COLUMNS, accounts);
export const contractsFrame = (contracts: readonly ContractData[]): pl.DataFrame => frameOf(CONTRACT_COLUMNS, contracts);
export const logsFrame = (logs: readonly LogData[]): pl.DataFrame => frameOf(LOG_COLUMNS, logs);
