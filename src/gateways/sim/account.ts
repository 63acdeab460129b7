// SIM's account book: long and short holdings per symbol split into today's and yesterday's lots, volumes
// frozen by pending closes, funds frozen by pending opens, commission, realized and floating P&L.
import { Direction } from "../../core/constant";
import { createAccount, createPosition, type AccountData, type PositionData } from "../../core/object";
import { marginOf, openCost } from "./fees";
import type { SimInstrument } from "./instruments";
import { roundMoney } from "./prices";

/** Lots opened at one time horizon: `cost` is Σ price × lots, so the average price is cost / volume. */
interface Lot {
  volume: number;
  cost: number;
}

export type LotAge = "td" | "yd";

interface Holding {
  readonly td: Lot;
  readonly yd: Lot;
  /** Lots that pending close orders will take. */
  frozen: Record<LotAge, number>;
}

interface SymbolHoldings {
  readonly instrument: SimInstrument;
  readonly long: Holding;
  readonly short: Holding;
}

/** Funds held for the untraded lots of an opening order, valued at its freeze price. */
interface OpenFreeze {
  readonly instrument: SimInstrument;
  readonly direction: Direction;
  readonly price: number;
  remaining: number;
}

/** The account's figures in CNY, rounded to cents. available = balance - margin - frozen. */
export interface AccountFigures {
  readonly balance: number;
  readonly margin: number;
  /** Margin and commission held for pending opening orders. */
  readonly frozen: number;
  readonly available: number;
  readonly commission: number;
  readonly realizedPnl: number;
  readonly floatingPnl: number;
}

/** A position carried in from yesterday, e.g. to test closing yesterday's lots on SHFE. */
export interface YesterdayPosition {
  readonly vt_symbol: string;
  readonly direction: typeof Direction.LONG | typeof Direction.SHORT;
  readonly volume: number;
  /** The price it is carried at (yesterday's settlement on a real counter). */
  readonly price: number;
}

export class SimAccount {
  private readonly holdings = new Map<string, SymbolHoldings>();
  private readonly openFreezes = new Map<string, OpenFreeze>();
  private realized = 0;
  private commission = 0;

  constructor(
    readonly accountid: string,
    private readonly capital: number,
    /** The price positions are marked at: the symbol's last price. */
    private readonly markOf: (instrument: SimInstrument) => number,
  ) {}

  holding(instrument: SimInstrument, held: Direction): Holding {
    const vtSymbol = instrument.contract.vt_symbol;
    let entry = this.holdings.get(vtSymbol);
    if (!entry) {
      entry = { instrument, long: emptyHolding(), short: emptyHolding() };
      this.holdings.set(vtSymbol, entry);
    }
    return held === Direction.LONG ? entry.long : entry.short;
  }

  /** Volume a close may still take from each age of the holding. */
  closable(instrument: SimInstrument, held: Direction): Record<LotAge, number> {
    const holding = this.holding(instrument, held);
    return { td: holding.td.volume - holding.frozen.td, yd: holding.yd.volume - holding.frozen.yd };
  }

  addYesterday(instrument: SimInstrument, position: YesterdayPosition): void {
    const lot = this.holding(instrument, position.direction).yd;
    lot.volume += position.volume;
    lot.cost += position.price * position.volume;
  }

  freezeOpen(orderid: string, instrument: SimInstrument, direction: Direction, price: number, volume: number): void {
    this.openFreezes.set(orderid, { instrument, direction, price, remaining: volume });
  }

  /** Releases the funds of `volume` lots of a pending open (traded or cancelled). */
  releaseOpen(orderid: string, volume: number): void {
    const freeze = this.openFreezes.get(orderid);
    if (!freeze) return;
    freeze.remaining -= volume;
    if (freeze.remaining <= 0) this.openFreezes.delete(orderid);
  }

  freezeClose(instrument: SimInstrument, held: Direction, age: LotAge, volume: number): void {
    this.holding(instrument, held).frozen[age] += volume;
  }

  /** Unfreezes lots of a close order that was cancelled before they traded. */
  releaseClose(instrument: SimInstrument, held: Direction, age: LotAge, volume: number): void {
    this.holding(instrument, held).frozen[age] -= volume;
  }

  open(instrument: SimInstrument, held: Direction, price: number, volume: number, commission: number): void {
    const lot = this.holding(instrument, held).td;
    lot.volume += volume;
    lot.cost += price * volume;
    this.commission += commission;
  }

  /** Closes lots of one age (their volume must have been frozen by the close order) and books the P&L. */
  close(instrument: SimInstrument, held: Direction, age: LotAge, price: number, volume: number, commission: number): void {
    const holding = this.holding(instrument, held);
    const lot = holding[age];
    const costClosed = lot.volume === volume ? lot.cost : (lot.cost / lot.volume) * volume;
    lot.volume -= volume;
    lot.cost -= costClosed;
    holding.frozen[age] -= volume;
    const sign = held === Direction.LONG ? 1 : -1;
    this.realized += sign * (price * volume - costClosed) * instrument.contract.size;
    this.commission += commission;
  }

  figures(): AccountFigures {
    let margin = 0;
    let floating = 0;
    for (const entry of this.holdings.values()) {
      for (const held of [Direction.LONG, Direction.SHORT] as const) {
        const { volume, cost } = totalOf(held === Direction.LONG ? entry.long : entry.short);
        if (volume === 0) continue;
        margin += marginOf(entry.instrument, held, volume, cost);
        floating += floatingPnl(entry.instrument, held, volume, cost, this.markOf(entry.instrument));
      }
    }
    let frozen = 0;
    for (const freeze of this.openFreezes.values()) frozen += openCost(freeze.instrument, freeze.direction, freeze.price, freeze.remaining);
    const balance = this.capital + this.realized + floating - this.commission;
    return {
      balance: roundMoney(balance), margin: roundMoney(margin), frozen: roundMoney(frozen),
      available: roundMoney(balance - margin - frozen), commission: roundMoney(this.commission),
      realizedPnl: roundMoney(this.realized), floatingPnl: roundMoney(floating),
    };
  }

  accountData(gatewayName: string): AccountData {
    const { balance, frozen, available } = this.figures();
    return createAccount({ gateway_name: gatewayName, accountid: this.accountid, balance, frozen, available });
  }

  /** Every position ever held this session (a flat one stays, with volume 0, as counters report it). */
  positionData(gatewayName: string, vtSymbol?: string): PositionData[] {
    const one = vtSymbol === undefined ? undefined : this.holdings.get(vtSymbol);
    const entries = vtSymbol === undefined ? [...this.holdings.values()] : one ? [one] : [];
    return entries.flatMap((entry) => [
      positionOf(gatewayName, entry, Direction.LONG, this.markOf(entry.instrument)),
      positionOf(gatewayName, entry, Direction.SHORT, this.markOf(entry.instrument)),
    ]);
  }
}

function emptyHolding(): Holding {
  return { td: { volume: 0, cost: 0 }, yd: { volume: 0, cost: 0 }, frozen: { td: 0, yd: 0 } };
}

function totalOf(holding: Holding): Lot {
  return { volume: holding.td.volume + holding.yd.volume, cost: holding.td.cost + holding.yd.cost };
}

function floatingPnl(instrument: SimInstrument, held: Direction, volume: number, cost: number, mark: number): number {
  const sign = held === Direction.LONG ? 1 : -1;
  return sign * (mark * volume - cost) * instrument.contract.size;
}

function positionOf(gatewayName: string, entry: SymbolHoldings, held: typeof Direction.LONG | typeof Direction.SHORT, mark: number): PositionData {
  const holding = held === Direction.LONG ? entry.long : entry.short;
  const { volume, cost } = totalOf(holding);
  const { contract } = entry.instrument;
  return createPosition({
    gateway_name: gatewayName, symbol: contract.symbol, exchange: contract.exchange, direction: held, volume,
    yd_volume: holding.yd.volume, frozen: holding.frozen.td + holding.frozen.yd,
    price: volume ? cost / volume : 0, pnl: volume ? roundMoney(floatingPnl(entry.instrument, held, volume, cost, mark)) : 0,
  });
}
