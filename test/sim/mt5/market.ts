// The simulated MetaTrader 5 terminal's state: scripted symbols and quotes, a netting account, pending
// orders that fill when the quote crosses, and the trade transactions MT5 raises for each step, in MT5's
// order (ORDER_ADD, DEAL_ADD, ORDER_DELETE, HISTORY_ADD, REQUEST). Times are server wall-clock seconds.

export interface SimSymbol {
  readonly symbol: string;
  readonly digits: number;
  readonly lot_size: number;
  readonly min_lot: number;
  readonly description: string;
  /** SYMBOL_TRADE_CALC_MODE: 0 Forex, 2 CFD. */
  readonly calc_mode: number;
  bid: number;
  /** Spread in points. */
  readonly spread: number;
  /** Exchange-traded CFDs have a last deal price; currency pairs do not (0). */
  last: number;
  /** Price level the deterministic history oscillates around. */
  readonly base: number;
}

export const DEFAULT_SYMBOLS: readonly Omit<SimSymbol, "bid" | "last">[] = [
  { symbol: "EURUSD", digits: 5, lot_size: 100000, min_lot: 0.01, description: "Euro vs US Dollar", calc_mode: 0, spread: 10, base: 1.1 },
  { symbol: "USDJPY", digits: 3, lot_size: 100000, min_lot: 0.01, description: "US Dollar vs Japanese Yen", calc_mode: 0, spread: 12, base: 145 },
  { symbol: "GBPUSD.x", digits: 5, lot_size: 100000, min_lot: 0.01, description: "Pound vs US Dollar (ECN)", calc_mode: 0, spread: 8, base: 1.27 },
  { symbol: "US500", digits: 1, lot_size: 1, min_lot: 0.1, description: "S&P 500 index CFD", calc_mode: 2, spread: 5, base: 4700 },
];

/** An OnTradeTransaction publication's data, every field the EA writes. */
export type Transaction = Record<string, number | string>;

const TRANSACTION_DEFAULTS: Transaction = {
  symbol: "", deal: 0, order: 0, trans_type: 0, deal_type: 0, trans_price: 0, trans_volume: 0, trans_state: 0,
  order_type: 0, order_state: 0, order_price: 0, order_volume_initial: 0, order_volume_current: 0, order_comment: "",
  order_time_setup: 0, result_deal: 0, result_order: 0, result_volume: 0, result_price: 0, result_retcode: 0,
  result_comment: "", request_action: 0, request_type: 0, request_comment: "",
};

interface PendingOrder {
  readonly ticket: number;
  readonly symbol: string;
  readonly cmd: number;
  readonly price: number;
  readonly volume: number;
  readonly comment: string;
  readonly setup: number;
}

interface Holding {
  volume: number; // signed lots
  price: number;
}

export class SimMarket {
  readonly symbols = new Map<string, SimSymbol>();
  readonly subscribed = new Set<string>();
  readonly closedMarkets = new Set<string>();
  private readonly pending = new Map<number, PendingOrder>();
  private readonly holdings = new Map<string, Holding>();
  private nextTicket = 5_000_001;
  private nextDeal = 9_000_001;
  balance = 10_000;

  constructor(
    private readonly publish: (tx: Transaction) => void,
    private readonly serverNow: () => number,
    symbols = DEFAULT_SYMBOLS,
  ) {
    for (const s of symbols) {
      this.symbols.set(s.symbol, { ...s, bid: s.base, last: s.calc_mode === 0 ? 0 : s.base });
    }
  }

  ask(s: SimSymbol): number {
    return round(s.bid + s.spread * 10 ** -s.digits, s.digits);
  }

  /** Moves a quote (a script step) and fills pending orders it crosses. */
  setBid(symbol: string, bid: number): void {
    const s = this.require(symbol);
    s.bid = bid;
    if (s.last > 0) s.last = round(bid + (s.spread * 10 ** -s.digits) / 2, s.digits);
    for (const order of [...this.pending.values()]) if (order.symbol === symbol && this.crosses(order, s)) this.fill(order, this.fillPrice(order, s));
  }

  pendingOrders(): PendingOrder[] {
    return [...this.pending.values()];
  }

  positions(): { price: number; type: number; symbol: string; volume: number; current_profit: number }[] {
    return [...this.holdings.entries()].filter(([, h]) => Math.abs(h.volume) > 1e-9).map(([symbol, h]) => ({
      price: h.price, type: h.volume > 0 ? 0 : 1, symbol, volume: Math.abs(h.volume), current_profit: this.profit(symbol, h),
    }));
  }

  account(): Record<string, number | string> {
    const profit = [...this.holdings.entries()].reduce((sum, [symbol, h]) => sum + this.profit(symbol, h), 0);
    const margin = [...this.holdings.entries()].reduce((sum, [symbol, h]) => sum + Math.abs(h.volume) * this.require(symbol).lot_size * h.price / 100, 0);
    return {
      name: 5_001_234, balance: this.balance, margin: round(margin, 2), free_margin: round(this.balance + profit - margin, 2),
      profit: round(profit, 2), currency: "USD", company: "Simulated Markets Ltd",
    };
  }

  /** FUNCTION_SENDORDER through OrderSendAsync: the reply says "placed"; transactions follow. */
  send(req: { symbol: string; cmd: number; price: number; volume: number; comment: string }): { result: boolean; retcode: number; comment: string } {
    const s = this.symbols.get(req.symbol);
    if (!s || !(req.volume >= s.min_lot) || req.cmd < 0 || req.cmd > 5) return { result: false, retcode: 10013, comment: "Invalid request" };
    setImmediate(() => this.execute(req, s));
    return { result: true, retcode: 10008, comment: "Request executed" };
  }

  cancel(ticket: number): boolean {
    const order = this.pending.get(ticket);
    if (!order) return false;
    this.pending.delete(ticket);
    const fields = this.orderFields(order, 2, order.volume);
    this.publish(tx({ ...fields, trans_type: 2, trans_state: 2 }));
    this.publish(tx({ ...fields, trans_type: 6, trans_state: 2 }));
    this.publish(tx({ trans_type: 10, symbol: order.symbol, request_action: 8, result_retcode: 10009, result_order: ticket, request_comment: order.comment }));
    return true;
  }

  require(symbol: string): SimSymbol {
    const s = this.symbols.get(symbol);
    if (!s) throw new Error(`simulator has no symbol ${symbol}`);
    return s;
  }

  private execute(req: { symbol: string; cmd: number; price: number; volume: number; comment: string }, s: SimSymbol): void {
    const action = req.cmd <= 1 ? 1 : 5; // TRADE_ACTION_DEAL, TRADE_ACTION_PENDING
    if (this.closedMarkets.has(req.symbol)) {
      // The trade server refuses before any order exists: only a REQUEST transaction, order 0.
      this.publish(tx({ trans_type: 10, symbol: req.symbol, request_action: action, request_type: req.cmd, request_comment: req.comment, result_retcode: 10018, result_comment: "Market closed" }));
      return;
    }
    const order: PendingOrder = { ticket: this.nextTicket++, symbol: req.symbol, cmd: req.cmd, price: req.price, volume: req.volume, comment: req.comment, setup: this.serverNow() };
    this.publish(tx({ ...this.orderFields(order, 0, order.volume), trans_type: 0, trans_state: 0 }));
    if (req.cmd <= 1) {
      this.fill(order, req.cmd === 0 ? this.ask(s) : s.bid);
    } else {
      this.pending.set(order.ticket, order);
      this.publish(tx({ ...this.orderFields(order, 1, order.volume), trans_type: 1, trans_state: 1 }));
    }
    this.publish(tx({ trans_type: 10, symbol: req.symbol, request_action: action, request_type: req.cmd, request_comment: req.comment, result_retcode: req.cmd <= 1 ? 10009 : 10008, result_order: order.ticket, result_volume: req.volume }));
  }

  private fill(order: PendingOrder, price: number): void {
    this.pending.delete(order.ticket);
    const deal = this.nextDeal++;
    const buy = order.cmd % 2 === 0;
    this.book(order.symbol, buy ? order.volume : -order.volume, price);
    this.publish(tx({ ...this.orderFields(order, 4, 0), trans_type: 3, deal, deal_type: buy ? 0 : 1, trans_price: price, trans_volume: order.volume, trans_state: 4 }));
    this.publish(tx({ ...this.orderFields(order, 4, 0), trans_type: 2, trans_state: 4 }));
    this.publish(tx({ ...this.orderFields(order, 4, 0), trans_type: 6, trans_state: 4 }));
  }

  /** Netting: adds signed lots at a price; closing realizes profit into the balance. */
  private book(symbol: string, lots: number, price: number): void {
    const h = this.holdings.get(symbol) ?? { volume: 0, price: 0 };
    const size = this.require(symbol).lot_size;
    if (h.volume === 0 || Math.sign(h.volume) === Math.sign(lots)) {
      h.price = (h.price * Math.abs(h.volume) + price * Math.abs(lots)) / (Math.abs(h.volume) + Math.abs(lots));
    } else {
      const closed = Math.min(Math.abs(h.volume), Math.abs(lots));
      this.balance = round(this.balance + closed * size * (price - h.price) * Math.sign(h.volume), 2);
      if (Math.abs(lots) > Math.abs(h.volume)) h.price = price;
    }
    h.volume = round(h.volume + lots, 8);
    this.holdings.set(symbol, h);
  }

  private profit(symbol: string, h: Holding): number {
    const s = this.require(symbol);
    const exit = h.volume > 0 ? s.bid : this.ask(s);
    return round(h.volume * s.lot_size * (exit - h.price), 2);
  }

  private crosses(order: PendingOrder, s: SimSymbol): boolean {
    const ask = this.ask(s);
    switch (order.cmd) {
      case 2: return ask <= order.price; // buy limit
      case 3: return s.bid >= order.price; // sell limit
      case 4: return ask >= order.price; // buy stop
      default: return s.bid <= order.price; // sell stop
    }
  }

  /** Limits fill at their price, stops at the quote that triggered them. */
  private fillPrice(order: PendingOrder, s: SimSymbol): number {
    if (order.cmd === 2 || order.cmd === 3) return order.price;
    return order.cmd === 4 ? this.ask(s) : s.bid;
  }

  private orderFields(order: PendingOrder, state: number, current: number): Transaction {
    return {
      symbol: order.symbol, order: order.ticket, order_type: order.cmd, order_state: state, order_price: order.price,
      order_volume_initial: order.volume, order_volume_current: current, order_comment: order.comment, order_time_setup: order.setup,
    };
  }
}

function tx(fields: Transaction): Transaction {
  return { ...TRANSACTION_DEFAULTS, ...fields };
}

export function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
