// The CTP-family gateway: one trader and one md API per instance, the 2-second query timer, one flavour per process.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Exchange } from "../../core/constant";
import { TradingError } from "../../core/errors";
import { EVENT_TIMER } from "../../core/event";
import type { EventEngine } from "../../core/event-engine";
import { BaseGateway, type GatewaySetting } from "../../core/gateway";
import type { CancelRequest, ContractData, OrderRequest, SubscribeRequest } from "../../core/object";
import { FLAVOURS, locateLibraries, parseLogin, vntraderDir, type CtpFlavour, type FlavourName } from "./family";
import { CtpMarket } from "./market";
import { CtpTrader } from "./trader";

/** How long connect waits for login and contracts before giving up (the API keeps retrying the front). */
export const CONNECT_TIMEOUT_MS = 30_000;
/** vn.py alternates account and position queries every second timer event. */
const QUERY_EVERY_TIMER_EVENTS = 2;

/** The flavour whose libraries this process has loaded; CTP libraries cannot be unloaded or mixed. */
let loadedFlavour: FlavourName | undefined;

function claimFlavour(flavour: CtpFlavour): void {
  if (loadedFlavour && loadedFlavour !== flavour.name) {
    throw new TradingError(
      "EXCLUSIVE_GATEWAY",
      `${flavour.name} cannot be loaded: this process already loaded ${loadedFlavour}'s CTP libraries. All CTP ` +
        "flavours export the same symbols, so the first library would serve both and the front would drop the " +
        `connection (error 4097). Restart the kernel to switch from ${loadedFlavour} to ${flavour.name}.`,
    );
  }
  loadedFlavour = flavour.name;
}

/**
 * Where an API writes its flow files: <.vntrader>/ctp/<gateway>/<td|md>/ (vn.py: <.vntrader>/ctp with Td/Md
 * prefixes). Trader and md need separate folders: both write files of the same names.
 */
function flowFolder(name: string, side: "td" | "md"): string {
  const folder = join(vntraderDir(), "ctp", name, side);
  mkdirSync(folder, { recursive: true });
  return `${folder}/`;
}

export class CtpGateway extends BaseGateway {
  readonly exchanges: readonly Exchange[];
  /** This instance's contracts by symbol (never shared between instances). */
  readonly contracts = new Map<string, ContractData>();
  private trader: CtpTrader | undefined;
  private market: CtpMarket | undefined;
  /** How long connect waits for both logins (the API itself keeps retrying an unreachable front). */
  connectTimeoutMs = CONNECT_TIMEOUT_MS;
  private timerCount = 0;
  private queryAccountNext = true;

  constructor(events: EventEngine, name: string, readonly flavour: CtpFlavour) {
    super(events, name);
    this.exchanges = flavour.exchanges;
  }

  async connect(setting: GatewaySetting): Promise<void> {
    if (this.trader) throw new TradingError("ALREADY_ADDED", `${this.name} is already connected; close it first`);
    const login = parseLogin(this.flavour, setting);
    const libraries = locateLibraries(this.flavour, setting);
    claimFlavour(this.flavour);
    this.setConnectionState("connecting");
    this.trader = new CtpTrader(this, login);
    this.market = new CtpMarket(this, login);
    try {
      this.trader.open(libraries.trader, flowFolder(this.name, "td"));
      this.market.open(libraries.md, flowFolder(this.name, "md"));
      await withTimeout([
        { ready: this.trader.ready, front: `trade front ${login.tradeFront} (交易服务器)` },
        { ready: this.market.ready, front: `market-data front ${login.mdFront} (行情服务器)` },
      ], this.connectTimeoutMs);
      // Contracts were pushed as events; let them reach the OMS before the caller asks for them.
      await this.events.whenIdle();
    } catch (error) {
      await this.close();
      throw error;
    }
    this.events.register(EVENT_TIMER, this.onTimer);
    this.setConnectionState("connected");
  }

  async close(): Promise<void> {
    this.events.unregister(EVENT_TIMER, this.onTimer);
    this.trader?.close();
    this.market?.close();
    this.trader = undefined;
    this.market = undefined;
    this.setConnectionState("disconnected");
  }

  subscribe(req: SubscribeRequest): void {
    this.live().market.subscribe(req);
  }

  sendOrder(req: OrderRequest): string {
    return this.live().trader.sendOrder(req);
  }

  cancelOrder(req: CancelRequest): void {
    this.live().trader.cancelOrder(req);
  }

  queryAccount(): void {
    this.trader?.queryAccount();
  }

  queryPosition(): void {
    this.trader?.queryPosition();
  }

  /** Records lost in the native queues because JavaScript was blocked too long (trader + md). */
  get droppedRecords(): number {
    return (this.trader?.dropped ?? 0) + (this.market?.dropped ?? 0);
  }

  /**
   * Turns on tick tracing (bench only): from now on each emitted tick's native enqueue time (CLOCK_MONOTONIC ns,
   * as process.hrtime) is appended to the returned array, in the order the ticks reach the event engine.
   */
  traceTickLatency(): number[] {
    const trace: number[] = [];
    if (this.market) this.market.enqueueTrace = trace;
    return trace;
  }

  private readonly onTimer = (): void => {
    this.timerCount += 1;
    if (this.timerCount < QUERY_EVERY_TIMER_EVENTS) return;
    this.timerCount = 0;
    if (this.queryAccountNext) this.queryAccount(); else this.queryPosition();
    this.queryAccountNext = !this.queryAccountNext;
    this.market?.updateDate();
  };

  private live(): { trader: CtpTrader; market: CtpMarket } {
    if (!this.trader || !this.market) throw new TradingError("NOT_CONNECTED", `${this.name} is not connected; %connect ${this.name.toLowerCase()} first`);
    return { trader: this.trader, market: this.market };
  }
}

/** Waits for both sides; on timeout names the side(s) that never finished logging in. */
async function withTimeout(sides: Array<{ ready: Promise<void>; front: string }>, ms: number): Promise<void> {
  const done = new Set<string>();
  for (const side of sides) side.ready.then(() => done.add(side.front), () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const silent = sides.filter((side) => !done.has(side.front)).map((side) => side.front).join(" and ");
      reject(new TradingError(
        "CONNECT_FAILED",
        `no login within ${ms / 1000} s from the ${silent}: check the address and port, and that the front is open now`,
      ));
    }, ms);
  });
  try {
    await Promise.race([Promise.all(sides.map((side) => side.ready)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createCtpGateway(flavour: FlavourName) {
  return (events: EventEngine, name: string): CtpGateway => new CtpGateway(events, name, FLAVOURS[flavour]);
}
