// One client connection to the simulated TWS: handshake, START_API, then each request message parsed at the
// negotiated server version and answered through the simulator's shared state.
import type { Socket } from "node:net";
import { answerHistory, barDateFormatter, ibDateTime, parseHistoryQuery } from "./history";
import * as msg from "./messages";
import type { SimContract } from "./scenario";
import type { TwsSimulator } from "./server";
import { FrameReader, encodeFrame, type Field } from "./wire";

/** Oldest server version this simulator negotiates: every layout it parses is the >= 157 one. */
export const MIN_SIM_VERSION = 157;

const OUT = {
  REQ_MKT_DATA: 1, CANCEL_MKT_DATA: 2, PLACE_ORDER: 3, CANCEL_ORDER: 4, REQ_OPEN_ORDERS: 5, REQ_ACCOUNT_DATA: 6,
  REQ_EXECUTIONS: 7, REQ_IDS: 8, REQ_CONTRACT_DATA: 9, REQ_ALL_OPEN_ORDERS: 16, REQ_HISTORICAL_DATA: 20,
  CANCEL_HISTORICAL_DATA: 25, REQ_CURRENT_TIME: 49, REQ_MARKET_DATA_TYPE: 59, REQ_POSITIONS: 61, CANCEL_POSITIONS: 64, START_API: 71,
} as const;

/** The 12-field contract block of requests: conId, symbol, secType, expiry, strike, right, multiplier, exchange, primary, currency, local, class. */
export interface ContractQuery {
  conId: number; symbol: string; secType: string; expiry: string; strike: number; right: string; multiplier: string;
  exchange: string; currency: string; localSymbol: string;
}

function contractQuery(f: readonly string[], at: number): ContractQuery {
  return {
    conId: Number(f[at] || 0), symbol: f[at + 1], secType: f[at + 2], expiry: f[at + 3], strike: Number(f[at + 4] || 0),
    right: f[at + 5], multiplier: f[at + 6], exchange: f[at + 7], currency: f[at + 9], localSymbol: f[at + 10],
  };
}

export class TwsSession {
  version = 0;
  clientId = -1;
  started = false;
  marketDataType = 1;
  readonly marketData = new Map<number, number>(); // reqId -> conId
  positionsSubscribed = false;
  accountSubscribed = false;
  private readonly reader = new FrameReader();
  private readonly pendingHistory = new Map<number, NodeJS.Timeout>();

  constructor(readonly socket: Socket, private readonly sim: TwsSimulator) {
    socket.on("data", (chunk) => this.onData(chunk));
    socket.on("error", () => undefined);
    socket.on("close", () => this.closed());
  }

  get isLive(): boolean {
    return !this.socket.destroyed;
  }

  send(fields: Field[]): void {
    if (!this.socket.destroyed) this.socket.write(encodeFrame(fields));
  }

  error(id: number, code: number, text: string): void {
    this.send(msg.error(this.version, id, code, text, this.sim.now()));
  }

  private onData(chunk: Buffer): void {
    let parsed;
    try {
      parsed = this.reader.push(chunk);
    } catch {
      this.socket.destroy(); // not an API client
      return;
    }
    if (parsed.handshake) this.negotiate(parsed.handshake.minVersion, parsed.handshake.maxVersion);
    for (const frame of parsed.frames) this.dispatch(frame);
  }

  private negotiate(min: number, max: number): void {
    const version = Math.min(max, this.sim.maxServerVersion);
    if (version < Math.max(min, MIN_SIM_VERSION)) {
      this.socket.destroy();
      return;
    }
    this.version = version;
    this.sim.stats.connections += 1;
    this.send([version, ibDateTime(this.sim.now())]);
  }

  private dispatch(f: string[]): void {
    const id = Number(f[0]);
    if (!this.started && id !== OUT.START_API) return; // TWS ignores requests before START_API
    this.sim.stats.messages.push(id);
    switch (id) {
      case OUT.START_API: return this.startApi(Number(f[2]));
      case OUT.REQ_CONTRACT_DATA: return this.sim.delay(this.sim.contractDelayMs, () => this.contractDetails(Number(f[2]), contractQuery(f, 3)));
      case OUT.REQ_MKT_DATA: return this.requestMarketData(Number(f[2]), contractQuery(f, 3));
      case OUT.CANCEL_MKT_DATA: this.marketData.delete(Number(f[2])); return;
      case OUT.REQ_MARKET_DATA_TYPE: this.marketDataType = Number(f[2]); return;
      case OUT.PLACE_ORDER: return this.placeOrder(f);
      case OUT.CANCEL_ORDER: return this.sim.cancelOrder(this, Number(this.version >= 192 ? f[1] : f[2]));
      case OUT.REQ_OPEN_ORDERS: return this.sim.sendOpenOrders(this, false);
      case OUT.REQ_ALL_OPEN_ORDERS: return this.sim.sendOpenOrders(this, true);
      case OUT.REQ_EXECUTIONS: return this.sim.sendExecutions(this, Number(f[2]));
      case OUT.REQ_ACCOUNT_DATA: return this.sim.accountUpdates(this, f[2] === "1");
      case OUT.REQ_POSITIONS: return this.sim.sendPositions(this);
      case OUT.CANCEL_POSITIONS: this.positionsSubscribed = false; return;
      case OUT.REQ_IDS: return this.send(msg.nextValidId(this.sim.nextOrderId()));
      case OUT.REQ_CURRENT_TIME: return this.send(msg.currentTime(Math.floor(this.sim.now() / 1000)));
      case OUT.REQ_HISTORICAL_DATA: return this.requestHistory(f);
      case OUT.CANCEL_HISTORICAL_DATA: return this.cancelHistory(Number(f[2]));
      default: this.sim.stats.unhandled.push(id);
    }
  }

  private startApi(clientId: number): void {
    if (this.sim.liveSessions().some((s) => s !== this && s.started && s.clientId === clientId)) {
      this.error(-1, 326, "Unable to connect as the client id is already in use. Retry with a unique client id.");
      this.socket.end();
      return;
    }
    this.clientId = clientId;
    this.started = true;
    this.send(msg.nextValidId(this.sim.nextOrderId()));
    this.send(msg.managedAccounts(this.sim.accounts));
    this.error(-1, 2104, "Market data farm connection is OK:usfarm");
    this.error(-1, 2106, "HMDS data farm connection is OK:ushmds");
    this.error(-1, 2158, "Sec-def data farm connection is OK:secdefil");
  }

  private contractDetails(reqId: number, q: ContractQuery): void {
    this.sim.stats.contractRequests += 1;
    const matches = this.sim.findContracts(q);
    if (matches.length === 0) return this.error(reqId, 200, "No security definition has been found for the request");
    for (const contract of matches) this.send(msg.contractData(this.version, reqId, contract));
    this.send(msg.contractDataEnd(reqId));
  }

  private requestMarketData(reqId: number, q: ContractQuery): void {
    const contract = this.sim.findContracts(q)[0];
    if (!contract) return this.error(reqId, 200, "No security definition has been found for the request");
    const delayed = !contract.liveData;
    if (delayed && this.marketDataType < 3) {
      return this.error(reqId, 354, "Requested market data is not subscribed. Delayed market data is available.");
    }
    this.marketData.set(reqId, contract.conId);
    this.send(msg.marketDataType(reqId, delayed ? 3 : 1));
    if (delayed) this.error(reqId, 10167, "Requested market data is not subscribed. Displaying delayed market data.");
    this.sendQuote(reqId, contract);
  }

  /**
   * Bid/ask/last with sizes, then the sizes again as tickSize and the day's volume, as TWS does; delayed
   * subscriptions get the DELAYED_* tick types (66+).
   */
  sendQuote(reqId: number, contract: SimContract): void {
    const q = contract.quote;
    const t = contract.liveData
      ? { bid: 1, ask: 2, last: 4, bidSize: 0, askSize: 3, lastSize: 5, volume: 8 }
      : { bid: 66, ask: 67, last: 68, bidSize: 69, askSize: 70, lastSize: 71, volume: 74 };
    this.send(msg.tickPrice(reqId, t.bid, q.bid, q.bidSize));
    this.send(msg.tickPrice(reqId, t.ask, q.ask, q.askSize));
    if (q.last > 0) this.send(msg.tickPrice(reqId, t.last, q.last, q.lastSize));
    this.send(msg.tickSize(reqId, t.bidSize, q.bidSize));
    this.send(msg.tickSize(reqId, t.askSize, q.askSize));
    if (q.last > 0) this.send(msg.tickSize(reqId, t.lastSize, q.lastSize));
    this.send(msg.tickSize(reqId, t.volume, q.volume));
  }

  private placeOrder(f: string[]): void {
    const orderId = Number(f[1]);
    const contract = this.sim.findContracts(contractQuery(f, 2))[0];
    if (!contract) return this.error(orderId, 200, "No security definition has been found for the request");
    const [action, quantity, orderType, lmtPrice, auxPrice, tif, , account, , , orderRef] = f.slice(16);
    this.sim.placeOrder(this, {
      orderId, contract, action: action as "BUY" | "SELL", quantity: Number(quantity), orderType,
      lmtPrice: lmtPrice === "" ? undefined : Number(lmtPrice), auxPrice: auxPrice === "" ? undefined : Number(auxPrice),
      tif: tif || "DAY", account: account || this.sim.accounts[0], orderRef,
    });
  }

  private requestHistory(f: string[]): void {
    const reqId = Number(f[1]);
    const q = parseHistoryQuery(reqId, f.slice(14));
    const contract = this.sim.findContracts(contractQuery(f, 2))[0];
    this.sim.stats.historyRequests.push({ at: this.sim.now(), conId: contract?.conId ?? 0, end: q.endDateTime, duration: q.duration, barSize: q.barSize });
    if (!contract) return this.error(reqId, 200, "No security definition has been found for the request");
    const identical = [contract.conId, q.endDateTime, q.duration, q.barSize, q.whatToShow, q.useRTH].join("|");
    const broken = this.sim.pacing.check(this.sim.now(), { identical, contract: `${contract.conId}|${q.whatToShow}` }, this.pendingHistory.size);
    if (broken && this.sim.enforcePacing) return this.error(reqId, 162, "Historical Market Data Service error message:Historical data request pacing violation");
    const fault = this.sim.historyFaults.shift();
    if (fault) return this.error(reqId, fault.code, fault.text);
    const answer = answerHistory(q, contract, this.sim.now());
    if (answer.kind === "error") return this.error(reqId, answer.code, answer.text);
    const frames = msg.historicalData(this.version, reqId, answer.bars, ibDateTime(answer.start), ibDateTime(answer.end), barDateFormatter(q.barSize, q.formatDate));
    const timer = setTimeout(() => {
      this.pendingHistory.delete(reqId);
      for (const frame of frames) this.send(frame);
    }, this.sim.historyDelayMs);
    this.pendingHistory.set(reqId, timer);
  }

  private cancelHistory(reqId: number): void {
    const timer = this.pendingHistory.get(reqId);
    if (!timer) return;
    clearTimeout(timer);
    this.pendingHistory.delete(reqId);
    this.error(reqId, 162, "Historical Market Data Service error message:API historical data query cancelled: " + reqId);
  }

  private closed(): void {
    for (const timer of this.pendingHistory.values()) clearTimeout(timer);
    this.pendingHistory.clear();
  }
}
