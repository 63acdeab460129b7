// A one-pass decoder for historicalData (17). Why not @stoqey/ib's: it reads the message token by token off a
// shifting queue and emits one event per bar (three EventEmitter calls each), about 2 µs per bar, so a
// million bars take over two seconds before any DataFrame exists. Here the whole message becomes bars at once.
// Layout at server versions 124..195 (@stoqey/ib negotiates at most 193):
//   17, reqId, startDate, endDate, itemCount, {date, open, high, low, close, volume, wap, barCount} x itemCount
import type { IBApi } from "@stoqey/ib";
import type { CachedBar } from "./cache";
import { parseIbTime } from "../time";


export interface DecodedBars {
  readonly reqId: number;
  readonly bars: CachedBar[];
}

/** Decodes one message 17 from its text (fields separated and terminated by NUL), without splitting it. */
export function decodeHistoricalData(text: string): DecodedBars {
  const fields = new FieldScanner(text);
  fields.next(); // message id 17
  const reqId = Number(fields.next());
  fields.next(); // start
  fields.next(); // end
  const count = Number(fields.next()) || 0;
  const bars: CachedBar[] = [];
  for (let i = 0; i < count && fields.more; i += 1) {
    const time = barTime(fields.next());
    const open = Number(fields.next());
    const high = Number(fields.next());
    const low = Number(fields.next());
    const close = Number(fields.next());
    const volume = Number(fields.next());
    fields.next(); // wap
    fields.next(); // barCount
    // IB sends -1 where it has no volume (vn.py: negative -> 0)
    if (time !== undefined) bars.push({ time, open, high, low, close, volume: volume > 0 ? volume : 0 });
  }
  return { reqId, bars };
}

class FieldScanner {
  private at = 0;

  constructor(private readonly text: string) {}

  get more(): boolean {
    return this.at < this.text.length;
  }

  next(): string {
    const end = this.text.indexOf("\0", this.at);
    const stop = end < 0 ? this.text.length : end;
    const field = this.text.slice(this.at, stop);
    this.at = stop + 1;
    return field;
  }
}

/** formatDate 2: epoch seconds for intraday bars; "yyyyMMdd" for daily bars; anything else the slow way. */
function barTime(text: string): number | undefined {
  if (text.length === 8) return Date.UTC(Number(text.slice(0, 4)), Number(text.slice(4, 6)) - 1, Number(text.slice(6, 8)));
  const seconds = Number(text);
  return Number.isInteger(seconds) && seconds > 0 ? seconds * 1000 : parseIbTime(text);
}

type MessageSource = { onMessage(text: string): void };

/**
 * Routes message 17 of this IBApi to `onBars` as soon as its socket has cut it from the stream, before
 * @stoqey/ib tokenizes, re-emits and decodes it (its socket hands each whole v100 message, as text, to
 * socket.onMessage). Returns false, leaving the library's per-bar events in charge, if its internals are not
 * what this was written against (1.6.10) or the layout differs (server version 196+ splits off message 108).
 */
export function interceptHistoricalData(api: IBApi, onBars: (decoded: DecodedBars) => void): boolean {
  const socket = (api as unknown as { controller?: { socket?: MessageSource } }).controller?.socket;
  if (!socket || typeof socket.onMessage !== "function" || api.serverVersion >= 196) return false;
  const original = socket.onMessage.bind(socket);
  socket.onMessage = (text: string) => (text.startsWith("17\0") ? onBars(decodeHistoricalData(text)) : original(text));
  return true;
}
