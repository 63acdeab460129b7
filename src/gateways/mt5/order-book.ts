// The gateway's orders: local id <-> MT5 ticket (the local id travels as the MT5 comment, vn.py's scheme),
// and what each trade transaction, query reply or send reply does to them. Returns fresh snapshots to push.
import { Exchange, Status } from "../../core/constant";
import { createOrder, createTrade, isActive, type OrderData, type TradeData } from "../../core/object";
import { orderTypeOf, STATUS_MT5_TO_VT, symbolToVt } from "./mappings";
import { RETCODE_OK, TransType, retcodeText, type WireOrder, type WireTransaction } from "./protocol";

/** The form nextOrderId writes. */
const LOCAL_ID = /^\d{8}_\d{6}_\d{4}$/;

export interface TransactionOutcome {
  readonly orders: OrderData[];
  readonly trades: TradeData[];
  /** Cancels asked for before the terminal told us the ticket, now sendable. */
  readonly cancels: { orderid: string; ticket: number }[];
}

export class OrderBook {
  private readonly orders = new Map<string, OrderData>();
  private readonly ticketToLocal = new Map<number, string>();
  private readonly localToTicket = new Map<string, number>();
  private readonly pendingCancels = new Set<string>();
  private readonly seenDeals = new Set<number>();
  private counter = 0;

  constructor(
    private readonly gatewayName: string,
    /** order_time_setup is server wall-clock time; the gateway converts it with the server time zone. */
    private readonly serverTimeToDate: (serverSeconds: number) => Date,
  ) {}

  /** vn.py's local id form, YYYYmmdd_HHMMSS_ plus a counter: fits MT5's 31-character comment. */
  nextOrderId(now = new Date()): string {
    this.counter += 1;
    const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "_").slice(0, 15);
    return `${stamp}_${String(this.counter).padStart(4, "0")}`;
  }

  get(orderid: string): OrderData | undefined {
    return this.orders.get(orderid);
  }

  ticketOf(orderid: string): number | undefined {
    return this.localToTicket.get(orderid);
  }

  put(order: OrderData): OrderData {
    this.orders.set(order.orderid, order);
    return order;
  }

  /** Marks a cancel to send as soon as the order's ticket is known. */
  deferCancel(orderid: string): void {
    this.pendingCancels.add(orderid);
  }

  reject(orderid: string, reason: string): OrderData | undefined {
    const order = this.orders.get(orderid);
    if (!order || !isActive(order)) return undefined;
    return this.put({ ...order, status: Status.REJECTED, status_msg: reason });
  }

  /** Orders listed by the type-1 query: adopts ours (by comment) and terminal-placed ones (by ticket). */
  fromQuery(wire: readonly WireOrder[]): OrderData[] {
    return wire.map((w) => {
      const orderid = this.link(w.order, w.order_comment);
      const known = this.orders.get(orderid);
      return this.put(this.snapshot(known, orderid, {
        symbol: w.symbol, order_type: w.order_type, order_price: w.order_price,
        order_volume_initial: w.order_volume_initial, order_volume_current: w.order_volume_current,
        order_time_setup: w.order_time_setup,
      }, STATUS_MT5_TO_VT[w.order_state]));
    });
  }

  onTransaction(tx: WireTransaction): TransactionOutcome {
    const outcome: TransactionOutcome = { orders: [], trades: [], cancels: [] };
    if (tx.trans_type === TransType.REQUEST) this.onRequestResult(tx, outcome);
    else if (tx.trans_type === TransType.DEAL_ADD || tx.trans_type === TransType.HISTORY_ADD) this.onDeal(tx, outcome);
    if (tx.trans_type === TransType.ORDER_ADD || tx.trans_type === TransType.ORDER_UPDATE
      || tx.trans_type === TransType.ORDER_DELETE || tx.trans_type === TransType.HISTORY_ADD) {
      this.onOrderState(tx, outcome);
    }
    return outcome;
  }

  /** TRADE_TRANSACTION_REQUEST: the server's verdict on our request (10018 = market closed). */
  private onRequestResult(tx: WireTransaction, outcome: TransactionOutcome): void {
    const orderid = tx.request_comment;
    if (!this.orders.has(orderid)) return;
    if (tx.result_order > 0) this.linkTicket(tx.result_order, orderid, outcome);
    if (!RETCODE_OK.has(tx.result_retcode)) {
      const rejected = this.reject(orderid, retcodeText(tx.result_retcode, tx.result_comment));
      if (rejected) outcome.orders.push(rejected);
    }
  }

  private onOrderState(tx: WireTransaction, outcome: TransactionOutcome): void {
    if (!(tx.order > 0)) return;
    const orderid = this.link(tx.order, tx.order_comment, outcome);
    const status = STATUS_MT5_TO_VT[tx.trans_state];
    const known = this.orders.get(orderid);
    if (known && status === undefined) return;
    const next = this.snapshot(known, orderid, tx, status);
    if (known && sameState(known, next)) return;
    outcome.orders.push(this.put(next));
  }

  private onDeal(tx: WireTransaction, outcome: TransactionOutcome): void {
    if (!(tx.deal > 0) || !(tx.trans_volume > 0) || this.seenDeals.has(tx.deal)) return;
    this.seenDeals.add(tx.deal);
    const orderid = this.link(tx.order, tx.order_comment, outcome);
    const known = this.orders.get(orderid);
    const direction = known?.direction ?? orderTypeOf(tx.deal_type).direction;
    outcome.trades.push(createTrade({
      gateway_name: this.gatewayName, symbol: symbolToVt(tx.symbol), exchange: Exchange.OTC, orderid,
      tradeid: String(tx.deal), direction, price: tx.trans_price, volume: tx.trans_volume, datetime: new Date(),
    }));
    if (!known) return;
    const traded = round(known.traded + tx.trans_volume);
    const status = traded >= known.volume ? Status.ALLTRADED : Status.PARTTRADED;
    outcome.orders.push(this.put({ ...known, traded, status }));
  }

  /**
   * The local id for a ticket: known, or the comment when it is a local id (this session's, or an earlier
   * session's still-working order), or else the ticket itself (an order placed in the terminal).
   */
  private link(ticket: number, comment: string, outcome?: TransactionOutcome): string {
    const known = this.ticketToLocal.get(ticket);
    if (known) return known;
    const orderid = this.orders.has(comment) || LOCAL_ID.test(comment) ? comment : String(ticket);
    this.linkTicket(ticket, orderid, outcome);
    return orderid;
  }

  private linkTicket(ticket: number, orderid: string, outcome?: TransactionOutcome): void {
    this.ticketToLocal.set(ticket, orderid);
    this.localToTicket.set(orderid, ticket);
    if (this.pendingCancels.delete(orderid)) outcome?.cancels.push({ orderid, ticket });
  }

  /** A fresh snapshot: a known order keeps its own fields; an unknown one is built from MT5's. */
  private snapshot(
    known: OrderData | undefined, orderid: string,
    w: Pick<WireOrder, "symbol" | "order_type" | "order_price" | "order_volume_initial" | "order_volume_current" | "order_time_setup">,
    status: Status | undefined,
  ): OrderData {
    const traded = w.order_volume_initial > 0 ? round(w.order_volume_initial - w.order_volume_current) : undefined;
    if (known) {
      // A state change never undoes fills counted from deals (transactions may arrive out of order).
      const nextTraded = Math.max(known.traded, traded ?? 0);
      const nextStatus = status === Status.SUBMITTING && known.status !== Status.SUBMITTING ? known.status : status ?? known.status;
      return { ...known, traded: nextTraded, status: isActive(known) ? nextStatus : known.status };
    }
    const { direction, type } = orderTypeOf(w.order_type);
    return createOrder({
      gateway_name: this.gatewayName, symbol: symbolToVt(w.symbol), exchange: Exchange.OTC, orderid, type, direction,
      price: w.order_price, volume: w.order_volume_initial, traded: traded ?? 0, status: status ?? Status.NOTTRADED,
      datetime: w.order_time_setup > 0 ? this.serverTimeToDate(w.order_time_setup) : new Date(),
    });
  }
}

function sameState(a: OrderData, b: OrderData): boolean {
  return a.status === b.status && a.traded === b.traded;
}

/** Lots are decimals (0.01): keep sums free of floating-point dust. */
function round(volume: number): number {
  return Math.round(volume * 1e8) / 1e8;
}
