// The REQ side of the bridge's REQ/REP lockstep, made safe: one request in flight (the rest queue), each with
// a deadline; a missed deadline closes and recreates the socket (a REQ socket that lost its reply can never
// send again, which is how vn.py's gateway wedges) and retries once when the request is safe to repeat.
import { Request } from "zeromq";
import { TradingError } from "../../core/errors";
import type { Mt5Request } from "./protocol";

export interface RequestOptions {
  /** What the request is for, in words, for error messages ("contracts", "history EURUSD M5"). */
  readonly what: string;
  /** Overrides the default deadline (history can take longer than an order). */
  readonly timeoutMs?: number;
  /** Repeat once after a timeout. Never for orders: the first may have reached the terminal. */
  readonly retry: boolean;
}

export class LockstepRequester {
  private socket: Request;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly endpoint: string,
    private readonly timeoutMs: number,
    private readonly warn: (msg: string) => void,
  ) {
    this.socket = this.open();
  }

  /** Sends after every earlier request has finished; resolves with the parsed reply. */
  request(body: Mt5Request, options: RequestOptions): Promise<unknown> {
    const run = this.tail.then(() => this.exchange(body, options));
    this.tail = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.closed = true;
    this.socket.close();
  }

  private open(): Request {
    // linger 0: a reset must drop the unanswered request, not keep it queued for a terminal that restarts.
    const socket = new Request({ linger: 0 });
    socket.connect(this.endpoint);
    return socket;
  }

  private reset(): void {
    this.socket.close();
    this.socket = this.open();
  }

  private async exchange(body: Mt5Request, options: RequestOptions): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw new TradingError("NOT_CONNECTED", `MT5 is disconnected; ${options.what} was not sent`);
      const reply = await this.once(body, timeoutMs);
      if (reply !== undefined) return parseReply(reply, options.what);
      this.reset();
      if (!options.retry || attempt >= 2) {
        const tried = attempt === 2 ? "twice " : "";
        throw new TradingError(
          "CONNECT_FAILED",
          `the MT5 terminal did not answer ${options.what} within ${timeoutMs / 1000} s ${tried}at ${this.endpoint}: check that the vntrader_server EA is running on a chart with DLL imports allowed`,
        );
      }
      this.warn(`MT5 did not answer ${options.what} within ${timeoutMs / 1000} s; reset the request socket and retrying once`);
    }
  }

  /** One send and receive; undefined when the deadline passes (the socket must then be reset). */
  private async once(body: Mt5Request, timeoutMs: number): Promise<string | undefined> {
    const socket = this.socket;
    socket.sendTimeout = timeoutMs;
    socket.receiveTimeout = timeoutMs;
    try {
      await socket.send(JSON.stringify(body));
      const [frame] = await socket.receive();
      return frame.toString("utf8");
    } catch (error) {
      if (isTimeout(error) || socket.closed) return undefined;
      throw error;
    }
  }
}

function isTimeout(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "EAGAIN";
}

/** JSON, or a clear error for vn.py's empty reply to an unknown request and for our EA's error replies. */
function parseReply(text: string, what: string): unknown {
  if (text.trim() === "") {
    throw new TradingError(
      "BAD_REQUEST",
      `the MT5 terminal sent an empty reply to ${what}: its EA does not serve this request (vn.py's EA answers unknown requests this way); install native/mt5/vntrader_server.mq5`,
    );
  }
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    throw new TradingError("BAD_REQUEST", `the MT5 terminal's reply to ${what} is not JSON: ${text.slice(0, 80)}`);
  }
  const error = reply as { type?: unknown; message?: unknown } | null;
  if (error?.type === "error") {
    throw new TradingError("BAD_REQUEST", `the MT5 terminal refused ${what}: ${String(error.message ?? "no reason given")}`);
  }
  return reply;
}
