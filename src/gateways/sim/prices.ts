// Price and money arithmetic on exact tick multiples, so SIM's prices print as the exchange shows them.

/** The price `ticks` price-ticks above zero, as the nearest double to the decimal price (3201, 900.24). */
export function priceOfTicks(ticks: number, pricetick: number): number {
  // Dividing two integers rounds once, so 45012 / 50 is exactly the double nearest 900.24.
  const perUnit = Math.round(1 / pricetick);
  return pricetick < 1 && Math.abs(perUnit * pricetick - 1) < 1e-9 ? ticks / perUnit : ticks * pricetick;
}

/** The number of ticks in a price (rounded to the nearest tick). */
export function ticksOf(price: number, pricetick: number): number {
  return Math.round(price / pricetick);
}

export function roundToTick(price: number, pricetick: number): number {
  return priceOfTicks(ticksOf(price, pricetick), pricetick);
}

export function isOnTick(price: number, pricetick: number): boolean {
  return Math.abs(price / pricetick - ticksOf(price, pricetick)) < 1e-6;
}

/** Money is kept in cents, as a counter books it. */
export function roundMoney(amount: number): number {
  return Math.round(amount * 100) / 100;
}
