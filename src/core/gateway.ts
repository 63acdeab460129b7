// The gateway contract: what every broker or exchange adapter implements, and the on_xxx pushes it uses.
//
// An implementer's promises (vn.py's, made stricter for a notebook):
// - Methods return quickly; work that waits (network, native queues) happens in the background.
// - `connect` resolves only when the gateway is ready to trade (logged in, contracts known) and rejects
//   with a TradingError naming what went wrong (bad password, missing library, unreachable front).
// - After a connection drop the gateway reconnects by itself, logs in again, resubscribes, reconciles.
// - Pushed objects are immutable snapshots; a gateway that keeps state pushes fresh objects.
// - `sendOrder` assigns an id unique within the instance, pushes the SUBMITTING order (or REJECTED if the
//   send failed at once) and returns the vt_orderid. Later failures arrive as REJECTED order updates.
// - Contracts belong to the instance, never to a module-global map shared between instances.
import { LogLevel, type Exchange } from "./constant";
import { TradingError } from "./errors";
import {
  EVENT_ACCOUNT, EVENT_CONTRACT, EVENT_LOG, EVENT_ORDER, EVENT_POSITION, EVENT_TICK, EVENT_TRADE,
} from "./event";
import type { EventEngine } from "./event-engine";
import {
  createLog,
  type AccountData, type BarData, type CancelRequest, type ContractData, type HistoryRequest, type OrderData,
  type OrderRequest, type PositionData, type SubscribeRequest, type TickData, type TradeData,
} from "./object";

/** A gateway's settings as stored in connect_<name>.json: vn.py's keys (often Chinese) to plain values. */
export type GatewaySetting = Readonly<Record<string, string | number | boolean>>;

/** Reports progress of a long history pull: `done` of `total` requests. */
export type HistoryProgress = (done: number, total: number, message?: string) => void;

export type ConnectionState = "disconnected" | "connecting" | "connected";

export abstract class BaseGateway {
  /** Exchanges this gateway trades. */
  abstract readonly exchanges: readonly Exchange[];
  private state: ConnectionState = "disconnected";

  constructor(
    protected readonly events: EventEngine,
    /** The name it was added under, e.g. "CTP"; prefixes every vt_orderid. */
    readonly name: string,
  ) {}

  /** Logs in with the given settings; resolves when ready to trade. */
  abstract connect(setting: GatewaySetting): Promise<void>;
  /** Logs out and releases sockets, timers and native resources. Safe to call twice. */
  abstract close(): Promise<void>;
  abstract subscribe(req: SubscribeRequest): void;
  abstract sendOrder(req: OrderRequest): string;
  abstract cancelOrder(req: CancelRequest): void;
  abstract queryAccount(): void;
  abstract queryPosition(): void;

  /**
   * Refuses, by throwing a TradingError, an order this gateway could never send (an order type it lacks, a
   * symbol it does not list). The engine calls it before any guard or confirmation prompt, so nobody is asked
   * to confirm an order that would be refused anyway. Most gateways keep this default.
   */
  checkOrder(_req: OrderRequest): void {}

  /** Bars for the request. Gateways without history keep this default, which says so plainly. */
  queryHistory(req: HistoryRequest, _progress?: HistoryProgress): Promise<BarData[]> {
    return Promise.reject(
      new TradingError("NO_HISTORY", `${this.name} does not provide history bars for ${req.vt_symbol}; use IB or MT5`),
    );
  }

  /**
   * Looks up a contract this gateway has not listed yet (IB has no "all contracts" query). Gateways that
   * list every contract at login keep this default. A found contract is also pushed with onContract.
   */
  resolveContract(_vtSymbol: string): Promise<ContractData | undefined> {
    return Promise.resolve(undefined);
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  get isConnected(): boolean {
    return this.state === "connected";
  }

  protected setConnectionState(state: ConnectionState): void {
    this.state = state;
  }

  onTick(tick: TickData): void {
    this.events.put(EVENT_TICK, tick);
    this.events.put(`${EVENT_TICK}${tick.vt_symbol}`, tick);
  }

  onTrade(trade: TradeData): void {
    this.events.put(EVENT_TRADE, trade);
    this.events.put(`${EVENT_TRADE}${trade.vt_symbol}`, trade);
  }

  onOrder(order: OrderData): void {
    this.events.put(EVENT_ORDER, order);
    this.events.put(`${EVENT_ORDER}${order.vt_orderid}`, order);
  }

  onPosition(position: PositionData): void {
    this.events.put(EVENT_POSITION, position);
    this.events.put(`${EVENT_POSITION}${position.vt_symbol}`, position);
  }

  onAccount(account: AccountData): void {
    this.events.put(EVENT_ACCOUNT, account);
    this.events.put(`${EVENT_ACCOUNT}${account.vt_accountid}`, account);
  }

  onContract(contract: ContractData): void {
    this.events.put(EVENT_CONTRACT, contract);
  }

  writeLog(msg: string, level: LogLevel = LogLevel.INFO): void {
    this.events.put(EVENT_LOG, createLog(this.name, msg, level));
  }
}

/** How the engine creates a gateway: the catalogue maps names to loaders that resolve to one of these. */
export type GatewayFactory = (events: EventEngine, name: string) => BaseGateway;
