// The CTP market-data API side: login, (re)subscription and depth-market-data records to TickData.
import { Exchange, LogLevel } from "../../core/constant";
import { TradingError } from "../../core/errors";
import type { ContractData, SubscribeRequest, TickData } from "../../core/object";
import { StructReader, readCString } from "./codec";
import type { CtpLogin } from "./family";
import { adjustPrice, chinaTime, chinaToday, disconnectText, errorText } from "./mappings";
import { CtpSession, type CallbackRecord } from "./native";

export interface MarketHost {
  readonly name: string;
  readonly contracts: ReadonlyMap<string, ContractData>;
  onTick(tick: TickData): void;
  writeLog(msg: string, level?: LogLevel): void;
}

// Offsets of the depth-market-data fields a tick needs, looked up once: ticks are the hot path.
const md = new StructReader("CThostFtdcDepthMarketDataField");
const at = (field: string) => md.offset(field);
const OFF = {
  instrument: at("InstrumentID"), actionDay: at("ActionDay"), updateTime: at("UpdateTime"), millisec: at("UpdateMillisec"),
  last: at("LastPrice"), preClose: at("PreClosePrice"), open: at("OpenPrice"), high: at("HighestPrice"), low: at("LowestPrice"),
  volume: at("Volume"), turnover: at("Turnover"), openInterest: at("OpenInterest"),
  upper: at("UpperLimitPrice"), lower: at("LowerLimitPrice"),
  bid: [1, 2, 3, 4, 5].map((n) => at(`BidPrice${n}`)), bidVolume: [1, 2, 3, 4, 5].map((n) => at(`BidVolume${n}`)),
  ask: [1, 2, 3, 4, 5].map((n) => at(`AskPrice${n}`)), askVolume: [1, 2, 3, 4, 5].map((n) => at(`AskVolume${n}`)),
};

function price(buf: Buffer, at: number): number {
  return adjustPrice(buf.readDoubleLE(at));
}

/** Levels 2-5 are read only when the front sends depth (vn.py checks BidVolume2 / AskVolume2). */
function depthPrice(buf: Buffer, base: number, offsets: readonly number[], level: number, deep: boolean): number {
  return deep ? price(buf, base + offsets[level]) : 0;
}

function depthVolume(buf: Buffer, base: number, offsets: readonly number[], level: number, deep: boolean): number {
  return deep ? buf.readInt32LE(base + offsets[level]) : 0;
}

export class CtpMarket {
  private session: CtpSession | undefined;
  private requestId = 0;
  private loggedIn = false;
  private readonly subscribed = new Set<string>();
  private today = chinaToday();
  private settle: { resolve: () => void; reject: (e: TradingError) => void } | undefined;
  /** When set, each emitted tick's native enqueue time is appended, in emit order (latency bench); off by default. */
  enqueueTrace: number[] | undefined;
  /** Resolves at the first successful market-data login. */
  readonly ready: Promise<void>;

  constructor(private readonly host: MarketHost, private readonly login: CtpLogin) {
    this.ready = new Promise((resolve, reject) => { this.settle = { resolve, reject }; });
    this.ready.catch(() => undefined);
  }

  open(libraryPath: string, flowPath: string): void {
    this.session = new CtpSession({
      kind: "md", libraryPath, flowPath, productionMode: this.login.productionMode, onRecord: (r) => this.dispatch(r),
    });
    this.session.start(this.login.mdFront);
  }

  close(): void {
    this.session?.close();
    this.session = undefined;
    this.loggedIn = false;
  }

  get dropped(): number {
    return this.session?.dropped ?? 0;
  }

  /** The local date used for DCE ticks and ticks without ActionDay; refreshed by the gateway's timer. */
  updateDate(): void {
    this.today = chinaToday();
  }

  subscribe(req: SubscribeRequest): void {
    if (!this.host.contracts.has(req.symbol)) {
      throw new TradingError("UNKNOWN_SYMBOL", `${req.vt_symbol} is not a contract of ${this.host.name}; see %contracts`);
    }
    if (this.subscribed.has(req.symbol)) return;
    this.subscribed.add(req.symbol);
    if (this.loggedIn) this.session?.subscribeMarketData([req.symbol]);
  }

  private dispatch(record: CallbackRecord): void {
    try {
      if (record.callback === "OnRtnDepthMarketData") this.onDepth(record);
      else if (record.callback === "OnFrontConnected") this.onFrontConnected();
      else if (record.callback === "OnFrontDisconnected") this.onFrontDisconnected(record.intArg);
      else if (record.callback === "OnRspUserLogin") this.onLogin(record);
      else if (record.error && record.callback === "OnRspSubMarketData") this.host.writeLog(errorText("行情订阅失败", record.error), LogLevel.ERROR);
      else if (record.error && record.callback === "OnRspError") this.host.writeLog(errorText("行情接口报错", record.error), LogLevel.ERROR);
    } catch (error) {
      this.host.writeLog(`${record.callback} handling failed: ${(error as Error).stack ?? String(error)}`, LogLevel.ERROR);
    }
  }

  private onFrontConnected(): void {
    this.host.writeLog("行情服务器连接成功");
    this.requestId += 1;
    const { userId, password, brokerId } = this.login;
    this.session?.request("ReqUserLogin", { UserID: userId, Password: password, BrokerID: brokerId }, this.requestId);
  }

  private onFrontDisconnected(reason: number): void {
    this.loggedIn = false;
    this.host.writeLog(disconnectText("行情服务器", reason), LogLevel.WARNING);
  }

  private onLogin(record: CallbackRecord): void {
    if (record.error) {
      const text = errorText("行情服务器登录失败", record.error);
      this.host.writeLog(text, LogLevel.ERROR);
      this.settle?.reject(new TradingError("LOGIN_FAILED", text));
      this.settle = undefined;
      return;
    }
    this.loggedIn = true;
    this.host.writeLog("行情服务器登录成功");
    // A new md session starts with no subscriptions: everything asked for so far is asked for again.
    this.session?.subscribeMarketData([...this.subscribed]);
    this.settle?.resolve();
    this.settle = undefined;
  }

  private onDepth(record: CallbackRecord): void {
    const buf = record.data;
    if (!buf) return;
    const base = record.dataOffset;
    const updateTime = readCString(buf, base + OFF.updateTime, 9);
    if (!updateTime) return;
    const contract = this.host.contracts.get(readCString(buf, base + OFF.instrument, 81));
    if (!contract) return;
    const actionDay = readCString(buf, base + OFF.actionDay, 9);
    // DCE's ActionDay is the trading day during the night session; vn.py uses the local date there.
    const date = !actionDay || contract.exchange === Exchange.DCE ? this.today : actionDay;
    const datetime = chinaTime(date, updateTime, buf.readInt32LE(base + OFF.millisec));
    if (!datetime) return;
    const tick = this.buildTick(contract, datetime, buf, base);
    this.enqueueTrace?.push(record.enqueuedNs);
    this.host.onTick(tick);
  }

  /**
   * TickData with every field written in one literal, in vn.py's order: ticks are the hot path, and a
   * fixed-shape literal without per-tick closures is several times cheaper (measured by bench/ctp-ticks).
   */
  private buildTick(contract: ContractData, datetime: Date, b: Buffer, o: number): TickData {
    const deep = b.readInt32LE(o + OFF.bidVolume[1]) !== 0 || b.readInt32LE(o + OFF.askVolume[1]) !== 0;
    return {
      gateway_name: this.host.name, symbol: contract.symbol, exchange: contract.exchange, datetime, name: contract.name,
      volume: b.readInt32LE(o + OFF.volume), turnover: b.readDoubleLE(o + OFF.turnover),
      open_interest: b.readDoubleLE(o + OFF.openInterest), last_price: price(b, o + OFF.last), last_volume: 0,
      limit_up: b.readDoubleLE(o + OFF.upper), limit_down: b.readDoubleLE(o + OFF.lower),
      open_price: price(b, o + OFF.open), high_price: price(b, o + OFF.high), low_price: price(b, o + OFF.low),
      pre_close: price(b, o + OFF.preClose),
      bid_price_1: price(b, o + OFF.bid[0]), bid_price_2: depthPrice(b, o, OFF.bid, 1, deep),
      bid_price_3: depthPrice(b, o, OFF.bid, 2, deep), bid_price_4: depthPrice(b, o, OFF.bid, 3, deep),
      bid_price_5: depthPrice(b, o, OFF.bid, 4, deep),
      ask_price_1: price(b, o + OFF.ask[0]), ask_price_2: depthPrice(b, o, OFF.ask, 1, deep),
      ask_price_3: depthPrice(b, o, OFF.ask, 2, deep), ask_price_4: depthPrice(b, o, OFF.ask, 3, deep),
      ask_price_5: depthPrice(b, o, OFF.ask, 4, deep),
      bid_volume_1: b.readInt32LE(o + OFF.bidVolume[0]), bid_volume_2: depthVolume(b, o, OFF.bidVolume, 1, deep),
      bid_volume_3: depthVolume(b, o, OFF.bidVolume, 2, deep), bid_volume_4: depthVolume(b, o, OFF.bidVolume, 3, deep),
      bid_volume_5: depthVolume(b, o, OFF.bidVolume, 4, deep),
      ask_volume_1: b.readInt32LE(o + OFF.askVolume[0]), ask_volume_2: depthVolume(b, o, OFF.askVolume, 1, deep),
      ask_volume_3: depthVolume(b, o, OFF.askVolume, 2, deep), ask_volume_4: depthVolume(b, o, OFF.askVolume, 3, deep),
      ask_volume_5: depthVolume(b, o, OFF.askVolume, 4, deep),
      vt_symbol: contract.vt_symbol,
    };
  }


}
