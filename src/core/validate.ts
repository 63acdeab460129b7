// Checks an order against its contract before anything is sent: volume, price and offset rules, each
// failure a TradingError that names the problem and what to do. Pure: no engine, no gateway.
import { Direction, Offset, OrderType } from "./constant";
import { TradingError } from "./errors";
import { createOrderRequest, type ContractData, type OrderRequest } from "./object";

/** An order as a notebook user states it; the engine fills in the rest from the contract. */
export interface OrderInput {
  readonly vt_symbol: string;
  readonly direction: Direction;
  readonly volume: number;
  /** Required for LIMIT, FAK, FOK and STOP; ignored for MARKET. */
  readonly price?: number;
  readonly type?: OrderType;
  readonly offset?: Offset;
  readonly reference?: string;
}

const PRICED_TYPES: ReadonlySet<OrderType> = new Set([OrderType.LIMIT, OrderType.FAK, OrderType.FOK, OrderType.STOP]);
const SENDABLE_TYPES: ReadonlySet<OrderType> = new Set([...PRICED_TYPES, OrderType.MARKET]);

export function checkOrder(input: OrderInput, contract: ContractData): OrderRequest {
  const type = input.type ?? (input.price === undefined ? OrderType.MARKET : OrderType.LIMIT);
  if (!SENDABLE_TYPES.has(type)) {
    throw new TradingError("BAD_ORDER_TYPE", `order type ${type} cannot be sent from here; use LIMIT, MARKET, FAK, FOK or STOP`);
  }
  checkVolume(input.volume, contract);
  const price = type === OrderType.MARKET ? 0 : checkPrice(input.price, contract, type);
  const offset = input.offset ?? (contract.net_position ? Offset.NONE : Offset.OPEN);
  if (offset === Offset.NONE && !contract.net_position) {
    throw new TradingError(
      "BAD_OFFSET",
      `${contract.vt_symbol} keeps long and short positions apart: say OPEN, CLOSE, CLOSETODAY or CLOSEYESTERDAY`,
    );
  }
  if (input.direction === Direction.NET) {
    throw new TradingError("BAD_REQUEST", "an order's direction is LONG (buy) or SHORT (sell), not NET");
  }
  return createOrderRequest({
    symbol: contract.symbol, exchange: contract.exchange, direction: input.direction, type, volume: input.volume,
    price, offset, reference: input.reference ?? "",
  });
}

function checkVolume(volume: number, contract: ContractData): void {
  if (typeof volume !== "number" || !Number.isFinite(volume) || volume <= 0) {
    throw new TradingError("BAD_VOLUME", `volume must be a positive number of lots, got ${String(volume)}`);
  }
  const minimum = contract.min_volume > 0 ? contract.min_volume : 1;
  if (minimum >= 1 && Number.isInteger(minimum) && !Number.isInteger(volume)) {
    throw new TradingError("BAD_VOLUME", `volume must be a whole number of lots for ${contract.vt_symbol}, got ${volume}`);
  }
  if (!isMultiple(volume, minimum)) {
    throw new TradingError(
      "BAD_VOLUME",
      `volume ${volume} is not a multiple of ${contract.vt_symbol}'s minimum order volume ${minimum}`,
    );
  }
  if (contract.max_volume !== undefined && contract.max_volume > 0 && volume > contract.max_volume) {
    throw new TradingError(
      "BAD_VOLUME",
      `volume ${volume} exceeds ${contract.vt_symbol}'s maximum order volume ${contract.max_volume}; split the order`,
    );
  }
}

function checkPrice(price: number | undefined, contract: ContractData, type: OrderType): number {
  if (price === undefined) {
    throw new TradingError("BAD_PRICE", `a ${type} order needs a price (write @PRICE), or send a MARKET order`);
  }
  if (typeof price !== "number" || !Number.isFinite(price) || price <= 0) {
    throw new TradingError("BAD_PRICE", `price must be a positive number, got ${String(price)}`);
  }
  if (contract.pricetick > 0 && !isMultiple(price, contract.pricetick)) {
    const below = roundTo(Math.floor(price / contract.pricetick + 1e-9) * contract.pricetick, contract.pricetick);
    const above = roundTo(below + contract.pricetick, contract.pricetick);
    throw new TradingError(
      "BAD_PRICE",
      `price ${price} is not on ${contract.vt_symbol}'s price tick ${contract.pricetick}; nearest valid prices are ${below} and ${above}`,
    );
  }
  return roundTo(price, contract.pricetick);
}

/** True when value is a whole multiple of step, within floating-point noise (0.1 * 3 is 0.30000000000000004). */
export function isMultiple(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-6;
}

/** Rounds to the step's decimals so 3650.0000001 prints as 3650. */
export function roundTo(value: number, step: number): number {
  if (!(step > 0)) return value;
  const decimals = Math.min(10, Math.max(0, Math.ceil(-Math.log10(step) + 1e-9)));
  return Number((Math.round(value / step) * step).toFixed(decimals));
}
