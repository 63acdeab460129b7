// Data objects and requests in vn.py's shape: readonly snapshots with vn.py's snake_case field names (so a
// DataFrame of them has vn.py's columns) and derived ids (vt_symbol, vt_orderid, ...). Factories fill defaults.
import { ACTIVE_STATUSES, Direction, Exchange, Interval, LogLevel, Offset, OptionType, OrderType, Product, Status, isExchange } from "./constant";
import { TradingError } from "./errors";

/** Fields a factory requires, plus any optional ones; derived ids are never passed in. */
type Init<T, Required extends keyof T, Derived extends keyof T> = Pick<T, Required> & Partial<Omit<T, Required | Derived>>;

export interface TickData {
  readonly gateway_name: string;
  readonly symbol: string;
  readonly exchange: Exchange;
  readonly datetime: Date;
  readonly name: string;
  readonly volume: number;
  readonly turnover: number;
  readonly open_interest: number;
  readonly last_price: number;
  readonly last_volume: number;
  readonly limit_up: number;
  readonly limit_down: number;
  readonly open_price: number;
  readonly high_price: number;
  readonly low_price: number;
  readonly pre_close: number;
  readonly bid_price_1: number; readonly bid_price_2: number; readonly bid_price_3: number; readonly bid_price_4: number; readonly bid_price_5: number;
  readonly ask_price_1: number; readonly ask_price_2: number; readonly ask_price_3: number; readonly ask_price_4: number; readonly ask_price_5: number;
  readonly bid_volume_1: number; readonly bid_volume_2: number; readonly bid_volume_3: number; readonly bid_volume_4: number; readonly bid_volume_5: number;
  readonly ask_volume_1: number; readonly ask_volume_2: number; readonly ask_volume_3: number; readonly ask_volume_4: number; readonly ask_volume_5: number;
  readonly localtime?: Date;
  readonly vt_symbol: string;
}

/**
 * One literal with every field in vn.py's order: V8 gives all ticks one hidden class, which is several times
 * faster than spreading defaults (the tick path runs this tens of thousands of times a second).
 */
export function createTick(init: Init<TickData, "gateway_name" | "symbol" | "exchange" | "datetime", "vt_symbol">): TickData {
  return {
    gateway_name: init.gateway_name, symbol: init.symbol, exchange: init.exchange, datetime: init.datetime,
    name: init.name ?? "", volume: init.volume ?? 0, turnover: init.turnover ?? 0, open_interest: init.open_interest ?? 0,
    last_price: init.last_price ?? 0, last_volume: init.last_volume ?? 0, limit_up: init.limit_up ?? 0,
    limit_down: init.limit_down ?? 0, open_price: init.open_price ?? 0, high_price: init.high_price ?? 0,
    low_price: init.low_price ?? 0, pre_close: init.pre_close ?? 0,
    bid_price_1: init.bid_price_1 ?? 0, bid_price_2: init.bid_price_2 ?? 0, bid_price_3: init.bid_price_3 ?? 0,
    bid_price_4: init.bid_price_4 ?? 0, bid_price_5: init.bid_price_5 ?? 0,
    ask_price_1: init.ask_price_1 ?? 0, ask_price_2: init.ask_price_2 ?? 0, ask_price_3: init.ask_price_3 ?? 0,
    ask_price_4: init.ask_price_4 ?? 0, ask_price_5: init.ask_price_5 ?? 0,
    bid_volume_1: init.bid_volume_1 ?? 0, bid_volume_2: init.bid_volume_2 ?? 0, bid_volume_3: init.bid_volume_3 ?? 0,
    bid_volume_4: init.bid_volume_4 ?? 0, bid_volume_5: init.bid_volume_5 ?? 0,
    ask_volume_1: init.ask_volume_1 ?? 0, ask_volume_2: init.ask_volume_2 ?? 0, ask_volume_3: init.ask_volume_3 ?? 0,
    ask_volume_4: init.ask_volume_4 ?? 0, ask_volume_5: init.ask_volume_5 ?? 0,
    localtime: init.localtime,
    vt_symbol: vtSymbolOf(init.symbol, init.exchange),
  };
}

export interface BarData {
  readonly gateway_name: string;
  readonly symbol: string;
  readonly exchange: Exchange;
  readonly datetime: Date;
  readonly interval: Interval;
  readonly volume: number;
  readonly turnover: number;
  readonly open_interest: number;
  readonly open_price: number;
  readonly high_price: number;
  readonly low_price: number;
  readonly close_price: number;
  readonly vt_symbol: string;
}

export function createBar(init: Init<BarData, "gateway_name" | "symbol" | "exchange" | "datetime" | "interval", "vt_symbol">): BarData {
  return {
    volume: 0, turnover: 0, open_interest: 0, open_price: 0, high_price: 0, low_price: 0, close_price: 0,
    ...init, vt_symbol: vtSymbolOf(init.symbol, init.exchange),
  };
}

export interface OrderData {
  readonly gateway_name: string;
  readonly symbol: string;
  readonly exchange: Exchange;
  readonly orderid: string;
  readonly type: OrderType;
  readonly direction: Direction;
  readonly offset: Offset;
  readonly price: number;
  readonly volume: number;
  readonly traded: number;
  readonly status: Status;
  readonly datetime?: Date;
  readonly reference: string;
  /** Why the order was rejected or cancelled by the counter, when it says. */
  readonly status_msg: string;
  readonly vt_symbol: string;
  readonly vt_orderid: string;
}

export function createOrder(
  init: Init<OrderData, "gateway_name" | "symbol" | "exchange" | "orderid" | "direction", "vt_symbol" | "vt_orderid">,
): OrderData {
  return {
    type: OrderType.LIMIT, offset: Offset.NONE, price: 0, volume: 0, traded: 0, status: Status.SUBMITTING,
    reference: "", status_msg: "",
    ...init,
    vt_symbol: vtSymbolOf(init.symbol, init.exchange),
    vt_orderid: `${init.gateway_name}.${init.orderid}`,
  };
}

export function isActive(order: Pick<OrderData, "status">): boolean {
  return ACTIVE_STATUSES.has(order.status);
}

export interface TradeData {
  readonly gateway_name: string;
  readonly symbol: string;
  readonly exchange: Exchange;
  readonly orderid: string;
  readonly tradeid: string;
  readonly direction: Direction;
  readonly offset: Offset;
  readonly price: number;
  readonly volume: number;
  readonly datetime?: Date;
  readonly vt_symbol: string;
  readonly vt_orderid: string;
  readonly vt_tradeid: string;
}

export function createTrade(
  init: Init<TradeData, "gateway_name" | "symbol" | "exchange" | "orderid" | "tradeid" | "direction", "vt_symbol" | "vt_orderid" | "vt_tradeid">,
): TradeData {
  return {
    offset: Offset.NONE, price: 0, volume: 0,
    ...init,
    vt_symbol: vtSymbolOf(init.symbol, init.exchange),
    vt_orderid: `${init.gateway_name}.${init.orderid}`,
    vt_tradeid: `${init.gateway_name}.${init.tradeid}`,
  };
}

export interface PositionData {
  readonly gateway_name: string;
  readonly symbol: string;
  readonly exchange: Exchange;
  readonly direction: Direction;
  readonly volume: number;
  readonly frozen: number;
  readonly price: number;
  readonly pnl: number;
  readonly yd_volume: number;
  readonly vt_symbol: string;
  /** `${gateway}.${vt_symbol}.${direction}` with the English direction code (vn.py localizes it). */
  readonly vt_positionid: string;
}

export function createPosition(
  init: Init<PositionData, "gateway_name" | "symbol" | "exchange" | "direction", "vt_symbol" | "vt_positionid">,
): PositionData {
  const vt_symbol = vtSymbolOf(init.symbol, init.exchange);
  return {
    volume: 0, frozen: 0, price: 0, pnl: 0, yd_volume: 0,
    ...init,
    vt_symbol,
    vt_positionid: `${init.gateway_name}.${vt_symbol}.${init.direction}`,
  };
}

export interface AccountData {
  readonly gateway_name: string;
  readonly accountid: string;
  readonly balance: number;
  readonly frozen: number;
  readonly available: number;
  readonly vt_accountid: string;
}

export function createAccount(init: Init<AccountData, "gateway_name" | "accountid", "vt_accountid">): AccountData {
  const balance = init.balance ?? 0;
  const frozen = init.frozen ?? 0;
  return {
    ...init, balance, frozen,
    available: init.available ?? balance - frozen,
    vt_accountid: `${init.gateway_name}.${init.accountid}`,
  };
}

export interface ContractData {
  readonly gateway_name: string;
  readonly symbol: string;
  readonly exchange: Exchange;
  readonly name: string;
  readonly product: Product;
  /** Contract multiplier. */
  readonly size: number;
  readonly pricetick: number;
  readonly min_volume: number;
  readonly max_volume?: number;
  readonly stop_supported: boolean;
  readonly net_position: boolean;
  readonly history_data: boolean;
  readonly option_strike?: number;
  readonly option_underlying?: string;
  readonly option_type?: OptionType;
  readonly option_listed?: Date;
  readonly option_expiry?: Date;
  readonly option_portfolio?: string;
  readonly option_index?: string;
  readonly vt_symbol: string;
}

export function createContract(
  init: Init<ContractData, "gateway_name" | "symbol" | "exchange" | "name" | "product" | "size" | "pricetick", "vt_symbol">,
): ContractData {
  return {
    min_volume: 1, stop_supported: false, net_position: false, history_data: false,
    ...init, vt_symbol: vtSymbolOf(init.symbol, init.exchange),
  };
}

export interface LogData {
  readonly gateway_name: string;
  readonly msg: string;
  readonly level: LogLevel;
  readonly time: Date;
}

export function createLog(gateway_name: string, msg: string, level: LogLevel = LogLevel.INFO): LogData {
  return { gateway_name, msg, level, time: new Date() };
}

export interface SubscribeRequest {
  readonly symbol: string;
  readonly exchange: Exchange;
  readonly vt_symbol: string;
}

export interface OrderRequest {
  readonly symbol: string;
  readonly exchange: Exchange;
  readonly direction: Direction;
  readonly type: OrderType;
  readonly volume: number;
  readonly price: number;
  readonly offset: Offset;
  readonly reference: string;
  readonly vt_symbol: string;
}

export interface CancelRequest {
  readonly orderid: string;
  readonly symbol: string;
  readonly exchange: Exchange;
  readonly vt_symbol: string;
}

export interface HistoryRequest {
  readonly symbol: string;
  readonly exchange: Exchange;
  readonly start: Date;
  readonly end: Date;
  readonly interval: Interval;
  readonly vt_symbol: string;
}

export function createSubscribeRequest(vtSymbol: string): SubscribeRequest {
  const [symbol, exchange] = splitVtSymbol(vtSymbol);
  return { symbol, exchange, vt_symbol: vtSymbol };
}

export function createOrderRequest(
  init: Init<OrderRequest, "symbol" | "exchange" | "direction" | "volume", "vt_symbol">,
): OrderRequest {
  return {
    type: OrderType.LIMIT, price: 0, offset: Offset.NONE, reference: "",
    ...init, vt_symbol: vtSymbolOf(init.symbol, init.exchange),
  };
}

export function createHistoryRequest(init: Omit<HistoryRequest, "vt_symbol">): HistoryRequest {
  return { ...init, vt_symbol: vtSymbolOf(init.symbol, init.exchange) };
}

/** The order a gateway pushes first for a request it accepted: same fields, SUBMITTING. */
export function orderFromRequest(req: OrderRequest, orderid: string, gateway_name: string): OrderData {
  return createOrder({
    gateway_name, orderid, symbol: req.symbol, exchange: req.exchange, type: req.type, direction: req.direction,
    offset: req.offset, price: req.price, volume: req.volume, reference: req.reference, datetime: new Date(),
  });
}

export function cancelRequestOf(order: OrderData): CancelRequest {
  return { orderid: order.orderid, symbol: order.symbol, exchange: order.exchange, vt_symbol: order.vt_symbol };
}

export function vtSymbolOf(symbol: string, exchange: Exchange): string {
  return `${symbol}.${exchange}`;
}

/** Splits "rb2601.SHFE" on the last dot (symbols such as IB's "EUR-USD-CASH" or MT5's may contain dots). */
export function splitVtSymbol(vtSymbol: string): [string, Exchange] {
  const dot = vtSymbol.lastIndexOf(".");
  const symbol = dot > 0 ? vtSymbol.slice(0, dot) : "";
  const exchange = dot > 0 ? vtSymbol.slice(dot + 1) : "";
  if (!symbol || !isExchange(exchange)) {
    throw new TradingError(
      "BAD_SYMBOL",
      `"${vtSymbol}" is not a vt_symbol: write SYMBOL.EXCHANGE, e.g. rb2601.SHFE (exchange codes as in vn.py)`,
    );
  }
  return [symbol, exchange];
}
