// IB <-> vn.py mapping tables (vn.py's vnpy_ib conventions): exchanges, products, order types, order status,
// execution sides and tick types. Tables, not branches.
import { Direction, Exchange, OrderType, Product, Status } from "../../core/constant";

/** vn.py exchange -> IB exchange string (same text unless listed otherwise in vnpy_ib). */
export const EXCHANGE_VT2IB: Readonly<Partial<Record<Exchange, string>>> = {
  SMART: "SMART", NYMEX: "NYMEX", COMEX: "COMEX", GLOBEX: "GLOBEX", IDEALPRO: "IDEALPRO", CME: "CME", CBOT: "CBOT",
  CBOE: "CBOE", ICE: "ICE", SEHK: "SEHK", SSE: "SEHKNTL", SZSE: "SEHKSZSE", HKFE: "HKFE", CFE: "CFE", TSE: "TSE",
  NYSE: "NYSE", NASDAQ: "NASDAQ", AMEX: "AMEX", ARCA: "ARCA", EDGEA: "EDGEA", ISLAND: "ISLAND", BATS: "BATS", IEX: "IEX",
  IBKRATS: "IBKRATS", OTC: "PINK", SGX: "SGX", EUX: "EUREX", LME: "LMEOTC",
};

export const EXCHANGE_IB2VT: Readonly<Record<string, Exchange>> = Object.fromEntries(
  Object.entries(EXCHANGE_VT2IB).map(([vt, ib]) => [ib, vt as Exchange]),
);

/** The exchanges the IB gateway trades (vn.py's 28). */
export const IB_EXCHANGES: readonly Exchange[] = Object.keys(EXCHANGE_VT2IB) as Exchange[];

export const PRODUCT_IB2VT: Readonly<Record<string, Product>> = {
  STK: Product.EQUITY, CASH: Product.FOREX, CMDTY: Product.SPOT, FUT: Product.FUTURES, CONTFUT: Product.FUTURES,
  OPT: Product.OPTION, FOP: Product.OPTION, IND: Product.INDEX, CFD: Product.CFD,
};

/** The order types IB takes from us and the IB code for each (vn.py maps exactly these three). */
export const ORDERTYPE_VT2IB: Readonly<Partial<Record<OrderType, string>>> = { LIMIT: "LMT", MARKET: "MKT", STOP: "STP" };
export const ORDERTYPE_IB2VT: Readonly<Record<string, OrderType>> = { LMT: OrderType.LIMIT, MKT: OrderType.MARKET, STP: OrderType.STOP };

export const ACTION_VT2IB: Readonly<Partial<Record<Direction, "BUY" | "SELL">>> = { LONG: "BUY", SHORT: "SELL" };
export const ACTION_IB2VT: Readonly<Record<string, Direction>> = { BUY: Direction.LONG, SELL: Direction.SHORT, BOT: Direction.LONG, SLD: Direction.SHORT };

/** IB order status -> vn.py status. PendingCancel keeps the order's current status (absent here on purpose). */
export const STATUS_IB2VT: Readonly<Record<string, Status>> = {
  ApiPending: Status.SUBMITTING, PendingSubmit: Status.SUBMITTING, PreSubmitted: Status.NOTTRADED, Submitted: Status.NOTTRADED,
  ApiCancelled: Status.CANCELLED, Cancelled: Status.CANCELLED, Filled: Status.ALLTRADED, Inactive: Status.REJECTED,
};

type TickField =
  | "bid_price_1" | "ask_price_1" | "last_price" | "bid_volume_1" | "ask_volume_1" | "last_volume"
  | "high_price" | "low_price" | "volume" | "pre_close" | "open_price" | "open_interest";

/** IB tick type -> TickData field; live types (vn.py's table) and their delayed twins (66+). */
export const TICK_FIELD_IB2VT: Readonly<Record<number, TickField>> = {
  0: "bid_volume_1", 1: "bid_price_1", 2: "ask_price_1", 3: "ask_volume_1", 4: "last_price", 5: "last_volume",
  6: "high_price", 7: "low_price", 8: "volume", 9: "pre_close", 14: "open_price", 86: "open_interest",
  66: "bid_price_1", 67: "ask_price_1", 68: "last_price", 69: "bid_volume_1", 70: "ask_volume_1", 71: "last_volume",
  72: "high_price", 73: "low_price", 74: "volume", 75: "pre_close", 76: "open_price",
};

/** IB's market data types (reqMarketDataType / marketDataType 58). */
export const MARKET_DATA_TYPE_NAMES: Readonly<Record<number, string>> = { 1: "live", 2: "frozen", 3: "delayed", 4: "delayed frozen" };
