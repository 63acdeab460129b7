// Event type names (vn.py's strings) and the payload each carries. Types ending in a dot also exist keyed:
// "eTick." + vt_symbol, "eOrder." + vt_orderid, so a handler can listen to one instrument or order.
import type { AccountData, ContractData, LogData, OrderData, PositionData, TickData, TradeData } from "./object";

export const EVENT_TICK = "eTick.";
export const EVENT_TRADE = "eTrade.";
export const EVENT_ORDER = "eOrder.";
export const EVENT_POSITION = "ePosition.";
export const EVENT_ACCOUNT = "eAccount.";
export const EVENT_CONTRACT = "eContract.";
export const EVENT_LOG = "eLog";
export const EVENT_TIMER = "eTimer";

/** The payload of an event type, including keyed types such as "eTick.rb2601.SHFE". */
export type EventPayload<T extends string> =
  T extends `${typeof EVENT_TICK}${string}` ? TickData
  : T extends `${typeof EVENT_TRADE}${string}` ? TradeData
  : T extends `${typeof EVENT_ORDER}${string}` ? OrderData
  : T extends `${typeof EVENT_POSITION}${string}` ? PositionData
  : T extends `${typeof EVENT_ACCOUNT}${string}` ? AccountData
  : T extends `${typeof EVENT_CONTRACT}${string}` ? ContractData
  : T extends typeof EVENT_LOG ? LogData
  : T extends typeof EVENT_TIMER ? undefined
  : unknown;

export interface Event<T extends string = string> {
  readonly type: T;
  readonly data: EventPayload<T>;
}

export type Handler<T extends string = string> = (event: Event<T>) => void;
