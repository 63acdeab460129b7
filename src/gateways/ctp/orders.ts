// The CTP order book of one gateway: OnRtnOrder / OnRtnTrade / insert errors to OrderData and TradeData, deduplicated.
import { LogLevel, Status, type Exchange } from "../../core/constant";
import { TradingError } from "../../core/errors";
import {
  createOrder, createTrade, type CancelRequest, type ContractData, type OrderData, type OrderRequest, type TradeData,
} from "../../core/object";
import type { StructValues } from "./codec";
import {
  DIRECTION_CTP_TO_VT, DIRECTION_VT_TO_CTP, OFFSET_CTP_TO_VT, OFFSET_VT_TO_CTP, ORDER_TYPE_CTP_TO_VT, ORDER_TYPE_VT_TO_CTP,
  STATUS_CTP_TO_VT, chinaTime, errorText,
} from "./mappings";
import { CTP } from "./structs";

/** What the order book pushes to and reads from its gateway. */
export interface OrderBookHost {
  readonly name: string;
  readonly contracts: ReadonlyMap<string, ContractData>;
  onOrder(order: OrderData): void;
  onTrade(trade: TradeData): void;
  writeLog(msg: string, level?: LogLevel): void;
}

export interface SessionIds {
  readonly frontId: number;
  readonly sessionId: number;
}

const str = (v: unknown): string => String(v ?? "").trim();

/** How far along an order is; a replayed update ranking below the known one is old news. */
const PROGRESS: Readonly<Record<Status, number>> = {
  SUBMITTING: 0, NOTTRADED: 1, PARTTRADED: 2, ALLTRADED: 3, CANCELLED: 3, REJECTED: 3,
};

/** "FrontID_SessionID_OrderRef", vn.py's order id (the SessionID may be negative). */
export function orderIdOf(frontId: unknown, sessionId: unknown, orderRef: unknown): string {
  return `${str(frontId)}_${str(sessionId)}_${str(orderRef)}`;
}

/**
 * Orders and trades as the counter reports them. After a reconnect the private flow may replay updates
 * already seen: an update equal to or older than what is known (fewer lots traded, or active after final)
 * is dropped, and a trade is pushed once per (exchange, trade id, direction).
 */
export class OrderBook {
  private readonly orders = new Map<string, OrderData>();
  private readonly orderIdBySysId = new Map<string, string>();
  private readonly seenTrades = new Set<string>();
  private readonly tradesWaitingForOrder = new Map<string, StructValues[]>();
  private readonly beforeContracts: Array<["order" | "trade", StructValues]> = [];
  private contractsReady = false;

  constructor(private readonly host: OrderBookHost) {}

  /** Replays what arrived before the instrument query finished (contracts give the exchange). */
  contractsLoaded(): void {
    this.contractsReady = true;
    const waiting = this.beforeContracts.splice(0);
    for (const [kind, f] of waiting) (kind === "order" ? this.onRtnOrder(f) : this.onRtnTrade(f));
  }

  get(orderid: string): OrderData | undefined {
    return this.orders.get(orderid);
  }

  /** The ReqOrderInsert fields for a request, or a TradingError naming what CTP cannot express. */
  insertFields(req: OrderRequest, orderRef: number, ids: { brokerId: string; userId: string }): StructValues {
    const contract = this.host.contracts.get(req.symbol);
    if (!contract || contract.exchange !== req.exchange) {
      throw new TradingError("UNKNOWN_SYMBOL", `${req.vt_symbol} is not a contract of ${this.host.name}; see %contracts`);
    }
    const offset = OFFSET_VT_TO_CTP[req.offset];
    if (!offset) throw new TradingError("BAD_OFFSET", `请选择开平方向: ${req.vt_symbol} needs OPEN, CLOSE, CLOSETODAY or CLOSEYESTERDAY`);
    const codes = ORDER_TYPE_VT_TO_CTP[req.type];
    if (!codes) throw new TradingError("BAD_ORDER_TYPE", `当前接口不支持该类型的委托${req.type}: CTP takes LIMIT, MARKET, FAK or FOK`);
    const direction = DIRECTION_VT_TO_CTP[req.direction];
    if (!direction) throw new TradingError("BAD_REQUEST", `direction ${req.direction} cannot be sent; use LONG or SHORT`);
    if (!Number.isInteger(req.volume) || req.volume <= 0) {
      throw new TradingError("BAD_VOLUME", `CTP orders are whole lots; got volume ${req.volume}`);
    }
    if (!Number.isFinite(req.price) || req.price < 0) throw new TradingError("BAD_PRICE", `price must be a number ≥ 0, got ${req.price}`);
    const [priceType, timeCondition, volumeCondition] = codes;
    return {
      InstrumentID: req.symbol, ExchangeID: req.exchange, LimitPrice: req.price, VolumeTotalOriginal: req.volume,
      OrderPriceType: priceType, Direction: direction, CombOffsetFlag: offset, OrderRef: String(orderRef),
      InvestorID: ids.userId, UserID: ids.userId, BrokerID: ids.brokerId,
      CombHedgeFlag: CTP.THOST_FTDC_HF_Speculation, ContingentCondition: CTP.THOST_FTDC_CC_Immediately,
      ForceCloseReason: CTP.THOST_FTDC_FCC_NotForceClose, IsAutoSuspend: 0,
      TimeCondition: timeCondition, VolumeCondition: volumeCondition, MinVolume: 1,
    };
  }

  /** The ReqOrderAction fields for a cancel of one of this gateway's order ids. */
  actionFields(req: CancelRequest, ids: { brokerId: string; userId: string }): StructValues {
    const parts = req.orderid.split("_");
    if (parts.length !== 3 || !parts.every((p) => /^-?\d+$/.test(p))) {
      throw new TradingError("UNKNOWN_ORDER", `"${req.orderid}" is not a CTP order id (FrontID_SessionID_OrderRef)`);
    }
    const [frontId, sessionId, orderRef] = parts;
    return {
      InstrumentID: req.symbol, ExchangeID: req.exchange, OrderRef: orderRef, FrontID: Number(frontId),
      SessionID: Number(sessionId), ActionFlag: CTP.THOST_FTDC_AF_Delete, BrokerID: ids.brokerId, InvestorID: ids.userId,
    };
  }

  /** Pushes the order unless it repeats or predates what is already known; true when pushed. */
  apply(order: OrderData): boolean {
    const known = this.orders.get(order.orderid);
    if (known) {
      const stale = PROGRESS[order.status] < PROGRESS[known.status] || order.traded < known.traded;
      const same = known.status === order.status && known.traded === order.traded;
      if (stale || same) return false;
    }
    this.orders.set(order.orderid, order);
    this.host.onOrder(order);
    return true;
  }

  onRtnOrder(f: StructValues): void {
    if (!this.contractsReady) { this.beforeContracts.push(["order", f]); return; }
    const contract = this.host.contracts.get(str(f.InstrumentID));
    if (!contract) { this.host.writeLog(`委托的合约${str(f.InstrumentID)}不在合约列表中，已忽略`, LogLevel.WARNING); return; }
    const orderid = orderIdOf(f.FrontID, f.SessionID, f.OrderRef);
    const rejected = f.OrderStatus === CTP.THOST_FTDC_OST_Canceled && f.OrderSubmitStatus === CTP.THOST_FTDC_OSS_InsertRejected;
    const status = rejected ? Status.REJECTED : STATUS_CTP_TO_VT[str(f.OrderStatus)];
    const type = ORDER_TYPE_CTP_TO_VT[`${f.OrderPriceType}${f.TimeCondition}${f.VolumeCondition}`];
    if (!status || !type) {
      this.host.writeLog(`委托${orderid}的状态${str(f.OrderStatus)}或类型不受支持，已忽略`, LogLevel.WARNING);
      return;
    }
    const sysId = str(f.OrderSysID);
    if (sysId) this.orderIdBySysId.set(`${contract.exchange}:${sysId}`, orderid);
    const statusMsg = str(f.StatusMsg);
    const order = createOrder({
      gateway_name: this.host.name, symbol: contract.symbol, exchange: contract.exchange, orderid, type,
      direction: DIRECTION_CTP_TO_VT[str(f.Direction)], offset: OFFSET_CTP_TO_VT[str(f.CombOffsetFlag).charAt(0)],
      price: Number(f.LimitPrice), volume: Number(f.VolumeTotalOriginal), traded: Number(f.VolumeTraded), status,
      datetime: chinaTime(str(f.InsertDate), str(f.InsertTime)), status_msg: statusMsg,
      reference: this.orders.get(orderid)?.reference ?? "",
    });
    if (this.apply(order) && (status === Status.REJECTED || (status === Status.CANCELLED && statusMsg !== "已撤单"))) {
      this.host.writeLog(`委托${orderid}状态更新，${statusMsg}`, LogLevel.WARNING);
    }
    if (sysId) this.releaseTrades(`${contract.exchange}:${sysId}`);
  }

  onRtnTrade(f: StructValues): void {
    if (!this.contractsReady) { this.beforeContracts.push(["trade", f]); return; }
    const contract = this.host.contracts.get(str(f.InstrumentID));
    if (!contract) { this.host.writeLog(`成交的合约${str(f.InstrumentID)}不在合约列表中，已忽略`, LogLevel.WARNING); return; }
    const tradeid = str(f.TradeID);
    const key = `${contract.exchange}:${tradeid}:${str(f.Direction)}`;
    if (this.seenTrades.has(key)) return;
    const sysKey = `${contract.exchange}:${str(f.OrderSysID)}`;
    const orderid = this.orderIdBySysId.get(sysKey);
    if (!orderid) {
      // CTP sends the order before its trades; one that has not arrived yet is waited for, not guessed.
      this.tradesWaitingForOrder.set(sysKey, [...(this.tradesWaitingForOrder.get(sysKey) ?? []), f]);
      return;
    }
    this.seenTrades.add(key);
    this.host.onTrade(createTrade({
      gateway_name: this.host.name, symbol: contract.symbol, exchange: contract.exchange as Exchange, orderid, tradeid,
      direction: DIRECTION_CTP_TO_VT[str(f.Direction)], offset: OFFSET_CTP_TO_VT[str(f.OffsetFlag)],
      price: Number(f.Price), volume: Number(f.Volume), datetime: chinaTime(str(f.TradeDate), str(f.TradeTime)),
    }));
  }

  /** OnRspOrderInsert / OnErrRtnOrderInsert: the counter refused the insert; the echo becomes a REJECTED order. */
  onInsertError(f: StructValues, error: { id: number; message: string }, ids: SessionIds): void {
    const orderid = orderIdOf(ids.frontId, ids.sessionId, f.OrderRef);
    const symbol = str(f.InstrumentID);
    const contract = this.host.contracts.get(symbol);
    const known = this.orders.get(orderid);
    const order = createOrder({
      gateway_name: this.host.name, symbol, exchange: contract?.exchange ?? (str(f.ExchangeID) as Exchange), orderid,
      type: ORDER_TYPE_CTP_TO_VT[`${f.OrderPriceType}${f.TimeCondition}${f.VolumeCondition}`] ?? known?.type,
      direction: DIRECTION_CTP_TO_VT[str(f.Direction)], offset: OFFSET_CTP_TO_VT[str(f.CombOffsetFlag).charAt(0)],
      price: Number(f.LimitPrice), volume: Number(f.VolumeTotalOriginal), status: Status.REJECTED,
      datetime: known?.datetime ?? new Date(), reference: known?.reference ?? "", status_msg: error.message,
    });
    if (this.apply(order)) this.host.writeLog(errorText("交易委托失败", error), LogLevel.ERROR);
  }

  private releaseTrades(sysKey: string): void {
    const waiting = this.tradesWaitingForOrder.get(sysKey);
    if (!waiting) return;
    this.tradesWaitingForOrder.delete(sysKey);
    for (const f of waiting) this.onRtnTrade(f);
  }
}
