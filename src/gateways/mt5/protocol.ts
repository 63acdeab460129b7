// vn.py's MT5 bridge protocol as types: the JSON requests sent to the Expert Advisor's REP socket, its
// replies, and what it publishes on PUB (field names exactly as vnpy_mt5's EA writes them), plus the MQL5
// enum codes the messages carry. Our EA (native/mt5) adds a few optional fields, marked as such.

/** Request `type` codes (FUNCTION_* in the EA). */
export const RequestType = Object.freeze({
  QUERY_CONTRACT: 0, QUERY_ORDER: 1, QUERY_HISTORY: 2, SUBSCRIBE: 3, SEND_ORDER: 4, CANCEL_ORDER: 5,
} as const);
export type RequestType = (typeof RequestType)[keyof typeof RequestType];

export type Mt5Request =
  | { readonly type: typeof RequestType.QUERY_CONTRACT }
  | { readonly type: typeof RequestType.QUERY_ORDER }
  | {
      readonly type: typeof RequestType.QUERY_HISTORY; readonly symbol: string; readonly interval: number;
      /** Server wall-clock time "YYYY.MM.DD HH:MM:SS" (StringToTime's form). */
      readonly start_time: string; readonly end_time: string;
    }
  | { readonly type: typeof RequestType.SUBSCRIBE; readonly symbol: string }
  | {
      readonly type: typeof RequestType.SEND_ORDER; readonly symbol: string; readonly cmd: number;
      readonly price: number; readonly volume: number; readonly comment: string;
    }
  | { readonly type: typeof RequestType.CANCEL_ORDER; readonly ticket: number };

/** One symbol of the contract reply `{"data": [...]}` (that reply has no "type"). */
export interface WireContract {
  symbol: string;
  digits: number;
  lot_size: number;
  min_lot: number;
  /** Ours: SYMBOL_DESCRIPTION, SYMBOL_TRADE_CALC_MODE, SYMBOL_VOLUME_MAX. */
  description?: string;
  calc_mode?: number;
  max_lot?: number;
}

/** One order of the type-1 reply `{"type":"order","data":[...]}`. */
export interface WireOrder {
  symbol: string;
  order: number;
  order_type: number;
  order_state: number;
  order_price: number;
  order_volume_initial: number;
  order_volume_current: number;
  order_comment: string;
  order_time_setup: number;
}

/** One bar of the history reply; `time` is TimeToString of server time ("YYYY.MM.DD HH:MM"). */
export interface WireBar {
  time: string;
  open: number;
  high: number;
  low: number;
  close: number;
  real_volume: number;
  /** Ours: the bar's open time as server-epoch seconds (exact, no parsing) and MqlRates.tick_volume. */
  timestamp?: number;
  tick_volume?: number;
}

export interface WireHistoryReply { type: "history"; result: number; data?: WireBar[]; message?: string }
export interface WireSendReply { type: "send"; data: { result: boolean; retcode: number; comment: string } }
export interface WireCancelReply { type: "cancel"; data: { result: boolean } }
export interface WireSubscribeReply { type: "subscribe"; data: { new_symbol: boolean } }
/** Ours: what our EA answers to a request it cannot serve (vn.py's EA answers an empty string). */
export interface WireErrorReply { type: "error"; message: string }

export interface WirePrice {
  symbol: string;
  bid_high: number; ask_high: number; last_high: number;
  bid_low: number; ask_low: number; last_low: number;
  /** SYMBOL_TIME: server-epoch seconds of the last quote (our EA); vn.py ignores it. */
  time?: number | string;
  last: number; bid: number; ask: number;
  last_volume: number;
}

export interface WireAccount {
  name: string | number; balance: number; margin: number; free_margin: number; profit: number;
  currency: string; company: string;
}

export interface WirePosition { price: number; type: number; symbol: string; volume: number; current_profit: number }

/** An OnTradeTransaction publication: transaction, the selected order, result and request fields. */
export interface WireTransaction {
  symbol: string; deal: number; order: number; trans_type: number; deal_type: number;
  trans_price: number; trans_volume: number; trans_state: number;
  order_type: number; order_state: number; order_price: number; order_volume_initial: number;
  order_volume_current: number; order_comment: string; order_time_setup: number;
  result_deal: number; result_order: number; result_volume: number; result_price: number;
  result_retcode: number; result_comment: string;
  request_action: number; request_type: number; request_comment: string;
}

export type WirePush =
  | { type: "price"; data: WirePrice[] }
  | { type: "account"; data: WireAccount }
  | { type: "position"; data: WirePosition[] }
  | { type: "order"; data: WireTransaction };

/** ENUM_TRADE_TRANSACTION_TYPE values the gateway reacts to. */
export const TransType = Object.freeze({
  ORDER_ADD: 0, ORDER_UPDATE: 1, ORDER_DELETE: 2, DEAL_ADD: 3, HISTORY_ADD: 6, REQUEST: 10,
} as const);

/** ENUM_ORDER_TYPE: even codes buy, odd codes sell. */
export const Mt5OrderType = Object.freeze({
  BUY: 0, SELL: 1, BUY_LIMIT: 2, SELL_LIMIT: 3, BUY_STOP: 4, SELL_STOP: 5,
} as const);

/** ENUM_ORDER_STATE. */
export const Mt5OrderState = Object.freeze({
  STARTED: 0, PLACED: 1, CANCELED: 2, PARTIAL: 3, FILLED: 4, REJECTED: 5, EXPIRED: 6,
  REQUEST_ADD: 7, REQUEST_MODIFY: 8, REQUEST_CANCEL: 9,
} as const);

/** Trade server return codes that mean the request went through. */
export const RETCODE_OK: ReadonlySet<number> = new Set([10008, 10009, 10010]);
export const RETCODE_MARKET_CLOSED = 10018;

/** MqlTradeResult.retcode -> plain words, for rejected orders. */
export const RETCODE_TEXT: Readonly<Record<number, string>> = {
  10004: "requote", 10006: "request rejected", 10007: "request canceled by trader", 10010: "only part of the request was completed",
  10011: "request processing error", 10012: "request canceled by timeout", 10013: "invalid request",
  10014: "invalid volume", 10015: "invalid price", 10016: "invalid stops", 10017: "trading is disabled",
  10018: "market is closed", 10019: "not enough money", 10020: "prices changed", 10021: "no quotes to process the request",
  10022: "invalid order expiration", 10023: "order state changed", 10024: "too many requests",
  10026: "autotrading disabled by the server", 10027: "autotrading disabled in the terminal (enable Algo Trading)",
  10030: "unsupported filling mode for this symbol", 10031: "no connection with the trade server",
  10033: "too many pending orders", 10034: "volume limit for this symbol reached", 10038: "close volume exceeds the position",
  10040: "too many positions", 10044: "only closing positions is allowed for this symbol",
};

export function retcodeText(retcode: number, comment = ""): string {
  const words = RETCODE_TEXT[retcode] ?? "trade server refused the request";
  return `${words} (retcode ${retcode}${comment ? `, ${comment}` : ""})`;
}
