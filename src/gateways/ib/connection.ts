// The socket session to TWS through @stoqey/ib's IBApi: connect and wait for the API to be ready (next valid
// order id + managed accounts), keep listeners across reconnects, allocate request ids, and reconnect with
// backoff when the socket drops. A fresh IBApi per attempt, so no decoder state survives a broken stream.
import { EventName, IBApi } from "@stoqey/ib";
import { TradingError } from "../../core/errors";
import { interceptHistoricalData, type DecodedBars } from "./history/bars-decoder";

export interface IbEndpoint {
  readonly host: string;
  readonly port: number;
  readonly clientId: number;
}

export interface ReconnectPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export interface SessionInfo {
  readonly accounts: string[];
  readonly nextOrderId: number;
  readonly serverVersion: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Listener = (...args: any[]) => void;

/** Request ids start far above order ids: IB reports errors for both in the same id field. */
const FIRST_REQUEST_ID = 1_000_000;

export class IbConnection {
  private api: IBApi | undefined;
  private readonly listeners: Array<[EventName, Listener]> = [];
  private requestId = FIRST_REQUEST_ID;
  private closing = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private onBars: ((decoded: DecodedBars) => void) | undefined;

  constructor(
    private readonly endpoint: IbEndpoint,
    private readonly policy: ReconnectPolicy,
    private readonly connectTimeoutMs: number,
    /** Called when the socket dropped (not on close()); the connection reconnects by itself. */
    private readonly onLost: (delayMs: number) => void,
    /** Called after every successful (re)connect, before requests resume. */
    private readonly onReady: (info: SessionInfo, reconnected: boolean) => void,
    private readonly onRetryFailed: (error: TradingError, delayMs: number) => void,
  ) {}

  /** Registers a listener on the current and every future IBApi. */
  on(event: EventName, listener: Listener): void {
    this.listeners.push([event, listener]);
    if (this.api) attach(this.api, event, listener);
  }

  /** Where whole historicalData messages go (see bars-decoder.ts); set before open(). */
  setHistoryHandler(onBars: (decoded: DecodedBars) => void): void {
    this.onBars = onBars;
  }

  get isOpen(): boolean {
    return this.api?.isConnected === true;
  }

  get serverVersion(): number {
    return this.api?.serverVersion ?? 0;
  }

  nextRequestId(): number {
    return this.requestId++;
  }

  /** The live API for sending; throws NOT_CONNECTED while the socket is down. */
  get ib(): IBApi {
    if (!this.api?.isConnected) {
      throw new TradingError("NOT_CONNECTED", `not connected to TWS at ${this.endpoint.host}:${this.endpoint.port}; the gateway is reconnecting, retry shortly`);
    }
    return this.api;
  }

  /** First connect: rejects (without retrying) if TWS cannot be reached or refuses the client. */
  async open(): Promise<SessionInfo> {
    this.closing = false;
    const info = await this.connectOnce();
    this.onReady(info, false);
    return info;
  }

  close(): void {
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const api = this.api;
    this.api = undefined;
    api?.removeAllListeners();
    api?.disconnect();
  }

  private connectOnce(): Promise<SessionInfo> {
    const api = new IBApi({ host: this.endpoint.host, port: this.endpoint.port, clientId: this.endpoint.clientId });
    this.api?.removeAllListeners();
    this.api = api;
    return new Promise<SessionInfo>((resolve, reject) => {
      let accounts: string[] | undefined;
      let nextOrderId: number | undefined;
      const fail = (reason: string) => {
        clearTimeout(timeout);
        api.removeAllListeners();
        api.disconnect();
        if (this.api === api) this.api = undefined;
        reject(new TradingError("CONNECT_FAILED", `cannot connect to TWS at ${this.endpoint.host}:${this.endpoint.port} (client id ${this.endpoint.clientId}): ${reason}`));
      };
      const timeout = setTimeout(() => fail(`no answer within ${this.connectTimeoutMs / 1000} s; check that TWS or IB Gateway runs and "Enable ActiveX and Socket Clients" is on`), this.connectTimeoutMs);
      const readyIfComplete = () => {
        if (accounts === undefined || nextOrderId === undefined) return;
        clearTimeout(timeout);
        api.off(EventName.error, onError);
        api.off(EventName.disconnected, onDisconnected);
        api.off(EventName.info, onInfo);
        for (const [event, listener] of this.listeners) attach(api, event, listener);
        if (this.onBars) interceptHistoricalData(api, this.onBars);
        api.on(EventName.disconnected, () => this.lost(api));
        resolve({ accounts, nextOrderId, serverVersion: api.serverVersion });
      };
      const onError = (error: Error, code: number) => {
        if (code === 326 || code === 502 || code === 503 || code === 504 || /ECONNREFUSED|ECONNRESET/.test(error.message)) fail(`${error.message} (IB ${code})`);
      };
      const onDisconnected = () => fail("TWS closed the connection during the handshake (is the client id already in use, or the API disabled?)");
      // TWS reports "client id in use" (326) with id -1, which @stoqey/ib emits as info, not error
      const onInfo = (text: string, code: number) => code === 326 && fail(`${text} (IB 326); choose another 客户号 (client id)`);
      api.on(EventName.error, onError);
      api.on(EventName.info, onInfo);
      api.on(EventName.disconnected, onDisconnected);
      api.once(EventName.managedAccounts, (list: string) => { accounts = list.split(",").map((a) => a.trim()).filter(Boolean); readyIfComplete(); });
      api.once(EventName.nextValidId, (id: number) => { nextOrderId = id; readyIfComplete(); });
      api.connect(this.endpoint.clientId);
    });
  }

  private lost(api: IBApi): void {
    if (this.closing || this.api !== api) return;
    api.removeAllListeners();
    this.api = undefined;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = Math.min(this.policy.maxDelayMs, this.policy.initialDelayMs * 2 ** this.attempt);
    this.attempt += 1;
    if (this.attempt === 1) this.onLost(delay);
    this.timer = setTimeout(() => void this.retry(delay), delay);
  }

  private async retry(delay: number): Promise<void> {
    if (this.closing) return;
    try {
      const info = await this.connectOnce();
      if (this.closing) return;
      this.attempt = 0;
      this.onReady(info, true);
    } catch (error) {
      if (this.closing) return;
      this.onRetryFailed(error as TradingError, Math.min(this.policy.maxDelayMs, delay * 2));
      this.scheduleReconnect();
    }
  }
}

/** IBApi's `on` is overloaded per event; the listeners kept here are registered generically. */
function attach(api: IBApi, event: EventName, listener: Listener): void {
  (api.on as (event: string, listener: Listener) => IBApi).call(api, event, listener);
}
