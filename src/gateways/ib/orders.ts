// Orders and fills: placeOrder (3) with ids from nextValidId, orderStatus (3) / openOrder (5) mapped to vn.py's
// statuses, execDetails (11) -> TradeData exactly once per execId, and reconciliation after a reconnect
// (reqOpenOrders + reqExecutions) that updates known orders and adds only fills not seen before.
import type { Contract, Execution, Order, OrderState } from "@stoqey/ib";
import { LogLevel, OrderType, Status } from "../../core/constant";
import { TradingError } from "../../core/errors";
import { createOrder, createTrade, isActive, orderFromRequest, type OrderData, type OrderRequest, type TradeData } from "../../core/object";
import type { IbConnection } from "./connection";
import type { ContractBook, KnownContract } from "./contracts";
import { ACTION_IB2VT, ACTION_VT2IB, ORDERTYPE_IB2VT, ORDERTYPE_VT2IB, STATUS_IB2VT } from "./mappings";
import type { IbMessage } from "./messages";
import { parseIbTime } from "./time";

export class OrderBook {
  private readonly orders = new Map<number, OrderData>();
  private readonly seenExecIds = new Set<string>();
  private nextId = 1;

  constructor(
    private readonly connection: IbConnection,
    private readonly contracts: ContractBook,
    private readonly gatewayName: string,
    private readonly pushOrder: (order: OrderData) => void,
    private readonly pushTrade: (trade: TradeData) => void,
    private readonly log: (msg: string, level?: LogLevel) => void,
  ) {}

  /** IB's next valid id; never moves backwards, so ids used before a reconnect are not reused. */
  setNextId(id: number): void {
    this.nextId = Math.max(this.nextId, id);
  }

  send(req: OrderRequest, contract: KnownContract, account: string): string {
    const ibType = ORDERTYPE_VT2IB[req.type];
    if (!ibType) {
      throw new TradingError("BAD_ORDER_TYPE", `IB takes ${Object.keys(ORDERTYPE_VT2IB).join(", ")} orders, not ${req.type}; nothing was sent`);
    }
    const orderId = this.nextId++;
    const order: Order = {
      action: ACTION_VT2IB[req.direction] as Order["action"], totalQuantity: req.volume, orderType: ibType as Order["orderType"],
      lmtPrice: req.type === OrderType.LIMIT ? req.price : undefined, auxPrice: req.type === OrderType.STOP ? req.price : undefined,
      tif: "DAY" as Order["tif"], account: account || undefined, orderRef: req.reference, transmit: true,
    };
    const data = orderFromRequest(req, String(orderId), this.gatewayName);
    try {
      this.connection.ib.placeOrder(orderId, contract.ib, order);
      this.store(data);
    } catch (error) {
      this.store({ ...data, status: Status.REJECTED, status_msg: error instanceof Error ? error.message : String(error) });
    }
    return data.vt_orderid;
  }

  cancel(orderid: string): void {
    this.connection.ib.cancelOrder(Number(orderid));
  }

  /** After (re)connecting: open orders and today's executions; duplicates are dropped by id. */
  reconcile(): void {
    this.connection.ib.reqOpenOrders();
    this.connection.ib.reqExecutions(this.connection.nextRequestId(), {});
  }

  onOrderStatus(orderId: number, status: string, filled: number | undefined): void {
    const order = this.orders.get(orderId);
    if (!order) return; // openOrder (5) always comes first for orders we did not send
    this.applyStatus(order, status, filled ?? order.traded);
  }

  onOpenOrder(orderId: number, contract: Contract, order: Order, state: OrderState): void {
    const known = this.orders.get(orderId);
    if (known) return this.applyStatus(known, state.status ?? "", known.traded);
    const { symbol, exchange } = this.contracts.symbolOf(contract);
    const type = ORDERTYPE_IB2VT[order.orderType ?? ""] ?? OrderType.LIMIT;
    const data = createOrder({
      gateway_name: this.gatewayName, orderid: String(orderId), symbol, exchange, direction: ACTION_IB2VT[order.action ?? "BUY"],
      type, volume: order.totalQuantity ?? 0, price: (type === OrderType.STOP ? order.auxPrice : order.lmtPrice) ?? 0,
      reference: order.orderRef ?? "", status: STATUS_IB2VT[state.status ?? ""] ?? Status.NOTTRADED, datetime: new Date(),
    });
    this.store(data);
  }

  onExecution(contract: Contract, execution: Execution): void {
    const execId = execution.execId ?? "";
    if (!execId || this.seenExecIds.has(execId)) return;
    this.seenExecIds.add(execId);
    const { symbol, exchange } = this.contracts.symbolOf(contract);
    const time = parseIbTime(execution.time ?? "");
    this.pushTrade(createTrade({
      gateway_name: this.gatewayName, symbol, exchange, orderid: String(execution.orderId), tradeid: execId,
      direction: ACTION_IB2VT[execution.side ?? "BOT"], price: execution.price ?? 0, volume: execution.shares ?? 0,
      datetime: time === undefined ? new Date() : new Date(time),
    }));
  }

  /** Errors whose id is one of our orders: 201 rejects, 202 cancels, other errors reject an unacknowledged order. */
  onError(orderId: number, message: IbMessage): boolean {
    const order = this.orders.get(orderId);
    if (!order) return false;
    this.log(`order ${order.vt_orderid}: ${message.text}`, message.level);
    if (!isActive(order)) return true;
    if (message.kind === "order-rejected" || (message.level >= LogLevel.ERROR && order.status === Status.SUBMITTING)) {
      this.store({ ...order, status: Status.REJECTED, status_msg: message.text });
    } else if (message.kind === "order-cancelled") {
      this.store({ ...order, status: Status.CANCELLED, status_msg: message.text });
    }
    return true;
  }

  private applyStatus(order: OrderData, ibStatus: string, filled: number): void {
    let status = STATUS_IB2VT[ibStatus] ?? order.status; // PendingCancel and unknown texts keep the current status
    if (status === Status.NOTTRADED && filled > 0) status = Status.PARTTRADED;
    if (status === order.status && filled === order.traded) return;
    this.store({ ...order, status, traded: filled });
  }

  private store(order: OrderData): void {
    this.orders.set(Number(order.orderid), order);
    this.pushOrder(order);
  }
}
