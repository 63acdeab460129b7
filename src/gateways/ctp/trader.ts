// The CTP trader API side: front connect, authenticate/login/confirm chain, contracts, queries, orders, reconnects.
import { LogLevel, Status } from "../../core/constant";
import { TradingError } from "../../core/errors";
import {
  createAccount, createContract, createPosition, orderFromRequest, type AccountData, type CancelRequest, type ContractData,
  type OrderRequest, type PositionData,
} from "../../core/object";
import { decodeStruct, type StructValues } from "./codec";
import type { CtpLogin } from "./family";
import {
  EARLY_4097_HINT, EXCHANGE_CTP_TO_VT, FLOW_CONTROL_CODES, OPTION_TYPE_CTP_TO_VT, POSITION_DIRECTION_CTP_TO_VT,
  PRODUCT_CTP_TO_VT, chinaDate, disconnectText, errorText,
} from "./mappings";
import { CtpSession, type CallbackRecord, type TraderRequest } from "./native";
import { OrderBook, orderIdOf, type OrderBookHost } from "./orders";
import { CTP } from "./structs";

export interface TraderHost extends OrderBookHost {
  readonly contracts: Map<string, ContractData>;
  onContract(contract: ContractData): void;
  onAccount(account: AccountData): void;
  onPosition(position: PositionData): void;
}

/** Delay before asking again when CTP's query flow control says "too fast" (vn.py: 1 s). */
export const QUERY_RETRY_MS = 1000;
const AUTH_FAILED = 63;

interface PositionSum { symbol: string; direction: PositionData["direction"]; volume: number; frozen: number; cost: number; pnl: number; yd: number }

export class CtpTrader {
  readonly book: OrderBook;
  private session: CtpSession | undefined;
  private requestId = 0;
  private orderRef = 0;
  private frontId = 0;
  private sessionId = 0;
  private loggedIn = false;
  private everLoggedIn = false;
  /** Set by a re-login: once contracts are back, orders and trades are queried to catch up on the outage. */
  private reconcileAfterContracts = false;
  private loginFailed = false;
  private authFailed = false;
  private contractsReady = false;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private positions = new Map<string, PositionSum>();
  private settle: { resolve: () => void; reject: (e: TradingError) => void } | undefined;
  /** Resolves when logged in with contracts known; rejects on a refused login or a front that drops us first. */
  readonly ready: Promise<void>;

  constructor(private readonly host: TraderHost, private readonly login: CtpLogin) {
    this.book = new OrderBook(host);
    this.ready = new Promise((resolve, reject) => { this.settle = { resolve, reject }; });
    this.ready.catch(() => undefined); // the gateway awaits it; an unobserved early failure is not a crash
  }

  open(libraryPath: string, flowPath: string): void {
    this.session = new CtpSession({
      kind: "trader", libraryPath, flowPath, productionMode: this.login.productionMode, onRecord: (r) => this.dispatch(r),
    });
    // The version names the library actually loaded: the first thing to compare when a front answers 4097.
    this.host.writeLog(`交易API版本：${this.session.apiVersion}，库文件：${libraryPath}`);
    this.session.start(this.login.tradeFront);
  }

  close(): void {
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.session?.close();
    this.session = undefined;
    this.loggedIn = false;
  }

  get dropped(): number {
    return this.session?.dropped ?? 0;
  }

  sendOrder(req: OrderRequest): string {
    if (!this.loggedIn || !this.session) throw new TradingError("NOT_CONNECTED", `${this.host.name} is not logged in; %connect first`);
    const fields = this.book.insertFields(req, this.orderRef + 1, this.ids);
    this.orderRef += 1;
    const orderid = orderIdOf(this.frontId, this.sessionId, this.orderRef);
    const rc = this.request("ReqOrderInsert", fields);
    const order = orderFromRequest(req, orderid, this.host.name);
    if (rc !== 0) {
      this.host.writeLog(`委托请求发送失败，错误代码：${rc}`, LogLevel.ERROR);
      this.book.apply({ ...order, status: Status.REJECTED, status_msg: `委托请求发送失败，错误代码：${rc}` });
    } else {
      this.book.apply(order);
    }
    return `${this.host.name}.${orderid}`;
  }

  cancelOrder(req: CancelRequest): void {
    if (!this.loggedIn) throw new TradingError("NOT_CONNECTED", `${this.host.name} is not logged in; %connect first`);
    const rc = this.request("ReqOrderAction", this.book.actionFields(req, this.ids));
    if (rc !== 0) this.host.writeLog(`撤单请求发送失败，错误代码：${rc}`, LogLevel.ERROR);
  }

  queryAccount(): void {
    if (this.loggedIn) this.request("ReqQryTradingAccount", {});
  }

  queryPosition(): void {
    if (this.loggedIn && this.contractsReady) {
      this.request("ReqQryInvestorPosition", { BrokerID: this.login.brokerId, InvestorID: this.login.userId });
    }
  }

  private get ids(): { brokerId: string; userId: string } {
    return { brokerId: this.login.brokerId, userId: this.login.userId };
  }

  private request(name: TraderRequest, fields: StructValues): number {
    if (!this.session) return -1;
    this.requestId += 1;
    return this.session.request(name, fields, this.requestId);
  }

  private dispatch(record: CallbackRecord): void {
    const handler = this.handlers[record.callback];
    if (!handler) return;
    try {
      const data = record.data && record.struct ? decodeStruct(record.struct, record.data, record.dataOffset) : undefined;
      handler(data, record);
    } catch (error) {
      this.host.writeLog(`${record.callback} handling failed: ${(error as Error).stack ?? String(error)}`, LogLevel.ERROR);
    }
  }

  private readonly handlers: Record<string, (data: StructValues | undefined, r: CallbackRecord) => void> = {
    OnFrontConnected: () => this.onFrontConnected(),
    OnFrontDisconnected: (_d, r) => this.onFrontDisconnected(r.intArg),
    OnRspAuthenticate: (_d, r) => this.onRspAuthenticate(r),
    OnRspUserLogin: (d, r) => this.onRspUserLogin(d, r),
    OnRspSettlementInfoConfirm: () => this.onSettlementConfirmed(),
    OnRspQryInstrument: (d, r) => this.onInstrument(d, r.isLast),
    OnRspQryTradingAccount: (d) => this.onAccount(d),
    OnRspQryInvestorPosition: (d, r) => this.onPosition(d, r.isLast),
    OnRtnOrder: (d) => d && this.book.onRtnOrder(d),
    OnRtnTrade: (d) => d && this.book.onRtnTrade(d),
    OnRspQryOrder: (d) => d && this.book.onRtnOrder(d),
    OnRspQryTrade: (d, r) => {
      if (d) this.book.onRtnTrade(d);
      if (r.isLast) this.host.writeLog("委托和成交对账完成");
    },
    OnRspOrderInsert: (d, r) => d && r.error && this.book.onInsertError(d, r.error, this.sessionIds),
    OnErrRtnOrderInsert: (d, r) => d && r.error && this.book.onInsertError(d, r.error, this.sessionIds),
    OnRspOrderAction: (_d, r) => r.error && this.host.writeLog(errorText("交易撤单失败", r.error), LogLevel.ERROR),
    OnErrRtnOrderAction: (_d, r) => r.error && this.host.writeLog(errorText("交易撤单失败", r.error), LogLevel.ERROR),
    OnRspError: (_d, r) => r.error && this.host.writeLog(errorText("交易接口报错", r.error), LogLevel.ERROR),
  };

  private onFrontConnected(): void {
    this.host.writeLog("交易服务器连接成功");
    if (this.login.authCode) this.authenticate(); else this.sendLogin();
  }

  private onFrontDisconnected(reason: number): void {
    this.loggedIn = false;
    const early = !this.everLoggedIn && reason === 0x1001;
    this.host.writeLog(disconnectText("交易服务器", reason) + (early ? `: ${EARLY_4097_HINT}` : ""), LogLevel.WARNING);
    if (early) this.fail("CONNECT_FAILED", `the CTP trade front ${this.login.tradeFront} dropped the connection (4097): ${EARLY_4097_HINT}`);
  }

  private authenticate(): void {
    if (this.authFailed) return;
    const { userId, brokerId, authCode, appId } = this.login;
    this.request("ReqAuthenticate", { UserID: userId, BrokerID: brokerId, AuthCode: authCode, AppID: appId });
  }

  private onRspAuthenticate(r: CallbackRecord): void {
    if (r.error) {
      // vn.py stops retrying only for a bad auth code (63): other failures may pass on the next reconnect.
      if (r.error.id === AUTH_FAILED) this.authFailed = true;
      const text = errorText("交易服务器授权验证失败", r.error);
      this.host.writeLog(text, LogLevel.ERROR);
      this.fail("LOGIN_FAILED", `${text}; check 产品名称 (AppID) and 授权编码 (AuthCode)`);
      return;
    }
    this.host.writeLog("交易服务器授权验证成功");
    this.sendLogin();
  }

  private sendLogin(): void {
    if (this.loginFailed) return;
    const { userId, password, brokerId } = this.login;
    this.request("ReqUserLogin", { UserID: userId, Password: password, BrokerID: brokerId });
  }

  private onRspUserLogin(data: StructValues | undefined, r: CallbackRecord): void {
    if (r.error || !data) {
      this.loginFailed = true;
      const text = errorText("交易服务器登录失败", r.error ?? { id: -1, message: "no login data" });
      this.host.writeLog(text, LogLevel.ERROR);
      this.fail("LOGIN_FAILED", `${text}; check 用户名, 密码 and 经纪商代码`);
      return;
    }
    this.frontId = Number(data.FrontID);
    this.sessionId = Number(data.SessionID);
    this.orderRef = Math.max(this.orderRef, Number.parseInt(String(data.MaxOrderRef), 10) || 0);
    this.reconcileAfterContracts = this.everLoggedIn;
    this.loggedIn = this.everLoggedIn = true;
    this.host.writeLog("交易服务器登录成功");
    this.request("ReqSettlementInfoConfirm", { BrokerID: this.login.brokerId, InvestorID: this.login.userId });
  }

  private onSettlementConfirmed(): void {
    this.host.writeLog("结算信息确认成功");
    this.queryUntilAccepted("ReqQryInstrument", {}, "合约查询");
  }

  /** vn.py asks again every second until CTP's query flow control lets the request through. */
  private queryUntilAccepted(name: TraderRequest, fields: StructValues, label: string): void {
    const rc = this.request(name, fields);
    if (rc === 0) return;
    if (FLOW_CONTROL_CODES.has(rc)) {
      this.host.writeLog(`${label}受流控限制（${rc}），${QUERY_RETRY_MS / 1000}秒后重试`);
      const retry = setTimeout(() => {
        this.retryTimers.delete(retry);
        if (this.loggedIn) this.queryUntilAccepted(name, fields, label);
      }, QUERY_RETRY_MS);
      this.retryTimers.add(retry);
    } else {
      this.host.writeLog(`${label}发送失败，错误代码：${rc}`, LogLevel.ERROR);
    }
  }

  /**
   * After a reconnect the private flow normally resumes where it stopped; these queries make sure orders and
   * trades of the outage arrive even if it did not. They go through the order book, which drops what it knows.
   */
  private reconcile(): void {
    const fields = { BrokerID: this.login.brokerId, InvestorID: this.login.userId };
    this.queryUntilAccepted("ReqQryOrder", fields, "委托对账查询");
    this.queryUntilAccepted("ReqQryTrade", fields, "成交对账查询");
  }

  private onInstrument(data: StructValues | undefined, isLast: boolean): void {
    const contract = data && this.toContract(data);
    if (contract) {
      const known = this.host.contracts.get(contract.symbol);
      this.host.contracts.set(contract.symbol, contract);
      // A re-login repeats the query: only new or changed contracts are pushed again.
      if (!known || JSON.stringify(known) !== JSON.stringify(contract)) this.host.onContract(contract);
    }
    if (!isLast) return;
    this.contractsReady = true;
    this.host.writeLog("合约信息查询成功");
    this.book.contractsLoaded();
    if (this.reconcileAfterContracts) this.reconcile();
    this.reconcileAfterContracts = false;
    this.settle?.resolve();
    this.settle = undefined;
  }

  private toContract(d: StructValues): ContractData | undefined {
    const product = PRODUCT_CTP_TO_VT[String(d.ProductClass)];
    const exchange = EXCHANGE_CTP_TO_VT[String(d.ExchangeID)];
    if (!product || !exchange) return undefined;
    const base = {
      gateway_name: this.host.name, symbol: String(d.InstrumentID), exchange, name: String(d.InstrumentName), product,
      size: Number(d.VolumeMultiple), pricetick: Number(d.PriceTick),
      min_volume: Number(d.MinLimitOrderVolume) || 1, max_volume: Number(d.MaxLimitOrderVolume) || undefined,
    };
    if (d.ProductClass !== CTP.THOST_FTDC_PC_Options && d.ProductClass !== CTP.THOST_FTDC_PC_SpotOption) return createContract(base);
    const productId = String(d.ProductID);
    return createContract({
      ...base,
      // CZCE option products end in C or P (SRC, SRP); the portfolio is the underlying's product.
      option_portfolio: exchange === "CZCE" ? productId.slice(0, -1) : productId,
      option_underlying: String(d.UnderlyingInstrID), option_type: OPTION_TYPE_CTP_TO_VT[String(d.OptionsType)],
      option_strike: Number(d.StrikePrice), option_index: String(Number(d.StrikePrice)),
      option_listed: chinaDate(String(d.OpenDate)), option_expiry: chinaDate(String(d.ExpireDate)),
    });
  }

  private onAccount(d: StructValues | undefined): void {
    if (!d || !d.AccountID) return;
    this.host.onAccount(createAccount({
      gateway_name: this.host.name, accountid: String(d.AccountID), balance: Number(d.Balance),
      frozen: Number(d.FrozenMargin) + Number(d.FrozenCash) + Number(d.FrozenCommission), available: Number(d.Available),
    }));
  }

  /** Rows add up per (symbol, direction); SHFE/INE send today and yesterday as separate rows. */
  private onPosition(d: StructValues | undefined, isLast: boolean): void {
    const contract = d && this.host.contracts.get(String(d.InstrumentID));
    const direction = d && POSITION_DIRECTION_CTP_TO_VT[String(d.PosiDirection)];
    if (d && contract && direction) {
      const key = `${contract.symbol}.${direction}`;
      const sum = this.positions.get(key) ?? { symbol: contract.symbol, direction, volume: 0, frozen: 0, cost: 0, pnl: 0, yd: 0 };
      const position = Number(d.Position);
      const separate = contract.exchange === "SHFE" || contract.exchange === "INE";
      if (separate) { if (Number(d.YdPosition) && !Number(d.TodayPosition)) sum.yd = position; }
      else sum.yd = position - Number(d.TodayPosition);
      sum.volume += position;
      sum.pnl += Number(d.PositionProfit);
      sum.cost += Number(d.PositionCost);
      sum.frozen += Number(direction === "LONG" ? d.ShortFrozen : d.LongFrozen);
      this.positions.set(key, sum);
    }
    if (!isLast) return;
    for (const sum of this.positions.values()) {
      const contract = this.host.contracts.get(sum.symbol)!;
      this.host.onPosition(createPosition({
        gateway_name: this.host.name, symbol: sum.symbol, exchange: contract.exchange, direction: sum.direction,
        volume: sum.volume, frozen: sum.frozen, pnl: sum.pnl, yd_volume: sum.yd,
        price: sum.volume && contract.size ? sum.cost / (sum.volume * contract.size) : 0,
      }));
    }
    this.positions = new Map();
  }

  private fail(code: "LOGIN_FAILED" | "CONNECT_FAILED", message: string): void {
    this.settle?.reject(new TradingError(code, message));
    this.settle = undefined;
  }

  private get sessionIds(): { frontId: number; sessionId: number } {
    return { frontId: this.frontId, sessionId: this.sessionId };
  }
}
