// The main engine (the notebook's `engine` singleton): adds gateways by name, connects them with vn.py's
// settings files, routes subscriptions, orders, cancels and history to the gateway that owns a symbol, and
// answers from the order-management cache. Every bad request is refused here, before anything is sent.
import { ADAPTERS, type AdapterLoader } from "./adapters";
import { CATALOGUE, exclusiveConflict, exclusiveConflictMessage, findGateway, type GatewayInfo } from "./catalogue";
import { Direction, Interval, LogLevel, Offset, type Exchange, type OrderType, type Product } from "./core/constant";
import { TradingError } from "./core/errors";
import { EVENT_LOG, type Event } from "./core/event";
import { EventEngine } from "./core/event-engine";
import type { BaseGateway, GatewayFactory, HistoryProgress } from "./core/gateway";
import {
  cancelRequestOf, createHistoryRequest, createLog, createSubscribeRequest, isActive, orderFromRequest, splitVtSymbol,
  type AccountData, type BarData, type ContractData, type LogData, type OrderData, type OrderRequest,
  type PositionData, type TickData, type TradeData,
} from "./core/object";
import { OmsEngine } from "./core/oms";
import { checkOrder, type OrderInput } from "./core/validate";
import { resolveSetting, type Prompter } from "./connect-settings";
import { RiskGuard } from "./risk";
import { SettingsStore, maskSecrets } from "./settings";

/** A check every order passes before it reaches a gateway (the risk guard is one). Throw to refuse. */
export interface OrderGuard {
  /** The order as the user gave it, before a SHFE/INE close is split into close-today and close-yesterday. */
  checkOrder(req: OrderRequest, contract: ContractData, gateway: BaseGateway): void | Promise<void>;
  /** Called after a gateway accepted an order, for rate and count bookkeeping. */
  orderSent?(req: OrderRequest, vtOrderId: string): void;
  checkCancel?(order: OrderData): void;
}

export interface ConnectOptions {
  /** Write non-secret settings given here back to connect_<name>.json after a successful login. */
  save?: boolean;
}

export interface ContractFilter {
  /** Case-insensitive part of the symbol, or a glob with `*` (e.g. "rb*"). */
  pattern?: string;
  exchange?: Exchange;
  product?: Product;
}

export interface MainEngineOptions {
  settings?: SettingsStore;
  adapters?: Readonly<Record<string, AdapterLoader>>;
  timerIntervalMs?: number;
  /** How many log lines to keep for %log. */
  logCapacity?: number;
}

export class MainEngine {
  readonly events: EventEngine;
  readonly oms: OmsEngine;
  readonly settings: SettingsStore;
  /** The risk guard (issue 6): rules, limits, today's counters, kill-switch state, audit trail. */
  readonly risk: RiskGuard;
  private readonly gateways = new Map<string, BaseGateway>();
  private readonly adapters: Readonly<Record<string, AdapterLoader>>;
  private readonly guards: OrderGuard[] = [];
  private readonly logs: LogData[] = [];
  private readonly logCapacity: number;
  private prompter: Prompter | undefined;

  constructor(options: MainEngineOptions = {}) {
    this.settings = options.settings ?? new SettingsStore();
    this.adapters = options.adapters ?? ADAPTERS;
    this.logCapacity = options.logCapacity ?? 1000;
    this.events = new EventEngine({ timerIntervalMs: options.timerIntervalMs });
    this.oms = new OmsEngine(this.events);
    this.events.register(EVENT_LOG, (event: Event<typeof EVENT_LOG>) => this.keepLog(event.data));
    this.risk = new RiskGuard(this);
    this.guards.push(this.risk);
    this.events.start();
  }

  // ---- gateways -------------------------------------------------------------------------------------

  /** The catalogue: every gateway this product knows, whether or not its adapter is built. */
  get catalogue(): readonly GatewayInfo[] {
    return CATALOGUE;
  }

  /** Whether a catalogue gateway can be connected in this build. */
  hasAdapter(name: string): boolean {
    const info = findGateway(name);
    return info !== undefined && this.adapters[info.name] !== undefined;
  }

  getGateway(name: string): BaseGateway | undefined {
    return this.gateways.get(name.toUpperCase());
  }

  getAllGateways(): BaseGateway[] {
    return [...this.gateways.values()];
  }

  /** Loads a gateway's adapter and creates it; connecting adds it implicitly. */
  async addGateway(name: string): Promise<BaseGateway> {
    const info = this.gatewayInfo(name);
    return this.gateways.get(info.name) ?? this.createGateway(info, await this.loaderFor(info));
  }

  /** Creates and keeps the gateway; the exclusivity check is repeated because loading awaited. */
  private createGateway(info: GatewayInfo, factory: GatewayFactory): BaseGateway {
    this.checkExclusive(info);
    const gateway = factory(this.events, info.name);
    this.gateways.set(info.name, gateway);
    return gateway;
  }

  private checkExclusive(info: GatewayInfo): void {
    const conflict = exclusiveConflict(info.name, [...this.gateways.keys()]);
    if (conflict) throw new TradingError("EXCLUSIVE_GATEWAY", exclusiveConflictMessage(info, conflict));
  }

  /** The adapter's factory, or an error saying why this gateway cannot be loaded in this process. */
  private loaderFor(info: GatewayInfo): Promise<GatewayFactory> {
    this.checkExclusive(info);
    const load = this.adapters[info.name];
    if (!load) {
      const ready = CATALOGUE.filter((g) => this.adapters[g.name]).map((g) => g.name).join(", ");
      throw new TradingError(
        "ADAPTER_MISSING",
        `${info.name} (${info.displayName}) is in the catalogue but its adapter is not built in this version; gateways you can connect: ${ready}`,
      );
    }
    return load();
  }

  /**
   * Connects a gateway with settings from connect_<name>.json merged with `overrides` (vn.py keys or their
   * English labels). A missing password is asked for through the prompter (the kernel's stdin) when there
   * is one. Resolves when the gateway is ready to trade.
   */
  async connect(name: string, overrides: Record<string, unknown> = {}, options: ConnectOptions = {}): Promise<void> {
    const info = this.gatewayInfo(name);
    // Load the adapter first, so "not built" or "cannot share a process" is said before settings are asked for.
    const factory = this.gateways.has(info.name) ? undefined : await this.loaderFor(info);
    const stored = this.settings.load(SettingsStore.connectFile(info.name));
    const resolved = await resolveSetting(info, stored, overrides, this.prompter);
    const gateway = this.gateways.get(info.name) ?? this.createGateway(info, factory ?? (await this.loaderFor(info)));
    const secretKeys = info.settings.filter((field) => field.secret).map((field) => field.key);
    this.writeLog(`connecting ${info.name} with ${JSON.stringify(maskSecrets(resolved.setting, secretKeys))}`);
    await gateway.connect(resolved.setting);
    if (options.save && Object.keys(resolved.given).length > 0) {
      this.settings.save(SettingsStore.connectFile(info.name), { ...stored, ...resolved.given });
    }
  }

  /** Closes one gateway (or all) and forgets what it pushed. */
  async disconnect(name?: string): Promise<void> {
    const targets = name ? [this.requireGateway(name)] : this.getAllGateways();
    for (const gateway of targets) {
      await gateway.close();
      this.oms.clearGateway(gateway.name);
      this.writeLog(`${gateway.name} disconnected`);
    }
  }

  /** Where notebook prompts go (passwords, order confirmations); the kernel sets it to its stdin. */
  setPrompter(prompter: Prompter | undefined): void {
    this.prompter = prompter;
  }

  getPrompter(): Prompter | undefined {
    return this.prompter;
  }

  // ---- market data ----------------------------------------------------------------------------------

  /** Subscribes ticks of each symbol on the gateway that lists it. All symbols are checked before any is sent. */
  async subscribe(...vtSymbols: string[]): Promise<void> {
    const contracts: ContractData[] = [];
    for (const vtSymbol of vtSymbols) contracts.push(await this.requireContract(vtSymbol));
    for (const contract of contracts) {
      this.requireConnected(contract.gateway_name).subscribe(createSubscribeRequest(contract.vt_symbol));
    }
  }

  /** Bars from the gateway that owns the symbol. `end` defaults to now. */
  async queryHistory(
    vtSymbol: string, interval: Interval, start: Date, end: Date = new Date(), progress?: HistoryProgress,
  ): Promise<BarData[]> {
    const contract = await this.requireContract(vtSymbol);
    if (!Object.values(Interval).includes(interval)) {
      throw new TradingError("BAD_REQUEST", `unknown interval "${interval}"; use ${Object.values(Interval).join(", ")}`);
    }
    if (!(start instanceof Date) || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
      throw new TradingError("BAD_REQUEST", "start and end must be valid dates, e.g. 2025-01-02 or 2025-01-02T09:00");
    }
    if (end.getTime() <= start.getTime()) {
      throw new TradingError("BAD_REQUEST", `end ${end.toISOString()} is not after start ${start.toISOString()}`);
    }
    const gateway = this.requireConnected(contract.gateway_name);
    const req = createHistoryRequest({ symbol: contract.symbol, exchange: contract.exchange, interval, start, end });
    this.writeLog(`history ${vtSymbol} ${interval} ${start.toISOString()} -> ${end.toISOString()} from ${gateway.name}`);
    return gateway.queryHistory(req, progress);
  }

  // ---- orders ---------------------------------------------------------------------------------------

  /** Adds a check every order must pass (after validation, before the gateway). */
  addGuard(guard: OrderGuard): void {
    this.guards.push(guard);
  }

  /**
   * Validates an order, splits a SHFE/INE close into close-today and close-yesterday, runs the guards,
   * and sends each part. Returns the vt_orderids (one per part). Nothing is sent if any check fails.
   */
  async sendOrder(input: OrderInput): Promise<string[]> {
    // Every outcome, the engine's own validation included, goes to the audit trail (issue 6).
    try {
      const vtOrderIds = await this.placeOrder(input);
      this.risk.auditOrder(input, vtOrderIds);
      return vtOrderIds;
    } catch (error) {
      this.risk.auditOrder(input, error);
      throw error;
    }
  }

  private async placeOrder(input: OrderInput): Promise<string[]> {
    this.risk.assertUnlocked();
    const contract = await this.requireContract(input.vt_symbol);
    const gateway = this.requireConnected(contract.gateway_name);
    const whole = checkOrder(input, contract);
    const parts = this.convert(whole, contract);
    for (const req of parts) gateway.checkOrder(req);
    // Guards judge the order as the user gave it: a close split into today and yesterday parts is one decision
    // (one confirmation, one volume and notional), not two orders that each slip under the limits.
    for (const guard of this.guards) await guard.checkOrder(whole, contract, gateway);
    const converter = this.oms.getConverter(gateway.name);
    return parts.map((req) => {
      const vtOrderId = gateway.sendOrder(req);
      converter?.updateOrderRequest(req, orderFromRequest(req, vtOrderId.slice(gateway.name.length + 1), gateway.name));
      for (const guard of this.guards) guard.orderSent?.(req, vtOrderId);
      return vtOrderId;
    });
  }

  buy(vtSymbol: string, volume: number, price?: number, type?: OrderType): Promise<string[]> {
    return this.sendOrder({ vt_symbol: vtSymbol, direction: Direction.LONG, offset: Offset.OPEN, volume, price, type });
  }

  sell(vtSymbol: string, volume: number, price?: number, type?: OrderType): Promise<string[]> {
    return this.sendOrder({ vt_symbol: vtSymbol, direction: Direction.SHORT, offset: this.closeOffset(vtSymbol), volume, price, type });
  }

  short(vtSymbol: string, volume: number, price?: number, type?: OrderType): Promise<string[]> {
    return this.sendOrder({ vt_symbol: vtSymbol, direction: Direction.SHORT, offset: Offset.OPEN, volume, price, type });
  }

  cover(vtSymbol: string, volume: number, price?: number, type?: OrderType): Promise<string[]> {
    return this.sendOrder({ vt_symbol: vtSymbol, direction: Direction.LONG, offset: this.closeOffset(vtSymbol), volume, price, type });
  }

  /** Cancels one active order. */
  cancelOrder(vtOrderId: string): void {
    try {
      this.requestCancel(vtOrderId);
      this.risk.auditCancel(vtOrderId, [vtOrderId]);
    } catch (error) {
      this.risk.auditCancel(vtOrderId, error);
      throw error;
    }
  }

  private requestCancel(vtOrderId: string): void {
    const order = this.oms.getOrder(vtOrderId);
    if (!order) throw new TradingError("UNKNOWN_ORDER", `no order ${vtOrderId}; %orders lists the orders of this session`);
    if (!isActive(order)) {
      throw new TradingError("UNKNOWN_ORDER", `order ${vtOrderId} is ${order.status} and can no longer be cancelled`);
    }
    for (const guard of this.guards) guard.checkCancel?.(order);
    this.requireConnected(order.gateway_name).cancelOrder(cancelRequestOf(order));
  }

  /** Cancels every active order on every gateway; returns the vt_orderids asked to cancel. */
  cancelAll(source = "cancel_all"): string[] {
    const active = this.oms.getAllActiveOrders().filter((order) => this.getGateway(order.gateway_name)?.isConnected);
    const asked: string[] = [];
    // One failing cancel must not stop the others (the kill switch depends on it); each outcome is audited.
    for (const order of active) {
      try {
        this.getGateway(order.gateway_name)!.cancelOrder(cancelRequestOf(order));
        this.risk.auditCancel(order.vt_orderid, [order.vt_orderid], source);
        asked.push(order.vt_orderid);
      } catch (error) {
        this.risk.auditCancel(order.vt_orderid, error, source);
        this.writeLog(`cancel ${order.vt_orderid} failed: ${error instanceof Error ? error.message : String(error)}`, LogLevel.ERROR);
      }
    }
    return asked;
  }

  /**
   * The kill switch: blocks new orders (TRADING_LOCKED) until unlock(), then cancels every active order on
   * every connected gateway. Waits for queued order events first, so an order sent a moment ago is included.
   */
  async kill(): Promise<string[]> {
    this.risk.lock();
    await this.events.whenIdle();
    return this.cancelAll("kill");
  }

  /** Releases the kill switch: orders are accepted again. */
  unlock(): void {
    this.risk.unlock();
  }

  // ---- the order-management cache -------------------------------------------------------------------

  getTick(vtSymbol: string): TickData | undefined { return this.oms.getTick(vtSymbol); }
  getOrder(vtOrderId: string): OrderData | undefined { return this.oms.getOrder(vtOrderId); }
  getTrade(vtTradeId: string): TradeData | undefined { return this.oms.getTrade(vtTradeId); }
  getPosition(vtPositionId: string): PositionData | undefined { return this.oms.getPosition(vtPositionId); }
  getAccount(vtAccountId: string): AccountData | undefined { return this.oms.getAccount(vtAccountId); }
  getContract(vtSymbol: string): ContractData | undefined { return this.oms.getContract(vtSymbol); }
  getAllTicks(): TickData[] { return this.oms.getAllTicks(); }
  getAllOrders(): OrderData[] { return this.oms.getAllOrders(); }
  getAllActiveOrders(): OrderData[] { return this.oms.getAllActiveOrders(); }
  getAllTrades(): TradeData[] { return this.oms.getAllTrades(); }
  getAllPositions(): PositionData[] { return this.oms.getAllPositions(); }
  getAllAccounts(): AccountData[] { return this.oms.getAllAccounts(); }
  getAllContracts(): ContractData[] { return this.oms.getAllContracts(); }

  /** Contracts matching a pattern, exchange and product, sorted by vt_symbol. */
  getContracts(filter: ContractFilter = {}): ContractData[] {
    const matches = symbolMatcher(filter.pattern);
    return this.oms
      .getAllContracts()
      .filter((c) => matches(c.symbol) && (!filter.exchange || c.exchange === filter.exchange) && (!filter.product || c.product === filter.product))
      .sort((a, b) => a.vt_symbol.localeCompare(b.vt_symbol));
  }

  // ---- logs and lifecycle ---------------------------------------------------------------------------

  writeLog(msg: string, level: LogLevel = LogLevel.INFO, source = "MainEngine"): void {
    this.events.put(EVENT_LOG, createLog(source, msg, level));
  }

  /** The last `count` log lines, oldest first. */
  getLogs(count = 50): LogData[] {
    return this.logs.slice(-count);
  }

  /** Closes every gateway, then stops the event engine. */
  async close(): Promise<void> {
    for (const gateway of this.gateways.values()) await gateway.close();
    this.risk.close();
    await this.events.whenIdle();
    this.events.stop();
  }

  // ---- helpers --------------------------------------------------------------------------------------

  private gatewayInfo(name: string): GatewayInfo {
    const info = findGateway(name);
    if (!info) {
      throw new TradingError("UNKNOWN_GATEWAY", `no gateway "${name}"; known gateways: ${CATALOGUE.map((g) => g.name).join(", ")}`);
    }
    return info;
  }

  private requireGateway(name: string): BaseGateway {
    const gateway = this.getGateway(name);
    if (!gateway) {
      this.gatewayInfo(name);
      throw new TradingError("NOT_CONNECTED", `${name.toUpperCase()} is not connected; run %connect ${name.toLowerCase()} first`);
    }
    return gateway;
  }

  private requireConnected(name: string): BaseGateway {
    const gateway = this.requireGateway(name);
    if (!gateway.isConnected) {
      throw new TradingError("NOT_CONNECTED", `${gateway.name} is ${gateway.connectionState}; nothing was sent. Run %connect ${gateway.name.toLowerCase()} and retry`);
    }
    return gateway;
  }

  /** The contract from the cache, else from a connected gateway of that exchange that can look it up. */
  private async requireContract(vtSymbol: string): Promise<ContractData> {
    const [, exchange] = splitVtSymbol(vtSymbol);
    const cached = this.oms.getContract(vtSymbol);
    if (cached) return cached;
    for (const gateway of this.getAllGateways()) {
      if (!gateway.isConnected || !gateway.exchanges.includes(exchange)) continue;
      const resolved = await gateway.resolveContract(vtSymbol);
      if (resolved) {
        await this.events.whenIdle();
        return resolved;
      }
    }
    const connected = this.getAllGateways().filter((g) => g.isConnected).map((g) => g.name);
    const hint = connected.length
      ? `none of the connected gateways (${connected.join(", ")}) lists it; %contracts shows what they list`
      : "no gateway is connected; run %connect sim (or another gateway) first";
    throw new TradingError("UNKNOWN_SYMBOL", `unknown symbol ${vtSymbol}: ${hint}`);
  }

  /** CLOSE for two-way contracts, NONE for net-position ones (IB, MT5, stocks). */
  private closeOffset(vtSymbol: string): Offset {
    return this.oms.getContract(vtSymbol)?.net_position ? Offset.NONE : Offset.CLOSE;
  }

  private convert(req: OrderRequest, contract: ContractData): OrderRequest[] {
    const converter = this.oms.getConverter(contract.gateway_name);
    if (!converter || req.offset === Offset.OPEN || req.offset === Offset.NONE) return [req];
    const parts = converter.convert(req);
    if (parts.length === 0) {
      const available = converter.available(req.vt_symbol, req.direction) ?? { td: 0, yd: 0 };
      const side = req.direction === Direction.LONG ? "short" : "long";
      throw new TradingError(
        "NOT_ENOUGH_POSITION",
        `cannot close ${req.volume} of ${req.vt_symbol}: only ${available.td + available.yd} ${side} lots are free to close (today ${available.td}, yesterday ${available.yd})`,
      );
    }
    return parts;
  }

  private keepLog(log: LogData): void {
    this.logs.push(log);
    if (this.logs.length > this.logCapacity) this.logs.splice(0, this.logs.length - this.logCapacity);
  }
}

function symbolMatcher(pattern: string | undefined): (symbol: string) => boolean {
  if (!pattern) return () => true;
  if (pattern.includes("*")) {
    const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
    const regex = new RegExp(`^${escaped}$`, "i");
    return (symbol) => regex.test(symbol);
  }
  const needle = pattern.toLowerCase();
  return (symbol) => symbol.toLowerCase().includes(needle);
}
