// Tables between vn.py's model and MT5's codes, and the pure builders that turn bridge messages into
// vn.py objects (contracts, ticks, account, positions). No sockets, no state.
import { Direction, Exchange, OrderType, Product, Status } from "../../core/constant";
import { TradingError } from "../../core/errors";
import {
  createAccount, createContract, createPosition, createTick,
  type AccountData, type ContractData, type PositionData, type TickData,
} from "../../core/object";
import { Mt5OrderState, Mt5OrderType, type WireAccount, type WireContract, type WirePosition, type WirePrice } from "./protocol";
import { serverSecondsToDate, parseServerTime, type ServerTimeZone } from "./timezone";

/** MT5 symbols may contain dots ("EURUSD.x"), which vt_symbol reserves for the exchange: vn.py writes "-". */
export function symbolToVt(mt5Symbol: string): string {
  return mt5Symbol.replace(/\./g, "-");
}

export function symbolToMt5(vtSymbolPart: string): string {
  return vtSymbolPart.replace(/-/g, ".");
}

/** (direction, type) -> ENUM_ORDER_TYPE; FAK, FOK, RFQ and ETF have no MT5 equivalent through this bridge. */
const ORDER_CMD: Readonly<Partial<Record<OrderType, Readonly<Record<"LONG" | "SHORT", number>>>>> = {
  [OrderType.MARKET]: { LONG: Mt5OrderType.BUY, SHORT: Mt5OrderType.SELL },
  [OrderType.LIMIT]: { LONG: Mt5OrderType.BUY_LIMIT, SHORT: Mt5OrderType.SELL_LIMIT },
  [OrderType.STOP]: { LONG: Mt5OrderType.BUY_STOP, SHORT: Mt5OrderType.SELL_STOP },
};

export function orderCmd(direction: Direction, type: OrderType): number {
  const byDirection = ORDER_CMD[type];
  if (!byDirection) {
    throw new TradingError(
      "BAD_ORDER_TYPE",
      `MT5 takes MARKET, LIMIT and STOP orders; ${type} is not available through the terminal bridge (nothing was sent)`,
    );
  }
  if (direction === Direction.NET) throw new TradingError("BAD_REQUEST", "an order's direction is LONG or SHORT, not NET");
  return byDirection[direction];
}

/** ENUM_ORDER_TYPE -> (direction, vn.py type). */
export function orderTypeOf(cmd: number): { direction: Direction; type: OrderType } {
  const direction = cmd % 2 === 0 ? Direction.LONG : Direction.SHORT;
  const type = cmd <= 1 ? OrderType.MARKET : cmd <= 3 ? OrderType.LIMIT : OrderType.STOP;
  return { direction, type };
}

/** ENUM_ORDER_STATE -> Status. Pending modify/cancel requests leave the order working. */
export const STATUS_MT5_TO_VT: Readonly<Record<number, Status>> = {
  [Mt5OrderState.STARTED]: Status.SUBMITTING,
  [Mt5OrderState.PLACED]: Status.NOTTRADED,
  [Mt5OrderState.CANCELED]: Status.CANCELLED,
  [Mt5OrderState.PARTIAL]: Status.PARTTRADED,
  [Mt5OrderState.FILLED]: Status.ALLTRADED,
  [Mt5OrderState.REJECTED]: Status.REJECTED,
  [Mt5OrderState.EXPIRED]: Status.CANCELLED,
  [Mt5OrderState.REQUEST_ADD]: Status.SUBMITTING,
  [Mt5OrderState.REQUEST_MODIFY]: Status.NOTTRADED,
  [Mt5OrderState.REQUEST_CANCEL]: Status.NOTTRADED,
};

/** SYMBOL_TRADE_CALC_MODE 0 (Forex) and 5 (Forex no leverage) are currency pairs; the rest are CFDs. */
function productOf(calcMode: number | undefined): Product {
  return calcMode === undefined || calcMode === 0 || calcMode === 5 ? Product.FOREX : Product.CFD;
}

export function contractFromWire(wire: WireContract, gatewayName: string): ContractData {
  const digits = Number(wire.digits) || 0;
  return createContract({
    gateway_name: gatewayName,
    symbol: symbolToVt(wire.symbol),
    exchange: Exchange.OTC,
    name: wire.description || wire.symbol,
    product: productOf(wire.calc_mode),
    size: Number(wire.lot_size) || 1,
    pricetick: Number((10 ** -digits).toFixed(digits)),
    min_volume: Number(wire.min_lot) || 0.01,
    max_volume: wire.max_lot ? Number(wire.max_lot) : undefined,
    stop_supported: true,
    net_position: true,
    history_data: true,
  });
}

function mid(a: number, b: number): number {
  return a > 0 && b > 0 ? (a + b) / 2 : Math.max(a, b);
}

/** A tick from one price entry. Uses the last deal price when the symbol has one (vn.py always took the mid). */
export function tickFromWire(wire: WirePrice, gatewayName: string, zone: ServerTimeZone, now: Date): TickData {
  const quoteMid = mid(wire.bid, wire.ask);
  return createTick({
    gateway_name: gatewayName,
    symbol: symbolToVt(wire.symbol),
    exchange: Exchange.OTC,
    datetime: quoteTime(wire.time, zone) ?? now,
    localtime: now,
    name: wire.symbol,
    last_price: wire.last > 0 ? wire.last : quoteMid,
    high_price: wire.last_high > 0 ? wire.last_high : mid(wire.bid_high, wire.ask_high),
    low_price: wire.last_low > 0 ? wire.last_low : mid(wire.bid_low, wire.ask_low),
    last_volume: wire.last_volume || 0,
    volume: wire.last_volume || 0,
    bid_price_1: wire.bid,
    ask_price_1: wire.ask,
  });
}

/** SYMBOL_TIME as server-epoch seconds (our EA) or a TimeToString string; anything else means "now". */
function quoteTime(time: number | string | undefined, zone: ServerTimeZone): Date | undefined {
  const seconds = typeof time === "number" ? time : typeof time === "string" ? parseServerTime(time) : undefined;
  return seconds && seconds > 0 ? serverSecondsToDate(seconds, zone) : undefined;
}

export function accountFromWire(wire: WireAccount, gatewayName: string): AccountData {
  return createAccount({
    gateway_name: gatewayName,
    accountid: String(wire.name),
    balance: wire.balance,
    frozen: wire.margin,
    available: wire.free_margin,
  });
}

/** NET positions, volume signed by side (type 0 buy, 1 sell). */
export function positionFromWire(wire: WirePosition, gatewayName: string): PositionData {
  return createPosition({
    gateway_name: gatewayName,
    symbol: symbolToVt(wire.symbol),
    exchange: Exchange.OTC,
    direction: Direction.NET,
    volume: wire.type === 1 ? -wire.volume : wire.volume,
    price: wire.price,
    pnl: wire.current_profit,
  });
}

export function flatPosition(vtSymbolPart: string, gatewayName: string): PositionData {
  return createPosition({ gateway_name: gatewayName, symbol: vtSymbolPart, exchange: Exchange.OTC, direction: Direction.NET });
}
