// The MT5 gateway: talks to the vntrader_server Expert Advisor (or vn.py's vnpy_server) inside a MetaTrader 5
// terminal over ZeroMQ: requests on REQ (contracts, orders, history, subscribe, send, cancel) and the EA's
// 100 ms price/account/position publications plus trade transactions on SUB.
import { Subscriber } from "zeromq";
import { Exchange, Interval, LogLevel } from "../../core/constant";
import { TradingError } from "../../core/errors";
import type { EventEngine } from "../../core/event-engine";
import { BaseGateway, type GatewayFactory, type GatewaySetting, type HistoryProgress } from "../../core/gateway";
import {
  orderFromRequest, splitVtSymbol,
  type BarData, type CancelRequest, type ContractData, type HistoryRequest, type OrderRequest, type SubscribeRequest,
} from "../../core/object";
import { barsFromWire, DEFAULT_CHUNK_BARS, mergeBars, planHistory, type Mt5Bar } from "./history";
import {
  accountFromWire, contractFromWire, flatPosition, orderCmd, positionFromWire, symbolToMt5, symbolToVt, tickFromWire,
} from "./mappings";
import { OrderBook } from "./order-book";
import {
  RequestType, retcodeText,
  type WireCancelReply, type WireContract, type WireHistoryReply, type WireOrder, type WirePush, type WireSendReply,
  type WireTransaction,
} from "./protocol";
import { LockstepRequester } from "./requester";
import { tickHistoryError, timeframeOf, type Mt5Interval } from "./timeframes";
import { parseServerTimeZone, formatServerTime, serverSecondsToDate, TIMEZONE_SETTING, type ServerTimeZone } from "./timezone";

/** vn.py's Chinese setting keys (its 2.x MT5 gateway); the server time zone is ours. */
export const SETTING_KEYS = { host: "通讯地址", reqPort: "请求端口", subPort: "订阅端口", timeZone: TIMEZONE_SETTING.key } as const;

export interface Mt5GatewayOptions {
  /** Deadline for a request other than history (default 5 s). */
  readonly requestTimeoutMs?: number;
  /** Deadline for one history chunk (default 60 s: CopyRates may first download from the broker). */
  readonly historyTimeoutMs?: number;
  /** No publication for this long means the terminal is gone (the EA publishes every 100 ms). */
  readonly silenceMs?: number;
  readonly chunkBars?: number;
}

export class Mt5Gateway extends BaseGateway {
  readonly exchanges = [Exchange.OTC] as const;
  private readonly options: Required<Mt5GatewayOptions>;
  private requester: LockstepRequester | undefined;
  private subscriber: Subscriber | undefined;
  private zone: ServerTimeZone = parseServerTimeZone(undefined);
  private readonly contracts = new Map<string, ContractData>();
  private readonly subscribed = new Set<string>();
  private readonly positionSymbols = new Set<string>();
  private readonly book: OrderBook;
  private watchdog: NodeJS.Timeout | undefined;
  private lastPushAt = 0;
  private silent = false;

  constructor(events: EventEngine, name: string, options: Mt5GatewayOptions = {}) {
    super(events, name);
    this.options = {
      requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
      historyTimeoutMs: options.historyTimeoutMs ?? 60_000,
      silenceMs: options.silenceMs ?? 5_000,
      chunkBars: options.chunkBars ?? DEFAULT_CHUNK_BARS,
    };
    this.book = new OrderBook(name, (seconds) => serverSecondsToDate(seconds, this.zone));
  }

  async connect(setting: GatewaySetting): Promise<void> {
    if (this.connectionState !== "disconnected") await this.close();
    const { host, reqPort, subPort, zone } = readSetting(setting);
    this.zone = zone;
    this.setConnectionState("connecting");
    const reqEndpoint = `tcp://${host}:${reqPort}`;
    this.requester = new LockstepRequester(reqEndpoint, this.options.requestTimeoutMs, (msg) => this.writeLog(msg, LogLevel.WARNING));
    this.subscriber = new Subscriber({ linger: 0 });
    this.subscriber.connect(`tcp://${host}:${subPort}`);
    this.subscriber.subscribe();
    void this.readPushes(this.subscriber);
    try {
      await this.queryContracts();
      await this.queryOrders();
    } catch (error) {
      await this.close();
      throw error instanceof TradingError && error.code !== "CONNECT_FAILED" ? error
        : new TradingError("CONNECT_FAILED", `MT5 at ${host} (request port ${reqPort}, publish port ${subPort}) did not answer: ${(error as Error).message}`);
    }
    this.lastPushAt = Date.now();
    this.watchdog = setInterval(() => this.checkSilence(), Math.max(50, this.options.silenceMs / 4));
    this.setConnectionState("connected");
    this.writeLog(`MT5 connected: ${this.contracts.size} symbols, server time zone ${zone.name}`);
  }

  async close(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
    this.requester?.close();
    this.subscriber?.close();
    this.requester = undefined;
    this.subscriber = undefined;
    this.setConnectionState("disconnected");
  }

  subscribe(req: SubscribeRequest): void {
    const contract = this.requireContract(req.symbol);
    const symbol = symbolToMt5(contract.symbol);
    this.subscribed.add(symbol);
    this.sendSubscribe(symbol);
  }

  /** FAK, FOK and unknown symbols are refused before the engine's guards ask anyone to confirm. */
  override checkOrder(req: OrderRequest): void {
    this.requireContract(req.symbol);
    orderCmd(req.direction, req.type);
  }

  sendOrder(req: OrderRequest): string {
    const contract = this.requireContract(req.symbol);
    const cmd = orderCmd(req.direction, req.type);
    const requester = this.requireRequester();
    const orderid = this.book.nextOrderId();
    const order = this.book.put(orderFromRequest(req, orderid, this.name));
    this.onOrder(order);
    const body = {
      type: RequestType.SEND_ORDER, symbol: symbolToMt5(contract.symbol), cmd, price: req.price, volume: req.volume, comment: orderid,
    } as const;
    // Never retried: a lost reply does not mean a lost order, and a second send could double the position.
    requester.request(body, { what: `order ${orderid}`, retry: false }).then(
      (reply) => {
        const data = (reply as WireSendReply).data;
        if (!data?.result) this.rejectOrder(orderid, retcodeText(data?.retcode ?? 0, data?.comment));
      },
      (error: Error) => this.rejectOrder(orderid, `${error.message}; not resent to avoid a duplicate — fills, if any, will still be reported`),
    );
    return order.vt_orderid;
  }

  cancelOrder(req: CancelRequest): void {
    const order = this.book.get(req.orderid);
    if (!order) throw new TradingError("UNKNOWN_ORDER", `MT5 has no order ${req.orderid}; %orders lists this session's orders`);
    const ticket = this.book.ticketOf(req.orderid);
    if (ticket === undefined) {
      this.book.deferCancel(req.orderid);
      this.writeLog(`cancel of ${req.orderid} will be sent when the terminal reports its ticket`);
      return;
    }
    this.sendCancel(req.orderid, ticket);
  }

  /** The EA publishes the account every 100 ms; nothing to ask. */
  queryAccount(): void {}

  /** The EA publishes positions every 100 ms; nothing to ask. */
  queryPosition(): void {}

  override async queryHistory(req: HistoryRequest, progress?: HistoryProgress): Promise<BarData[]> {
    if (req.interval === Interval.TICK) throw tickHistoryError();
    return this.queryBars(req.vt_symbol, req.interval, req.start, req.end, progress);
  }

  /**
   * Bars of any MT5 timeframe, "1m" .. "30m", "1h" .. "12h", "d", "w", "mn" (M1 .. MN1). Everything is
   * checked before the first request; long ranges are pulled in chunks with progress.
   * @example await (engine.getGateway("MT5") as Mt5Gateway).queryBars("EURUSD.OTC", "5m", new Date("2024-01-02"), new Date("2024-01-05"))
   */
  async queryBars<I extends Mt5Interval>(
    vtSymbol: string, interval: I, start: Date, end: Date = new Date(), progress?: HistoryProgress,
  ): Promise<Mt5Bar<I>[]> {
    const [symbolPart, exchange] = splitVtSymbol(vtSymbol);
    if (exchange !== Exchange.OTC) throw new TradingError("UNKNOWN_SYMBOL", `MT5 symbols are SYMBOL.OTC; ${vtSymbol} is not one`);
    const contract = this.requireContract(symbolPart);
    const plan = planHistory(start, end, interval, this.zone, this.options.chunkBars);
    const requester = this.requireRequester();
    const symbol = symbolToMt5(contract.symbol);
    const what = `${symbol} ${timeframeOf(interval).mt5}`;
    const bars: Mt5Bar<I>[] = [];
    let terminalSays = "";
    for (const [index, chunk] of plan.chunks.entries()) {
      const body = {
        type: RequestType.QUERY_HISTORY, symbol, interval: plan.code,
        start_time: formatServerTime(chunk.from), end_time: formatServerTime(chunk.to),
      } as const;
      const reply = (await requester.request(body, { what: `history ${what}`, timeoutMs: this.options.historyTimeoutMs, retry: true })) as WireHistoryReply;
      // result -1 is CopyRates finding nothing in this chunk (a weekend, a gap): not an error on its own.
      if (reply.result === 1 && Array.isArray(reply.data)) {
        bars.push(...barsFromWire(reply.data, { gatewayName: this.name, symbol: contract.symbol, interval, zone: this.zone }));
      } else if (reply.message) {
        terminalSays = `; the terminal says: ${reply.message}`;
      }
      progress?.(index + 1, plan.chunks.length, `${what}: ${bars.length} bars`);
    }
    const inRange = mergeBars(bars).filter((bar) => bar.datetime >= start && bar.datetime <= end);
    if (inRange.length === 0) {
      throw new TradingError(
        "NO_HISTORY",
        `MT5 has no ${what} bars from ${start.toISOString()} to ${end.toISOString()}: the terminal serves only what it has downloaded (Tools > Options > Charts > Max bars in chart)${terminalSays}`,
      );
    }
    return inRange;
  }

  // ---- requests -------------------------------------------------------------------------------------

  private async queryContracts(): Promise<void> {
    const reply = (await this.requireRequester().request({ type: RequestType.QUERY_CONTRACT }, { what: "the contract list", retry: true })) as { data?: WireContract[] };
    if (!Array.isArray(reply?.data)) throw new TradingError("CONNECT_FAILED", "the MT5 contract reply has no data list");
    for (const wire of reply.data) {
      const contract = contractFromWire(wire, this.name);
      this.contracts.set(contract.symbol, contract);
      this.onContract(contract);
    }
  }

  private async queryOrders(): Promise<void> {
    const reply = (await this.requireRequester().request({ type: RequestType.QUERY_ORDER }, { what: "the order list", retry: true })) as { data?: WireOrder[] };
    for (const order of this.book.fromQuery(reply?.data ?? [])) this.onOrder(order);
  }

  private sendSubscribe(symbol: string): void {
    this.requester?.request({ type: RequestType.SUBSCRIBE, symbol }, { what: `subscribe ${symbol}`, retry: true })
      .catch((error: Error) => this.writeLog(`subscribe ${symbol} failed: ${error.message}`, LogLevel.ERROR));
  }

  private sendCancel(orderid: string, ticket: number): void {
    this.requester?.request({ type: RequestType.CANCEL_ORDER, ticket }, { what: `cancel ${orderid}`, retry: true }).then(
      (reply) => {
        if (!(reply as WireCancelReply).data?.result) this.writeLog(`MT5 refused to cancel ${orderid} (ticket ${ticket}): it may have traded already`, LogLevel.WARNING);
      },
      (error: Error) => this.writeLog(`cancel ${orderid} failed: ${error.message}`, LogLevel.ERROR),
    );
  }

  private rejectOrder(orderid: string, reason: string): void {
    const rejected = this.book.reject(orderid, reason);
    if (!rejected) return;
    this.onOrder(rejected);
    this.writeLog(`order ${orderid} rejected: ${reason}`, LogLevel.WARNING);
  }

  // ---- publications ---------------------------------------------------------------------------------

  private async readPushes(subscriber: Subscriber): Promise<void> {
    try {
      for await (const [frame] of subscriber) {
        try {
          this.onPush(JSON.parse(frame.toString("utf8")) as WirePush);
        } catch (error) {
          this.writeLog(`unreadable MT5 publication skipped: ${(error as Error).message}`, LogLevel.WARNING);
        }
      }
    } catch (error) {
      if (!subscriber.closed) this.writeLog(`MT5 publication socket failed: ${(error as Error).message}`, LogLevel.ERROR);
    }
  }

  private onPush(push: WirePush): void {
    this.lastPushAt = Date.now();
    if (this.silent) this.onTerminalBack();
    switch (push.type) {
      case "price": return this.onPrices(push.data);
      case "account": return this.onAccount(accountFromWire(push.data, this.name));
      case "position": return this.onPositions(push.data);
      case "order": return this.onTransaction(push.data);
    }
  }

  private onPrices(prices: Extract<WirePush, { type: "price" }>["data"]): void {
    const now = new Date();
    for (const price of prices) {
      if (this.contracts.has(symbolToVt(price.symbol))) this.onTick(tickFromWire(price, this.name, this.zone, now));
    }
  }

  /** Positions that vanished from the list were closed: push them flat once (vn.py's rule). */
  private onPositions(positions: Extract<WirePush, { type: "position" }>["data"]): void {
    const present = new Set<string>();
    for (const wire of positions) {
      const position = positionFromWire(wire, this.name);
      present.add(position.symbol);
      this.onPosition(position);
    }
    for (const symbol of this.positionSymbols) if (!present.has(symbol)) this.onPosition(flatPosition(symbol, this.name));
    this.positionSymbols.clear();
    for (const symbol of present) this.positionSymbols.add(symbol);
  }

  private onTransaction(tx: WireTransaction): void {
    const outcome = this.book.onTransaction(tx);
    for (const order of outcome.orders) this.onOrder(order);
    for (const trade of outcome.trades) this.onTrade(trade);
    for (const { orderid, ticket } of outcome.cancels) this.sendCancel(orderid, ticket);
  }

  // ---- terminal watchdog ----------------------------------------------------------------------------

  private checkSilence(): void {
    if (this.silent || this.connectionState !== "connected") return;
    if (Date.now() - this.lastPushAt < this.options.silenceMs) return;
    this.silent = true;
    this.setConnectionState("connecting");
    this.writeLog(`no data from the MT5 terminal for ${this.options.silenceMs / 1000} s; orders are refused until it is back`, LogLevel.WARNING);
  }

  /** The EA publishes again (terminal or EA restarted): resubscribe and reconcile orders. */
  private onTerminalBack(): void {
    this.silent = false;
    this.setConnectionState("connected");
    this.writeLog("the MT5 terminal is publishing again; resubscribing and reconciling orders");
    for (const symbol of this.subscribed) this.sendSubscribe(symbol);
    this.queryOrders().catch((error: Error) => this.writeLog(`order reconciliation failed: ${error.message}`, LogLevel.ERROR));
  }

  // ---- helpers --------------------------------------------------------------------------------------

  private requireContract(symbolPart: string): ContractData {
    const contract = this.contracts.get(symbolPart);
    if (contract) return contract;
    throw new TradingError("UNKNOWN_SYMBOL", `MT5 does not list ${symbolPart}.OTC; %contracts shows its symbols (dots in MT5 names are written "-")`);
  }

  private requireRequester(): LockstepRequester {
    if (this.requester && this.connectionState !== "disconnected") return this.requester;
    throw new TradingError("NOT_CONNECTED", "MT5 is not connected; run %connect mt5 first (nothing was sent)");
  }
}

function readSetting(setting: GatewaySetting): { host: string; reqPort: number; subPort: number; zone: ServerTimeZone } {
  const host = String(setting[SETTING_KEYS.host] ?? "localhost").trim() || "localhost";
  return {
    host,
    reqPort: readPort(setting[SETTING_KEYS.reqPort], SETTING_KEYS.reqPort, 6888),
    subPort: readPort(setting[SETTING_KEYS.subPort], SETTING_KEYS.subPort, 8666),
    zone: parseServerTimeZone(setting[SETTING_KEYS.timeZone] === undefined ? undefined : String(setting[SETTING_KEYS.timeZone])),
  };
}

/** vn.py stores the ports as strings; both forms are accepted, anything else is refused by name. */
function readPort(value: string | number | boolean | undefined, key: string, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new TradingError("BAD_SETTING", `${key} must be a port number from 1 to 65535 (the EA's inputs), got "${String(value)}"`);
  }
  return port;
}

export const createMt5Gateway: GatewayFactory = (events, name) => new Mt5Gateway(events, name);
