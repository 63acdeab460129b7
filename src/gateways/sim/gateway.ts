// SimGateway: the embedded simulated China futures counter behind the BaseGateway contract. Orders are
// answered asynchronously like a real counter; the market runs on a timer, or is stepped by hand (advance).
import { Exchange, LogLevel, Status } from "../../core/constant";
import { TradingError } from "../../core/errors";
import type { EventEngine } from "../../core/event-engine";
import { BaseGateway, type GatewaySetting, type HistoryProgress } from "../../core/gateway";
import {
  orderFromRequest,
  type BarData, type CancelRequest, type HistoryRequest, type OrderData, type OrderRequest, type SubscribeRequest,
} from "../../core/object";
import type { AccountFigures, YesterdayPosition } from "./account";
import { tradingDayOf } from "./calendar";
import type { CounterSink } from "./counter";
import { historyBars } from "./history";
import { SimSession } from "./session";
import { parseSimSetting, SIM_DEFAULT_SETTING } from "./settings";
import { MarketTimer } from "./timer";

export interface SimOptions {
  /** The clock: the trading day, listed months and tick times come from it (tests pin it). */
  readonly now?: () => Date;
  /** Positions carried in from yesterday, loaded at connect (e.g. to test CLOSEYESTERDAY on SHFE). */
  readonly yesterdayPositions?: readonly YesterdayPosition[];
}

/** Queued events beyond which the timer-driven market skips a turn (about one dispatch batch). */
const MAX_EVENT_BACKLOG = 20_000;
/** Ticks one timer turn may produce at most: a bigger burst would block the loop and swell the queue. */
const MAX_TICKS_PER_TURN = 5_000;

const SIM_EXCHANGES = [Exchange.CFFEX, Exchange.SHFE, Exchange.CZCE, Exchange.DCE, Exchange.INE, Exchange.SSE] as const;

export class SimGateway extends BaseGateway {
  static readonly defaultName = "SIM";
  static readonly defaultSetting = SIM_DEFAULT_SETTING;
  readonly exchanges: readonly Exchange[] = SIM_EXCHANGES;
  private session: SimSession | undefined;
  private timer: MarketTimer | undefined;
  private orderCount = 0;
  /** Counter work queued to run after the current call returns, as a real counter answers later. */
  private jobs: Array<() => void> = [];
  private jobsScheduled = false;
  private readonly clock: () => Date;

  constructor(events: EventEngine, name: string, private readonly options: SimOptions = {}) {
    super(events, name);
    this.clock = options.now ?? (() => new Date());
  }

  async connect(setting: GatewaySetting): Promise<void> {
    if (this.session) {
      this.writeLog("已连接 / SIM is already connected; close it first to start a new session");
      return;
    }
    // Everything that can refuse (settings, yesterday's positions) runs before the first log line.
    const settings = parseSimSetting(setting);
    const tradingDay = tradingDayOf(this.clock());
    const session = new SimSession(this.name, settings, tradingDay, this.sink(), this.clock);
    session.loadYesterday(this.options.yesterdayPositions ?? []);
    this.setConnectionState("connecting");
    this.writeLog("行情服务器连接成功 / market data server connected");
    this.session = session;
    this.writeLog(`交易服务器登录成功 / trading server login ok: account ${settings.accountid}, trading day ${isoDate(tradingDay)}`);
    for (const instrument of session.instruments.values()) this.onContract(instrument.contract);
    this.writeLog(`合约信息查询成功 / contracts queried: ${session.instruments.size} instruments on ${this.exchanges.join(", ")}`);
    this.queryAccount();
    this.queryPosition();
    this.timer = new MarketTimer(
      settings.tickRate, (steps) => this.timerStep(steps), () => this.pushFunds(), () => this.events.pending > MAX_EVENT_BACKLOG,
    );
    this.setConnectionState("connected");
    // Resolve once the contracts, account and positions have reached every handler (the OMS among them).
    await this.whenIdle();
  }

  async close(): Promise<void> {
    this.timer?.stop();
    this.timer = undefined;
    this.session = undefined;
    this.jobs = [];
    this.setConnectionState("disconnected");
  }

  subscribe(req: SubscribeRequest): void {
    const session = this.session;
    if (!session) return this.writeLog(`订阅失败 / cannot subscribe ${req.vt_symbol}: SIM is not connected`, LogLevel.ERROR);
    const instrument = session.instrument(req.vt_symbol);
    if (!instrument) {
      const why = "SIM does not list it on this trading day (listed months roll with the date); see the contracts it pushed";
      return this.writeLog(`订阅失败 / unknown symbol ${req.vt_symbol}: ${why}`, LogLevel.ERROR);
    }
    this.later(() => this.onTick(session.subscribe(instrument)));
  }

  sendOrder(req: OrderRequest): string {
    this.orderCount += 1;
    const order = orderFromRequest(req, String(this.orderCount), this.name);
    const session = this.session;
    if (!session) {
      this.onOrder({ ...order, status: Status.REJECTED, status_msg: "未连接 / SIM is not connected: connect it first" });
      return order.vt_orderid;
    }
    this.onOrder(order);
    this.later(() => {
      const instrument = session.instrument(order.vt_symbol);
      if (instrument) session.counter.accept(order, instrument);
      else this.sink().rejected({ ...order, status: Status.REJECTED, status_msg: `合约不存在 / SIM does not list ${order.vt_symbol}` });
    });
    return order.vt_orderid;
  }

  cancelOrder(req: CancelRequest): void {
    const session = this.session;
    if (!session) return this.writeLog(`撤单失败 / cannot cancel ${this.name}.${req.orderid}: SIM is not connected`, LogLevel.ERROR);
    this.later(() => {
      if (session.counter.cancel(req.vt_symbol, req.orderid)) return;
      this.writeLog(`撤单失败 / order ${this.name}.${req.orderid} is not on the book (already filled, cancelled or rejected)`, LogLevel.WARNING);
    });
  }

  queryAccount(): void {
    if (this.session) this.onAccount(this.session.account.accountData(this.name));
  }

  queryPosition(): void {
    for (const position of this.session?.account.positionData(this.name) ?? []) this.onPosition(position);
  }

  override async queryHistory(req: HistoryRequest, _progress?: HistoryProgress): Promise<BarData[]> {
    const session = this.requireSession();
    const instrument = session.instrument(req.vt_symbol);
    if (!instrument) throw new TradingError("UNKNOWN_SYMBOL", `SIM does not list ${req.vt_symbol}; see the contracts it pushed`);
    return historyBars(this.name, instrument, req, session.tradingDay, session.settings.seed);
  }

  /**
   * Steps the market `steps` times for every subscribed symbol (and any with resting orders), matching
   * resting orders after each step, and pushes the ticks. Runs queued counter work first, so an order sent
   * before advance() meets the book it was sent against. Returns the number of ticks pushed.
   */
  advance(steps = 1): number {
    this.runJobs();
    const session = this.requireSession();
    return session.advance(steps, (tick) => this.onTick(tick));
  }

  /** A timer turn's steps, conflated to at most MAX_TICKS_PER_TURN ticks across the subscriptions. */
  private timerStep(steps: number): void {
    const symbols = Math.max(1, this.session?.subscriptionCount ?? 1);
    this.advance(Math.min(steps, Math.max(1, Math.floor(MAX_TICKS_PER_TURN / symbols))));
  }

  /** One market step: advance(1). */
  stepMarket(): number {
    return this.advance(1);
  }

  /** Resolves when queued counter work is done and every event it pushed has been dispatched. */
  async whenIdle(): Promise<void> {
    while (this.jobs.length > 0 || (this.events.isActive && this.events.pending > 0)) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.events.whenIdle();
    }
  }

  /** The account in full (margin, commission, realized and floating P&L), which AccountData has no fields for. */
  accountFigures(): AccountFigures {
    return this.requireSession().account.figures();
  }

  private requireSession(): SimSession {
    if (!this.session) throw new TradingError("NOT_CONNECTED", "SIM is not connected: connect it first");
    return this.session;
  }

  private sink(): CounterSink {
    return {
      order: (order) => this.onOrder(order),
      trade: (trade) => this.onTrade(trade),
      holdingsChanged: (vtSymbol) => this.pushFunds(vtSymbol),
      rejected: (order: OrderData) => {
        this.onOrder(order);
        this.writeLog(`交易委托失败 / order ${order.vt_orderid} rejected: ${order.status_msg}`, LogLevel.WARNING);
      },
    };
  }

  /** Pushes the account and the positions (of one symbol, or all). */
  private pushFunds(vtSymbol?: string): void {
    const session = this.session;
    if (!session) return;
    this.onAccount(session.account.accountData(this.name));
    for (const position of session.account.positionData(this.name, vtSymbol)) this.onPosition(position);
  }

  private later(job: () => void): void {
    this.jobs.push(job);
    if (this.jobsScheduled) return;
    this.jobsScheduled = true;
    setImmediate(() => this.runJobs());
  }

  private runJobs(): void {
    this.jobsScheduled = false;
    while (this.jobs.length > 0) this.jobs.shift()!();
  }
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
