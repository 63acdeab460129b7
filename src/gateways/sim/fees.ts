// What a trade costs on SIM: commission by the product's fee schedule and margin by its ratio. Options:
// a buyer pays the whole premium (kept as margin here); a seller posts premium plus a share of the strike.
import { Direction, Product } from "../../core/constant";
import type { SimInstrument } from "./instruments";
import { roundMoney } from "./prices";
import type { Fee } from "./products";

/** Which fee applies: opening, closing an older position, or closing one opened the same trading day. */
export type FeeKind = "open" | "close" | "closeToday";

export function commissionOf(instrument: SimInstrument, kind: FeeKind, price: number, volume: number): number {
  const fee: Fee = instrument.spec.fees[kind];
  const amount = "perLot" in fee ? fee.perLot * volume : fee.ratio * price * instrument.contract.size * volume;
  return roundMoney(amount);
}

/**
 * Margin held for `volume` lots bought or sold at a total cost of `cost` (Σ price × lots), in the direction
 * held. Futures: value × ratio. Option buyers: the premium. Option sellers: premium + strike × ratio
 * (a simplification of the exchanges' formulas, which also subtract the out-of-the-money amount).
 */
export function marginOf(instrument: SimInstrument, held: Direction, volume: number, cost: number): number {
  const { size } = instrument.contract;
  if (instrument.spec.product === Product.FUTURES) return cost * size * instrument.spec.marginRatio;
  if (held === Direction.LONG) return cost * size;
  return (cost + (instrument.strike ?? 0) * instrument.spec.marginRatio * volume) * size;
}

/** Margin plus commission an opening order of `volume` lots at `price` needs. */
export function openCost(instrument: SimInstrument, direction: Direction, price: number, volume: number): number {
  return marginOf(instrument, direction, volume, price * volume) + commissionOf(instrument, "open", price, volume);
}
