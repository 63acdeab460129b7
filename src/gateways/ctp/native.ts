// The koffi binding to libvnctpbridge: opens a CTP Api session, sends requests, drains callback records in batches.
import { existsSync } from "node:fs";
import { Socket } from "node:net";
import { dirname, join } from "node:path";
import koffi from "koffi";
import { TradingError } from "../../core/errors";
import { encodeStruct, type StructValues } from "./codec";
import { MD_CALLBACKS, MD_REQUESTS, TRADER_CALLBACKS, TRADER_REQUESTS, type StructName } from "./structs";

export type ApiKind = "trader" | "md";
export type TraderRequest = keyof typeof TRADER_REQUESTS;
export type MdRequest = keyof typeof MD_REQUESTS;

/** One Spi callback as the bridge queued it; `data` views the drain buffer and is valid only during delivery. */
export interface CallbackRecord {
  readonly callback: string;
  readonly struct: StructName | null;
  readonly requestId: number;
  readonly isLast: boolean;
  /** nReason of OnFrontDisconnected, nTimeLapse of OnHeartBeatWarning. */
  readonly intArg: number;
  /** CLOCK_MONOTONIC nanoseconds when the vendor thread queued it (same clock as process.hrtime). */
  readonly enqueuedNs: number;
  readonly error: { readonly id: number; readonly message: string } | undefined;
  readonly data: Buffer | undefined;
  readonly dataOffset: number;
}

const HEADER_BYTES = 24;
const RSP_INFO_BYTES = 88;
const FLAG_DATA = 1;
const FLAG_RSP_INFO = 2;
const DRAIN_BYTES = 1 << 20;
/**
 * Native queue sizes. Md: ~110,000 depth records, i.e. several seconds of a whole-market feed while a cell
 * blocks JavaScript; pages are only touched when used. Trader traffic is far smaller.
 */
const QUEUE_BYTES: Readonly<Record<ApiKind, number>> = { trader: 16 << 20, md: 64 << 20 };
const THOST_TERT_RESTART = 0;

interface BridgeFunctions {
  open: (kind: number, lib: string, flow: string, production: number, queueBytes: number, err: Buffer, errLen: number) => unknown;
  apiVersion: (h: unknown) => string;
  registerFront: (h: unknown, address: string) => void;
  subscribeTopics: (h: unknown, privateResume: number, publicResume: number) => void;
  init: (h: unknown) => void;
  request: (h: unknown, method: number, field: Buffer, requestId: number) => number;
  marketData: (h: unknown, subscribe: number, ids: string[], count: number) => number;
  drain: (h: unknown, out: Buffer, capacity: number, records: Int32Array) => number;
  dropped: (h: unknown) => number;
  pending: (h: unknown) => number;
  wakeFd: (h: unknown) => number;
  arm: (h: unknown) => number;
  close: (h: unknown) => void;
}

let bridge: BridgeFunctions | undefined;

/** The project root: the nearest folder above this file holding build/ or package.json. */
function projectRoot(): string {
  let dir = __dirname;
  while (dirname(dir) !== dir && !existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
}

export function bridgePath(): string {
  return process.env.VNTRADER_NATIVE_DIR
    ? join(process.env.VNTRADER_NATIVE_DIR, "libvnctpbridge.so")
    : join(projectRoot(), "build", "native", "libvnctpbridge.so");
}

/** Where `npm run build` puts the simulated counter (CTP-compatible libraries under the SDK's file names). */
export function simulatedCounterDir(): string {
  return join(dirname(bridgePath()), "ctp-sim");
}

function loadBridge(): BridgeFunctions {
  if (bridge) return bridge;
  const path = bridgePath();
  if (!existsSync(path)) {
    throw new TradingError("LIBRARY_MISSING", `the CTP bridge ${path} is not built: run \`npm run build\` (needs g++)`);
  }
  const lib = koffi.load(path);
  bridge = {
    open: lib.func("void *vnctp_open(int, const char *, const char *, int, int, uint8_t *, int)"),
    apiVersion: lib.func("const char *vnctp_api_version(void *)"),
    registerFront: lib.func("void vnctp_register_front(void *, const char *)"),
    subscribeTopics: lib.func("void vnctp_subscribe_topics(void *, int, int)"),
    init: lib.func("void vnctp_init(void *)"),
    request: lib.func("int vnctp_request(void *, int, uint8_t *, int)"),
    marketData: lib.func("int vnctp_market_data(void *, int, const char **, int)"),
    drain: lib.func("int vnctp_drain(void *, uint8_t *, int, int32_t *)"),
    dropped: lib.func("double vnctp_dropped(void *)"),
    pending: lib.func("double vnctp_pending(void *)"),
    wakeFd: lib.func("int vnctp_wake_fd(void *)"),
    arm: lib.func("double vnctp_arm(void *)"),
    close: lib.func("void vnctp_close(void *)"),
  };
  return bridge;
}

type CallbackTable = Record<string, { readonly index: number; readonly struct: string | null }>;

function byIndex(table: CallbackTable): Array<{ name: string; struct: StructName | null }> {
  const out: Array<{ name: string; struct: StructName | null }> = [];
  for (const [name, spec] of Object.entries(table)) out[spec.index] = { name, struct: spec.struct as StructName | null };
  return out;
}

const CALLBACKS_BY_INDEX = { trader: byIndex(TRADER_CALLBACKS), md: byIndex(MD_CALLBACKS) };

export interface SessionOptions {
  readonly kind: ApiKind;
  readonly libraryPath: string;
  readonly flowPath: string;
  readonly productionMode: boolean;
  readonly onRecord: (record: CallbackRecord) => void;
  /** Size of the native record queue; records beyond it are dropped and counted. */
  readonly queueBytes?: number;
}

/**
 * One CTP Api (trader or md) behind the bridge. Vendor threads only copy into the native queue; this
 * drains it on the Node loop, one batch per turn while records keep coming. When the queue is empty it arms
 * the bridge and sleeps: the next record sends a byte on a socket pair the event loop watches (no polling,
 * and no JavaScript callback on a vendor thread).
 */
export class CtpSession {
  private handle: unknown;
  private readonly out = Buffer.alloc(DRAIN_BYTES);
  private readonly count = new Int32Array(1);
  private immediate: NodeJS.Immediate | undefined;
  private waker: Socket | undefined;
  private readonly callbacks: Array<{ name: string; struct: StructName | null }>;
  private readonly fns: BridgeFunctions;

  constructor(private readonly options: SessionOptions) {
    this.fns = loadBridge();
    this.callbacks = CALLBACKS_BY_INDEX[options.kind];
    const err = Buffer.alloc(1024);
    const kind = options.kind === "trader" ? 0 : 1;
    this.handle = this.fns.open(kind, options.libraryPath, options.flowPath, options.productionMode ? 1 : 0, options.queueBytes ?? QUEUE_BYTES[options.kind], err, err.length);
    if (!this.handle) throw openError(options, err.toString("utf8", 0, err.indexOf(0)));
  }

  get apiVersion(): string {
    return this.fns.apiVersion(this.live());
  }

  /** Records lost because the native queue was full (JavaScript blocked for too long). */
  get dropped(): number {
    return this.handle ? this.fns.dropped(this.handle) : 0;
  }

  /** Records queued natively and not yet drained. */
  get pending(): number {
    return this.handle ? this.fns.pending(this.handle) : 0;
  }

  /** Registers the front, asks for today's full private flow (RESTART, as vn.py), starts the Api's threads. */
  start(frontAddress: string): void {
    const h = this.live();
    this.fns.registerFront(h, frontAddress);
    if (this.options.kind === "trader") this.fns.subscribeTopics(h, THOST_TERT_RESTART, THOST_TERT_RESTART);
    this.waker = new Socket({ fd: this.fns.wakeFd(h), readable: true, writable: false });
    this.waker.on("data", () => this.schedule());
    this.waker.on("error", () => undefined); // only ever closed by us
    this.fns.init(h);
    this.schedule();
  }

  request(name: TraderRequest | MdRequest, fields: StructValues, requestId: number): number {
    const table: Record<string, { index: number; struct: string }> = this.options.kind === "trader" ? TRADER_REQUESTS : MD_REQUESTS;
    const spec = table[name];
    if (!spec) throw new TradingError("BAD_REQUEST", `${name} is not a ${this.options.kind} API request`);
    const buffer = encodeStruct(spec.struct as StructName, fields);
    return this.fns.request(this.live(), spec.index, buffer, requestId);
  }

  subscribeMarketData(symbols: readonly string[], subscribe = true): number {
    if (symbols.length === 0) return 0;
    return this.fns.marketData(this.live(), subscribe ? 1 : 0, [...symbols], symbols.length);
  }

  /** Stops the Api's threads and the drain loop; safe to call twice. */
  close(): void {
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
    this.waker?.destroy();
    this.waker = undefined;
    if (!this.handle) return;
    const h = this.handle;
    this.handle = undefined;
    this.fns.close(h);
  }

  /**
   * Delivers one drain buffer's worth of records (at most DRAIN_BYTES); returns how many. One batch per loop
   * turn, so whatever the records cause (event dispatch, cells, sockets) runs between batches.
   */
  private drainNow(): number {
    if (!this.handle) return 0;
    const bytes = this.fns.drain(this.handle, this.out, this.out.length, this.count);
    if (bytes === 0) return 0;
    this.deliver(bytes);
    return this.count[0];
  }

  private deliver(bytes: number): void {
    const buf = this.out;
    let at = 0;
    while (at < bytes) {
      const size = buf.readUInt32LE(at);
      const flags = buf[at + 6];
      const entry = this.callbacks[buf.readUInt16LE(at + 4)];
      let dataOffset = at + HEADER_BYTES;
      let error: CallbackRecord["error"];
      if (flags & FLAG_RSP_INFO) {
        const id = buf.readInt32LE(dataOffset);
        if (id !== 0) error = { id, message: decodeMessage(buf, dataOffset + 4) };
        dataOffset += RSP_INFO_BYTES;
      }
      this.options.onRecord({
        callback: entry?.name ?? "unknown",
        struct: entry?.struct ?? null,
        isLast: buf[at + 7] === 1,
        requestId: buf.readInt32LE(at + 8),
        intArg: buf.readInt32LE(at + 12),
        enqueuedNs: buf.readUInt32LE(at + 20) * 4294967296 + buf.readUInt32LE(at + 16),
        error,
        data: flags & FLAG_DATA ? buf : undefined,
        dataOffset,
      });
      at += size;
    }
  }

  private schedule(): void {
    if (!this.immediate && this.handle) this.immediate = setImmediate(this.pump);
  }

  private readonly pump = (): void => {
    this.immediate = undefined;
    if (!this.handle) return;
    // Go to sleep only when the bridge agrees the queue is empty (arm returns what is pending).
    if (this.drainNow() > 0 || (this.handle && this.fns.arm(this.handle) > 0)) this.schedule();
  };

  private live(): unknown {
    if (!this.handle) throw new TradingError("NOT_CONNECTED", `the CTP ${this.options.kind} API is closed; connect again`);
    return this.handle;
  }
}

function decodeMessage(buf: Buffer, at: number): string {
  const end = buf.indexOf(0, at);
  return new TextDecoder("gbk").decode(buf.subarray(at, end < 0 || end > at + 81 ? at + 81 : end));
}

function openError(options: SessionOptions, detail: string): TradingError {
  if (detail.startsWith("FLAVOUR_CONFLICT:")) {
    const first = detail.slice("FLAVOUR_CONFLICT:".length);
    return new TradingError(
      "EXCLUSIVE_GATEWAY",
      `this process already loaded the CTP ${options.kind} library ${first}; ${options.libraryPath} is a different ` +
        "one. Every CTP flavour exports the same symbols, so a second library would be served by the first and its " +
        "front would drop the connection (error 4097). Restart the kernel to switch CTP flavour or library folder.",
    );
  }
  return new TradingError("LIBRARY_MISSING", `cannot load the CTP ${options.kind} library ${options.libraryPath}: ${detail}`);
}
