// A TWS / IB Gateway simulator on a real loopback socket: scripted contracts, quotes, orders and fills,
// account and positions, deterministic history with IB's pacing rules, and faults (pacing violations,
// dropped connections, slow replies). Speaks the text protocol (server versions 157..200).
import { createServer, type Server, type Socket } from "node:net";
import * as msg from "./messages";
import { PacingCheck } from "./pacing";
import { defaultContracts, type SimContract, type SimQuote } from "./scenario";
import { MIN_SIM_VERSION, TwsSession, type ContractQuery } from "./session";

export interface TwsSimulatorOptions {
  /** Highest server version offered; the negotiated one is min(this, client max). Default 200. */
  maxServerVersion?: number;
  accounts?: string[];
  contracts?: SimContract[];
  /** Time source for pacing and timestamps (ms since the epoch); inject a simulated clock for pacing runs. */
  clock?: () => number;
  historyDelayMs?: number;
  contractDelayMs?: number;
  enforcePacing?: boolean;
  startingCash?: number;
}

export interface NewOrder {
  orderId: number; contract: SimContract; action: "BUY" | "SELL"; quantity: number; orderType: string;
  lmtPrice: number | undefined; auxPrice: number | undefined; tif: string; account: string; orderRef: string;
}

export class TwsSimulator {
  readonly maxServerVersion: number;
  readonly accounts: string[];
  readonly contracts: SimContract[];
  readonly pacing = new PacingCheck();
  readonly orders = new Map<number, msg.SimOrder>();
  readonly executions: msg.SimExecution[] = [];
  readonly positions = new Map<number, msg.SimPosition>();
  readonly historyFaults: Array<{ code: number; text: string }> = [];
  /** Fault: reasons the next orders are rejected with (error 201), one per order. */
  readonly orderRejections: string[] = [];
  readonly stats = {
    connections: 0, contractRequests: 0, messages: [] as number[], unhandled: [] as number[],
    historyRequests: [] as Array<{ at: number; conId: number; end: string; duration: string; barSize: string }>,
  };
  historyDelayMs: number;
  contractDelayMs: number;
  enforcePacing: boolean;
  cash: number;
  private readonly clock: () => number;
  private readonly sessions = new Set<TwsSession>();
  private server: Server | undefined;
  private orderIdSeed = 1;
  private permIdSeed = 900_000;
  private execSeed = 1;

  constructor(options: TwsSimulatorOptions = {}) {
    this.maxServerVersion = options.maxServerVersion ?? 200;
    if (this.maxServerVersion < MIN_SIM_VERSION || this.maxServerVersion > 200) throw new Error("the simulator speaks server versions 157..200 (text protocol)");
    this.accounts = options.accounts ?? ["DU1234567"];
    this.contracts = options.contracts ?? defaultContracts();
    this.clock = options.clock ?? Date.now;
    this.historyDelayMs = options.historyDelayMs ?? 0;
    this.contractDelayMs = options.contractDelayMs ?? 0;
    this.enforcePacing = options.enforcePacing ?? true;
    this.cash = options.startingCash ?? 1_000_000;
  }

  /** Listens on 127.0.0.1 (port 0 = a free port); resolves the port. */
  async start(port = 0): Promise<number> {
    this.server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", () => resolve());
    });
    return this.port;
  }

  get port(): number {
    const address = this.server?.address();
    if (!address || typeof address === "string") throw new Error("simulator not started");
    return address.port;
  }

  async stop(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  now(): number {
    return this.clock();
  }

  /** Fault: every client loses its socket at once (TWS restart, network cut). */
  dropConnections(): void {
    for (const session of this.sessions) session.socket.destroy();
  }

  /** Writes raw bytes (pre-encoded frames) to every started client, for throughput benchmarks. */
  sendRaw(bytes: Buffer): void {
    for (const session of this.liveSessions()) if (session.started) session.socket.write(bytes);
  }

  /** Sends an error/info message (id -1) to every client, e.g. 1100/1101/1102 connectivity notices. */
  broadcastError(code: number, text: string): void {
    for (const session of this.liveSessions()) if (session.started) session.error(-1, code, text);
  }

  liveSessions(): TwsSession[] {
    return [...this.sessions].filter((s) => s.isLive);
  }

  delay(ms: number, action: () => void): void {
    if (ms > 0) setTimeout(action, ms);
    else action();
  }

  nextOrderId(): number {
    const used = Math.max(0, ...this.orders.keys());
    return Math.max(this.orderIdSeed, used + 1);
  }

  findContracts(q: ContractQuery): SimContract[] {
    if (q.conId) return this.contracts.filter((c) => c.conId === q.conId);
    return this.contracts.filter((c) =>
      c.symbol === q.symbol && c.secType === q.secType && (!q.currency || c.currency === q.currency) &&
      (!q.exchange || c.exchange === q.exchange || q.exchange === "SMART" && c.secType === "STK") &&
      (!q.expiry || c.lastTradeDateOrContractMonth.startsWith(q.expiry)) &&
      (!q.right || c.right === q.right[0]) && (!q.strike || c.strike === q.strike) &&
      (!q.multiplier || c.multiplier === q.multiplier));
  }

  contract(conId: number): SimContract {
    const contract = this.contracts.find((c) => c.conId === conId);
    if (!contract) throw new Error(`no simulated contract ${conId}`);
    return contract;
  }

  /** Changes a quote and streams it to every subscription of that contract. */
  setQuote(conId: number, quote: Partial<SimQuote>): void {
    const contract = this.contract(conId);
    contract.quote = { ...contract.quote, ...quote };
    for (const session of this.liveSessions()) {
      for (const [reqId, subscribed] of session.marketData) if (subscribed === conId) session.sendQuote(reqId, contract);
    }
  }

  // ---- orders -------------------------------------------------------------------------------------

  placeOrder(session: TwsSession, o: NewOrder): void {
    const reason = this.orderRejections.shift() ?? rejectReason(o);
    if (reason) return session.error(o.orderId, 201, `Order rejected - reason:${reason}`);
    const order: msg.SimOrder = {
      ...o, clientId: session.clientId, permId: this.permIdSeed++, status: o.orderType === "STP" ? "PreSubmitted" : "Submitted",
      filled: 0, avgFillPrice: 0, lastFillPrice: 0,
    };
    this.orders.set(o.orderId, order);
    this.orderIdSeed = Math.max(this.orderIdSeed, o.orderId + 1);
    session.send(msg.openOrder(order));
    session.send(msg.orderStatus(order));
    const price = marketablePrice(order);
    if (price !== undefined) this.fill(order.orderId, order.quantity, price);
  }

  /** Fills `quantity` of an order (all of the rest by default) at `price` (the order's limit or the quote). */
  fill(orderId: number, quantity?: number, price?: number): msg.SimExecution {
    const order = this.orders.get(orderId);
    if (!order || !isActive(order)) throw new Error(`order ${orderId} is not active`);
    const shares = Math.min(quantity ?? order.quantity - order.filled, order.quantity - order.filled);
    const fillPrice = price ?? order.lmtPrice ?? (order.action === "BUY" ? order.contract.quote.ask : order.contract.quote.bid);
    order.avgFillPrice = (order.avgFillPrice * order.filled + fillPrice * shares) / (order.filled + shares);
    order.filled += shares;
    order.lastFillPrice = fillPrice;
    order.status = order.filled >= order.quantity ? "Filled" : "Submitted";
    const execution: msg.SimExecution = {
      execId: `0000e0d5.6571${String(this.execSeed++).padStart(4, "0")}.01.01`, order, time: compactTime(this.now()), shares,
      price: fillPrice, cumQty: order.filled, avgPrice: order.avgFillPrice, commission: Math.max(1, shares * 0.005),
    };
    this.executions.push(execution);
    this.updatePosition(order, shares, fillPrice);
    for (const session of this.clientSessions(order.clientId)) {
      session.send(msg.execDetails(session.version, -1, execution));
      session.send(msg.commissionReport(execution));
      session.send(msg.orderStatus(order));
    }
    this.broadcastPortfolio(order.contract.conId);
    return execution;
  }

  cancelOrder(session: TwsSession, orderId: number): void {
    const order = this.orders.get(orderId);
    if (!order || !isActive(order)) {
      return session.error(orderId, 10148, `OrderId ${orderId} that needs to be cancelled cannot be cancelled, state: ${order?.status ?? "Unknown"}.`);
    }
    order.status = "Cancelled";
    for (const s of this.clientSessions(order.clientId)) {
      s.send(msg.orderStatus(order));
      s.error(orderId, 202, "Order Canceled - reason:");
    }
  }

  sendOpenOrders(session: TwsSession, all: boolean): void {
    for (const order of this.orders.values()) {
      if (!isActive(order) || (!all && order.clientId !== session.clientId)) continue;
      session.send(msg.openOrder(order));
      session.send(msg.orderStatus(order));
    }
    session.send(msg.openOrderEnd());
  }

  sendExecutions(session: TwsSession, reqId: number): void {
    for (const execution of this.executions) {
      session.send(msg.execDetails(session.version, reqId, execution));
      session.send(msg.commissionReport(execution));
    }
    session.send(msg.execDetailsEnd(reqId));
  }

  // ---- account and positions ----------------------------------------------------------------------

  accountUpdates(session: TwsSession, subscribe: boolean): void {
    session.accountSubscribed = subscribe;
    if (!subscribe) return;
    this.sendAccount(session);
    session.send(msg.accountDownloadEnd(this.accounts[0]));
  }

  sendPositions(session: TwsSession): void {
    session.positionsSubscribed = true;
    for (const p of this.positions.values()) session.send(msg.position(p, this.accounts[0]));
    session.send(msg.positionEnd());
  }

  private sendAccount(session: TwsSession): void {
    const account = this.accounts[0];
    const held = [...this.positions.values()].reduce((sum, p) => sum + p.quantity * p.contract.quote.last * Number(p.contract.multiplier || 1), 0);
    const netLiquidation = this.cash + held;
    const margin = Math.abs(held) * 0.25;
    for (const [key, value] of [["NetLiquidation", netLiquidation], ["TotalCashValue", this.cash], ["AvailableFunds", netLiquidation - margin], ["MaintMarginReq", margin]] as const) {
      session.send(msg.accountValue(key, value.toFixed(2), "USD", account));
    }
    session.send(msg.accountValue("NetLiquidationByCurrency", netLiquidation.toFixed(2), "USD", account));
    for (const p of this.positions.values()) session.send(msg.portfolioValue(p, account));
    session.send(msg.accountTime(new Date(this.now()).toISOString().slice(11, 16)));
  }

  private updatePosition(order: msg.SimOrder, shares: number, price: number): void {
    const contract = order.contract;
    const signed = order.action === "BUY" ? shares : -shares;
    const size = Number(contract.multiplier || 1);
    const current = this.positions.get(contract.conId) ?? { contract, quantity: 0, averageCost: 0 };
    const quantity = current.quantity + signed;
    const averageCost = quantity === 0 ? 0 : Math.sign(signed) === Math.sign(current.quantity) || current.quantity === 0
      ? (current.averageCost * Math.abs(current.quantity) + price * size * shares) / Math.abs(quantity) : current.averageCost;
    this.positions.set(contract.conId, { contract, quantity, averageCost });
    this.cash -= signed * price * size;
  }

  private broadcastPortfolio(conId: number): void {
    const p = this.positions.get(conId);
    for (const session of this.liveSessions()) {
      if (p && session.positionsSubscribed) session.send(msg.position(p, this.accounts[0]));
      if (session.accountSubscribed) this.sendAccount(session);
    }
  }

  private clientSessions(clientId: number): TwsSession[] {
    return this.liveSessions().filter((s) => s.started && s.clientId === clientId);
  }

  private accept(socket: Socket): void {
    const session = new TwsSession(socket, this);
    this.sessions.add(session);
    socket.on("close", () => this.sessions.delete(session));
  }
}

function isActive(order: msg.SimOrder): boolean {
  return order.status === "Submitted" || order.status === "PreSubmitted";
}

function rejectReason(o: NewOrder): string | undefined {
  if (!(o.quantity > 0)) return "order size must be positive";
  if (!["LMT", "MKT", "STP"].includes(o.orderType)) return `order type ${o.orderType} is not simulated`;
  if (o.orderType === "LMT" && o.lmtPrice === undefined) return "a limit order needs a limit price";
  if (o.orderType === "STP" && o.auxPrice === undefined) return "a stop order needs a stop price";
  return undefined;
}

/** The price a new order fills at straight away: market orders, and limits that cross the quote. */
function marketablePrice(o: msg.SimOrder): number | undefined {
  const q = o.contract.quote;
  const touch = o.action === "BUY" ? q.ask : q.bid;
  if (o.orderType === "MKT") return touch;
  if (o.orderType !== "LMT" || o.lmtPrice === undefined) return undefined;
  return (o.action === "BUY" ? o.lmtPrice >= touch : o.lmtPrice <= touch) ? touch : undefined;
}

/** Execution time as TWS sends it: "yyyyMMdd HH:mm:ss" plus the zone name. */
function compactTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, "")} ${iso.slice(11, 19)} UTC`;
}
