// The IB gateway (vn.py's IbGateway over TWS's socket API via @stoqey/ib): connect with vn.py's settings, look
// contracts up on demand (resolveContract), stream quotes, send and cancel orders, push fills, account and
// positions, pull paced and cached history, and reconnect with backoff (resubscribe + reconcile) on its own.
import { EventName, type Contract, type ContractDetails, type Execution, type Order, type OrderState } from "@stoqey/ib";
import { Interval, LogLevel, Product, type Exchange } from "../../core/constant";
import { TradingError } from "../../core/errors";
import type { EventEngine } from "../../core/event-engine";
import { BaseGateway, type GatewaySetting, type HistoryProgress } from "../../core/gateway";
import {
  createBar, type BarData, type CancelRequest, type ContractData, type HistoryRequest, type OrderRequest, type SubscribeRequest,
} from "../../core/object";
import { SettingsStore } from "../../settings";
import { AccountBook } from "./account";
import { IbConnection, type ReconnectPolicy, type SessionInfo } from "./connection";
import { ContractBook, type KnownContract } from "./contracts";
import { HistoryPuller, type PullerOptions } from "./history/puller";
import { PacingGovernor, systemClock, type Clock } from "./history/pacing";
import { intervalSpec } from "./history/plan";
import { IB_EXCHANGES } from "./mappings";
import { MarketData } from "./market-data";
import { describeIbMessage, type IbMessage } from "./messages";
import { OrderBook } from "./orders";
import { parseSetting, type IbSetting } from "./setting";

export interface IbGatewayOptions {
  /** Where ib_contracts.json and ib_history/ live (default: the .vntrader folder by vn.py's rule). */
  settings?: SettingsStore;
  /**
   * Time for pacing (inject a SimulatedClock to run pacing in simulated time; then also set history.concurrency
   * to 1, because a simulated clock jumps while a request is still on the socket and TWS would stamp it later).
   */
  clock?: Clock;
  reconnect?: ReconnectPolicy;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  history?: Partial<Omit<PullerOptions, "folder">>;
}

interface Session {
  readonly setting: IbSetting;
  readonly connection: IbConnection;
  readonly contracts: ContractBook;
  readonly market: MarketData;
  readonly orders: OrderBook;
  readonly accounts: AccountBook;
  readonly history: HistoryPuller;
  account: string;
}

export class IbGateway extends BaseGateway {
  readonly exchanges: readonly Exchange[] = IB_EXCHANGES;
  private readonly store: SettingsStore;
  private readonly clock: Clock;
  private readonly governor: PacingGovernor;
  private session: Session | undefined;

  constructor(events: EventEngine, name: string, private readonly options: IbGatewayOptions = {}) {
    super(events, name);
    this.store = options.settings ?? new SettingsStore();
    this.clock = options.clock ?? systemClock;
    this.governor = new PacingGovernor(this.clock);
  }

  async connect(setting: GatewaySetting): Promise<void> {
    if (this.session && this.connectionState !== "disconnected") return;
    const parsed = parseSetting(setting);
    const session = this.createSession(parsed);
    this.session = session;
    this.setConnectionState("connecting");
    session.contracts.loadCache();
    try {
      await session.connection.open();
    } catch (error) {
      this.session = undefined;
      this.setConnectionState("disconnected");
      throw error;
    }
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    session.connection.close();
    session.history.failAll("the IB gateway was closed");
    session.contracts.failAll("the IB gateway was closed");
    this.setConnectionState("disconnected");
  }

  /**
   * The contract for a vt_symbol, looked up at IB when not known yet (ConId or description, see symbols.ts).
   * Undefined when the exchange is not one IB trades; a TradingError when IB has no or several matches.
   */
  override resolveContract(vtSymbol: string): Promise<ContractData | undefined> {
    return this.requireSession().contracts.resolve(vtSymbol);
  }

  /** `lookupContract("SPY-USD-STK", "SMART")`: the same lookup, by parts. */
  async lookupContract(symbol: string, exchange: Exchange): Promise<ContractData> {
    const contract = await this.resolveContract(`${symbol}.${exchange}`);
    if (!contract) throw new TradingError("BAD_SYMBOL", `IB does not trade on ${exchange}; its exchanges are ${IB_EXCHANGES.join(", ")}`);
    return contract;
  }

  subscribe(req: SubscribeRequest): void {
    const session = this.requireSession();
    session.market.subscribe(this.requireContract(session, req.vt_symbol));
  }

  sendOrder(req: OrderRequest): string {
    const session = this.requireSession();
    return session.orders.send(req, this.requireContract(session, req.vt_symbol), session.account);
  }

  cancelOrder(req: CancelRequest): void {
    this.requireSession().orders.cancel(req.orderid);
  }

  /** IB pushes account values while subscribed; this asks for a fresh round. */
  queryAccount(): void {
    const session = this.requireSession();
    session.connection.ib.reqAccountUpdates(true, session.account);
  }

  queryPosition(): void {
    this.requireSession().connection.ib.reqPositions();
  }

  /** Bars from IB for 1m, 1h and d; refuses bad input before sending anything. */
  override async queryHistory(req: HistoryRequest, progress?: HistoryProgress): Promise<BarData[]> {
    intervalSpec(req.interval);
    if (!(req.end.getTime() > req.start.getTime())) {
      throw new TradingError("BAD_REQUEST", `end ${req.end.toISOString()} is not after start ${req.start.toISOString()}`);
    }
    const session = this.requireSession();
    const contract = this.requireContract(session, req.vt_symbol);
    const whatToShow = contract.data.product === Product.FOREX || contract.data.product === Product.SPOT ? "MIDPOINT" : "TRADES";
    const bars = await session.history.pull({ vtSymbol: req.vt_symbol, contract: contract.ib, whatToShow }, req.interval, req.start, req.end, progress);
    return bars.map((bar) => createBar({
      gateway_name: this.name, symbol: req.symbol, exchange: req.exchange, datetime: new Date(bar.time), interval: req.interval as Interval,
      open_price: bar.open, high_price: bar.high, low_price: bar.low, close_price: bar.close, volume: bar.volume,
    }));
  }

  // ---- wiring ---------------------------------------------------------------------------------------

  private createSession(setting: IbSetting): Session {
    const log = (msg: string, level?: LogLevel) => this.writeLog(msg, level);
    const connection = new IbConnection(
      { host: setting.host, port: setting.port, clientId: setting.clientId },
      this.options.reconnect ?? { initialDelayMs: 1_000, maxDelayMs: 30_000 },
      this.options.connectTimeoutMs ?? 10_000,
      (delay) => this.lost(delay),
      (info, reconnected) => this.ready(info, reconnected),
      (error, delay) => log(`reconnect failed: ${error.message}; next try in ${Math.round(delay / 1000)} s`, LogLevel.WARNING),
    );
    const timeoutMs = this.options.requestTimeoutMs ?? 20_000;
    const contracts = new ContractBook(connection, this.store, this.name, (c) => this.onContract(c), timeoutMs);
    const history = new HistoryPuller(connection, this.governor, this.clock, {
      folder: this.store.folder("ib_history"), timeoutMs: 60_000, concurrency: 4, maxMinutes: 120, retries: 3, pacingBackoffMs: 15_000,
      ...this.options.history,
    }, log);
    const session: Session = {
      setting, connection, contracts, history, account: setting.account,
      market: new MarketData(connection, this.name, (t) => this.onTick(t), log),
      orders: new OrderBook(connection, contracts, this.name, (o) => this.onOrder(o), (t) => this.onTrade(t), log),
      accounts: new AccountBook(contracts, this.name, (a) => this.onAccount(a), (p) => this.onPosition(p)),
    };
    connection.setHistoryHandler((decoded) => history.onBars(decoded.reqId, decoded.bars));
    this.listen(session);
    return session;
  }

  private listen(s: Session): void {
    const on = (event: EventName, listener: Parameters<IbConnection["on"]>[1]) => s.connection.on(event, listener);
    on(EventName.contractDetails, (reqId: number, details: ContractDetails) => s.contracts.onDetails(reqId, details));
    on(EventName.contractDetailsEnd, (reqId: number) => s.contracts.onEnd(reqId));
    on(EventName.tickPrice, (reqId: number, type: number, price: number) => s.market.onTickPrice(reqId, type, price));
    on(EventName.tickSize, (reqId: number, type: number, size: number) => s.market.onTickSize(reqId, type, size));
    on(EventName.marketDataType, (reqId: number, type: number) => s.market.onMarketDataType(reqId, type));
    on(EventName.orderStatus, (id: number, status: string, filled: number) => s.orders.onOrderStatus(id, status, filled));
    on(EventName.openOrder, (id: number, c: Contract, o: Order, state: OrderState) => s.orders.onOpenOrder(id, c, o, state));
    on(EventName.execDetails, (_reqId: number, c: Contract, e: Execution) => s.orders.onExecution(c, e));
    on(EventName.nextValidId, (id: number) => s.orders.setNextId(id));
    on(EventName.updateAccountValue, (key: string, value: string, currency: string, account: string) => s.accounts.onAccountValue(key, value, currency, account));
    on(EventName.updateAccountTime, () => s.accounts.flushAccounts());
    on(EventName.accountDownloadEnd, () => s.accounts.flushAccounts());
    on(EventName.position, (_account: string, c: Contract, pos: number, avgCost: number) => s.accounts.onPosition(c, pos, avgCost));
    on(EventName.updatePortfolio, (c: Contract, pos: number, _price: number, _value: number, avgCost: number, pnl: number) => s.accounts.onPortfolio(c, pos, avgCost, pnl));
    on(EventName.historicalData, (reqId: number, date: string, o: number, h: number, l: number, c: number, v: number) => s.history.onBar(reqId, date, o, h, l, c, v));
    on(EventName.error, (error: Error, code: number, reqId: number) => this.routeMessage(s, reqId, describeIbMessage(code, error.message)));
    on(EventName.info, (text: string, code: number) => this.routeMessage(s, -1, describeIbMessage(code, text)));
  }

  /** An IB message goes to the request or order its id names; the rest are about the connection. */
  private routeMessage(s: Session, id: number, message: IbMessage): void {
    if (id >= 0 && (s.contracts.onError(id, message) || s.history.onError(id, message) || s.market.onError(id, message) || s.orders.onError(id, message))) return;
    this.writeLog(message.text, message.level);
    if (message.kind === "restored-data-lost" && s.connection.isOpen) this.resubscribe(s);
  }

  private ready(info: SessionInfo, reconnected: boolean): void {
    const s = this.session;
    if (!s) return;
    s.orders.setNextId(info.nextOrderId);
    s.account = this.chooseAccount(s.setting.account, info.accounts);
    this.setConnectionState("connected");
    this.resubscribe(s);
    s.orders.reconcile();
    this.writeLog(reconnected
      ? `reconnected to TWS; resubscribed ${s.market.symbols.length} symbol(s), reconciling orders and fills`
      : `connected to TWS ${s.setting.host}:${s.setting.port} (server version ${info.serverVersion}, account ${s.account}); ${s.contracts.size} contract(s) from ib_contracts.json`);
  }

  private resubscribe(s: Session): void {
    s.connection.ib.reqAccountUpdates(true, s.account);
    s.connection.ib.reqPositions();
    s.market.resubscribeAll();
  }

  /** The configured account, or the last one TWS manages (vn.py's choice). */
  private chooseAccount(wanted: string, managed: readonly string[]): string {
    if (!wanted) return managed[managed.length - 1] ?? "";
    if (!managed.includes(wanted)) this.writeLog(`交易账户 ${wanted} is not among the accounts TWS manages (${managed.join(", ")}); orders may be refused`, LogLevel.WARNING);
    return wanted;
  }

  private lost(delayMs: number): void {
    const s = this.session;
    if (!s) return;
    this.setConnectionState("connecting");
    s.history.failAll("the connection to TWS was lost during the pull");
    s.contracts.failAll("the connection to TWS was lost during the lookup");
    this.writeLog(`lost the connection to TWS; reconnecting in ${Math.round(delayMs / 100) / 10} s`, LogLevel.WARNING);
  }

  private requireSession(): Session {
    if (!this.session) throw new TradingError("NOT_CONNECTED", `${this.name} is not connected; run %connect ib first`);
    return this.session;
  }

  private requireContract(s: Session, vtSymbol: string): KnownContract {
    const contract = s.contracts.find(vtSymbol);
    if (!contract) throw new TradingError("UNKNOWN_SYMBOL", `${this.name} has not looked up ${vtSymbol} yet; the engine resolves it with resolveContract first`);
    return contract;
  }
}
