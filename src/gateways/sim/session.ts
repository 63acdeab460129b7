// One connected SIM session: the trading day's instruments, their markets (created on first use), the
// subscriptions, the account and the counter, and the market clock that steps them together.
import type { TickData } from "../../core/object";
import { TradingError } from "../../core/errors";
import { SimAccount, type YesterdayPosition } from "./account";
import { SimCounter, type CounterSink } from "./counter";
import { listInstruments, type SimInstrument } from "./instruments";
import { SymbolMarket } from "./market";
import type { SimSettings } from "./settings";

export class SimSession {
  readonly instruments: ReadonlyMap<string, SimInstrument>;
  readonly account: SimAccount;
  readonly counter: SimCounter;
  private readonly markets = new Map<string, SymbolMarket>();
  private readonly subscribed = new Set<string>();

  constructor(
    private readonly gatewayName: string,
    readonly settings: SimSettings,
    readonly tradingDay: Date,
    sink: CounterSink,
    private readonly clock: () => Date,
  ) {
    this.instruments = new Map(listInstruments(gatewayName, tradingDay).map((inst) => [inst.contract.vt_symbol, inst]));
    this.account = new SimAccount(settings.accountid, settings.capital, (inst) => this.markets.get(inst.contract.vt_symbol)?.lastPrice ?? inst.preSettle);
    this.counter = new SimCounter(this.account, (inst) => this.market(inst), sink, clock);
  }

  instrument(vtSymbol: string): SimInstrument | undefined {
    return this.instruments.get(vtSymbol);
  }

  market(instrument: SimInstrument): SymbolMarket {
    const vtSymbol = instrument.contract.vt_symbol;
    let market = this.markets.get(vtSymbol);
    if (!market) {
      market = new SymbolMarket(instrument, this.settings.seed);
      this.markets.set(vtSymbol, market);
    }
    return market;
  }

  /** Starts the symbol's tick stream; returns its current tick (the snapshot a counter sends on subscribe). */
  subscribe(instrument: SimInstrument): TickData {
    this.subscribed.add(instrument.contract.vt_symbol);
    return this.market(instrument).snapshot(this.gatewayName, this.clock());
  }

  get subscriptionCount(): number {
    return this.subscribed.size;
  }

  loadYesterday(positions: readonly YesterdayPosition[]): void {
    for (const position of positions) {
      const instrument = this.instrument(position.vt_symbol);
      if (!instrument) {
        throw new TradingError("BAD_REQUEST", `yesterday position in ${position.vt_symbol}: SIM does not list that symbol today`);
      }
      if (!Number.isInteger(position.volume) || position.volume <= 0) {
        throw new TradingError("BAD_VOLUME", `yesterday position in ${position.vt_symbol}: volume ${position.volume} must be a positive whole number`);
      }
      this.account.addYesterday(instrument, position);
    }
  }

  /**
   * Steps every live market `steps` times: subscribed symbols and symbols with resting orders (their book
   * keeps moving, unseen). Resting orders match after each step; subscribed symbols' ticks go to `onTick`.
   * Returns the number of ticks produced.
   */
  advance(steps: number, onTick: (tick: TickData) => void): number {
    const live = new Set([...this.subscribed, ...this.counter.restingSymbols()]);
    const markets = [...live].map((vtSymbol) => ({
      market: this.market(this.instruments.get(vtSymbol)!), vtSymbol, visible: this.subscribed.has(vtSymbol),
    }));
    let produced = 0;
    for (let step = 0; step < steps; step++) {
      const now = this.clock();
      for (const { market, vtSymbol, visible } of markets) {
        market.step();
        this.counter.matchResting(vtSymbol, market);
        if (!visible) continue;
        onTick(market.snapshot(this.gatewayName, now));
        produced += 1;
      }
    }
    return produced;
  }
}
