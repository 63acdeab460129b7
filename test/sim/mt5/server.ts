// The simulated Expert Advisor's sockets: answers vn.py's MT5 bridge requests and publishes price, account,
// position (every 100 ms) and trade transactions, byte for byte as the EA does, with scriptable faults.
// The request side binds a ROUTER, not a REP: on the wire a ROUTER answering [identity, "", body] is what a
// REP sends, and it lets the simulator hold or drop a reply, which a REP's own state machine forbids.
import { Publisher, Router } from "zeromq";
import { copyRates, isTimeframe, stringToTime, timeToString } from "./bars";
import { SimMarket, round, type Transaction } from "./market";

export interface Mt5SimulatorOptions {
  /** 0 (default) picks a free port. */
  readonly reqPort?: number;
  readonly subPort?: number;
  /** Server time minus UTC, in seconds, at a UTC instant (default UTC+2, the common broker setting). */
  readonly serverOffset?: (utcSeconds: number) => number;
  readonly pushIntervalMs?: number;
  /** CopyRates beyond this many bars fails, like a terminal's "Max bars in chart". */
  readonly maxBarsPerRequest?: number;
  /** Answer exactly as vn.py's vnpy_server EA: no bar timestamps, an empty reply to an unknown type. */
  readonly vnpyMode?: boolean;
}

/** Sends one message at a time (a zeromq socket refuses overlapping sends). */
class SendQueue {
  private tail: Promise<void> = Promise.resolve();
  constructor(private readonly send: (frames: (string | Buffer)[]) => Promise<void>) {}
  push(frames: (string | Buffer)[]): void {
    this.tail = this.tail.then(() => this.send(frames)).catch(() => undefined);
  }
}

export class Mt5SimServer {
  readonly market: SimMarket;
  /** Every request received, parsed, in order (what tests check "nothing was sent" against). */
  readonly requests: Record<string, unknown>[] = [];
  reqPort = 0;
  subPort = 0;
  private router: Router | undefined;
  private publisher: Publisher | undefined;
  private replies: SendQueue | undefined;
  private pushes: SendQueue | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pushesPaused = false;
  private slow: { ms: number; count: number } = { ms: 0, count: 0 };
  private drops = 0;
  private readonly offset: (utcSeconds: number) => number;

  constructor(private readonly options: Mt5SimulatorOptions = {}) {
    this.offset = options.serverOffset ?? (() => 7200);
    this.market = new SimMarket((tx) => this.publishTransaction(tx), () => this.serverNow());
  }

  serverNow(): number {
    const utc = Math.floor(Date.now() / 1000);
    return utc + this.offset(utc);
  }

  async start(): Promise<void> {
    this.router = new Router({ linger: 0 });
    this.publisher = new Publisher({ linger: 0 });
    await this.router.bind(`tcp://127.0.0.1:${this.reqPort || this.options.reqPort || "*"}`);
    await this.publisher.bind(`tcp://127.0.0.1:${this.subPort || this.options.subPort || "*"}`);
    this.reqPort = portOf(this.router.lastEndpoint);
    this.subPort = portOf(this.publisher.lastEndpoint);
    const router = this.router;
    const publisher = this.publisher;
    this.replies = new SendQueue((frames) => router.send(frames));
    this.pushes = new SendQueue((frames) => publisher.send(frames));
    this.timer = setInterval(() => this.publishState(), this.options.pushIntervalMs ?? 100);
    void this.serve(router);
  }

  /** The terminal goes away (EA removed, terminal closed): both sockets close, ports stay reserved for restart. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.router?.close();
    this.publisher?.close();
    this.router = undefined;
    this.publisher = undefined;
  }

  /** The next `count` replies are sent `ms` late (the request is still served). */
  slowNext(ms: number, count = 1): void {
    this.slow = { ms, count };
  }

  /** The next `count` requests are served but their replies are lost. */
  dropNext(count = 1): void {
    this.drops = count;
  }

  pausePushes(paused: boolean): void {
    this.pushesPaused = paused;
  }

  private async serve(router: Router): Promise<void> {
    try {
      for await (const [identity, , body] of router) {
        const reply = this.handle(body?.toString("utf8") ?? "");
        this.sendReply(identity, reply);
      }
    } catch {
      // closed by stop()
    }
  }

  private sendReply(identity: Buffer, reply: string): void {
    if (this.drops > 0) {
      this.drops -= 1;
      return;
    }
    const frames = [identity, Buffer.alloc(0), reply];
    if (this.slow.count > 0) {
      this.slow.count -= 1;
      setTimeout(() => this.replies?.push(frames), this.slow.ms);
      return;
    }
    this.replies?.push(frames);
  }

  private handle(text: string): string {
    let req: Record<string, unknown>;
    try {
      req = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return this.unknown("request is not JSON");
    }
    this.requests.push(req);
    switch (req.type) {
      case 0: return JSON.stringify({ data: [...this.market.symbols.values()].map((sym) => contractOf(sym, this.options.vnpyMode)) });
      case 1: return JSON.stringify({ type: "order", data: this.market.pendingOrders().map(orderOf) });
      case 2: return JSON.stringify(this.history(req));
      case 3: return JSON.stringify(this.subscribe(String(req.symbol)));
      case 4: return JSON.stringify({ type: "send", data: this.market.send(req as never) });
      case 5: return JSON.stringify({ type: "cancel", data: { result: this.market.cancel(Number(req.ticket)) } });
      default: return this.unknown(`unknown request type ${JSON.stringify(req.type)}`);
    }
  }

  private unknown(message: string): string {
    return this.options.vnpyMode ? "" : JSON.stringify({ type: "error", message });
  }

  private subscribe(symbol: string): { type: "subscribe"; data: { new_symbol: boolean } } {
    const known = this.market.symbols.has(symbol);
    const added = known && !this.market.subscribed.has(symbol);
    if (known) this.market.subscribed.add(symbol);
    return { type: "subscribe", data: { new_symbol: added } };
  }

  private history(req: Record<string, unknown>): Record<string, unknown> {
    const s = this.market.symbols.get(String(req.symbol));
    const code = Number(req.interval);
    const from = stringToTime(String(req.start_time));
    const to = stringToTime(String(req.end_time));
    if (!s || !isTimeframe(code) || from === undefined || to === undefined) {
      return { type: "history", result: -1, ...(this.options.vnpyMode ? {} : { message: `cannot serve ${JSON.stringify(req)}` }) };
    }
    const bars = copyRates(s, code, from, to);
    if (bars.length === 0 || bars.length > (this.options.maxBarsPerRequest ?? 100_000)) return { type: "history", result: -1 };
    const vnpy = this.options.vnpyMode;
    return {
      type: "history", result: 1,
      data: bars.map((b) => ({
        time: timeToString(b.time), open: b.open, high: b.high, low: b.low, close: b.close, real_volume: b.real_volume,
        ...(vnpy ? {} : { tick_volume: b.tick_volume, timestamp: b.time }),
      })),
    };
  }

  private publishState(): void {
    if (this.pushesPaused) return;
    const prices = [...this.market.subscribed].map((symbol) => this.priceOf(symbol));
    this.pushes?.push([JSON.stringify({ type: "price", data: prices })]);
    this.pushes?.push([JSON.stringify({ type: "account", data: this.market.account() })]);
    this.pushes?.push([JSON.stringify({ type: "position", data: this.market.positions() })]);
  }

  private publishTransaction(tx: Transaction): void {
    this.pushes?.push([JSON.stringify({ type: "order", data: tx })]);
  }

  private priceOf(symbol: string): Record<string, number | string> {
    const s = this.market.require(symbol);
    const ask = this.market.ask(s);
    const band = 20 * 10 ** -s.digits;
    return {
      symbol, bid_high: round(s.bid + band, s.digits), ask_high: round(ask + band, s.digits), last_high: s.last > 0 ? round(s.last + band, s.digits) : 0,
      ask_low: round(ask - band, s.digits), bid_low: round(s.bid - band, s.digits), last_low: s.last > 0 ? round(s.last - band, s.digits) : 0,
      time: this.serverNow(), last: s.last, bid: s.bid, ask, last_volume: s.last > 0 ? 1 : 0,
    };
  }
}

/** vn.py's EA sends four fields; ours adds the description and calculation mode. */
function contractOf(s: { symbol: string; digits: number; lot_size: number; min_lot: number; description: string; calc_mode: number }, vnpy = false): Record<string, unknown> {
  const base = { symbol: s.symbol, digits: s.digits, lot_size: s.lot_size, min_lot: s.min_lot };
  return vnpy ? base : { ...base, description: s.description, calc_mode: s.calc_mode };
}

function orderOf(o: { ticket: number; symbol: string; cmd: number; price: number; volume: number; comment: string; setup: number }): Record<string, unknown> {
  return {
    symbol: o.symbol, order: o.ticket, order_type: o.cmd, order_state: 1, order_price: o.price,
    order_volume_initial: o.volume, order_volume_current: o.volume, order_comment: o.comment, order_time_setup: o.setup,
  };
}

function portOf(endpoint: string | null): number {
  const port = Number(endpoint?.split(":").pop());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`simulator could not read its port from ${endpoint}`);
  return port;
}
