import { describe, expect, it } from "vitest";
import { Direction, Offset, OrderType, Product } from "../../src/core/constant";
import { TradingError } from "../../src/core/errors";
import { createContract } from "../../src/core/object";
import { checkOrder, isMultiple, roundTo } from "../../src/core/validate";

const rb = createContract({ gateway_name: "SIM", symbol: "rb2601", exchange: "SHFE", name: "rb", product: Product.FUTURES, size: 10, pricetick: 1, max_volume: 500 });
const io = createContract({ gateway_name: "SIM", symbol: "IO2512-C-4000", exchange: "CFFEX", name: "io", product: Product.OPTION, size: 100, pricetick: 0.2 });
const fx = createContract({ gateway_name: "MT5", symbol: "EURUSD", exchange: "OTC", name: "EURUSD", product: Product.FOREX, size: 100000, pricetick: 0.00001, min_volume: 0.01, net_position: true });

function refusal(fn: () => unknown): TradingError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TradingError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("checkOrder", () => {
  it("makes a LIMIT open order from a price and a MARKET order without one", () => {
    const limit = checkOrder({ vt_symbol: rb.vt_symbol, direction: Direction.LONG, volume: 2, price: 3650 }, rb);
    expect([limit.type, limit.offset, limit.price, limit.volume]).toEqual([OrderType.LIMIT, Offset.OPEN, 3650, 2]);
    const market = checkOrder({ vt_symbol: rb.vt_symbol, direction: Direction.SHORT, volume: 1 }, rb);
    expect([market.type, market.price]).toEqual([OrderType.MARKET, 0]);
  });

  it.each([
    [0, "positive"], [-1, "positive"], [Number.NaN, "positive"], [1.5, "whole number"], [501, "maximum order volume 500"],
  ])("refuses volume %s", (volume, words) => {
    const error = refusal(() => checkOrder({ vt_symbol: rb.vt_symbol, direction: Direction.LONG, volume, price: 3650 }, rb));
    expect(error.code).toBe("BAD_VOLUME");
    expect(error.message).toContain(words);
  });

  it("refuses a volume that is not a multiple of the minimum", () => {
    const error = refusal(() => checkOrder({ vt_symbol: fx.vt_symbol, direction: Direction.LONG, volume: 0.015 }, fx));
    expect(error.message).toContain("not a multiple of EURUSD.OTC's minimum order volume 0.01");
    expect(checkOrder({ vt_symbol: fx.vt_symbol, direction: Direction.LONG, volume: 0.03 }, fx).volume).toBe(0.03);
  });

  it("refuses a price off the tick and names the nearest valid prices", () => {
    const error = refusal(() => checkOrder({ vt_symbol: io.vt_symbol, direction: Direction.LONG, volume: 1, price: 12.3 }, io));
    expect(error.code).toBe("BAD_PRICE");
    expect(error.message).toContain("12.2 and 12.4");
  });

  it("accepts a price on a fractional tick despite floating-point noise", () => {
    expect(checkOrder({ vt_symbol: io.vt_symbol, direction: Direction.LONG, volume: 1, price: 0.6000000000000001 }, io).price).toBe(0.6);
  });

  it("refuses a priced type without a price and a non-positive price", () => {
    expect(refusal(() => checkOrder({ vt_symbol: rb.vt_symbol, direction: Direction.LONG, volume: 1, type: OrderType.FAK }, rb)).message).toContain("needs a price");
    expect(refusal(() => checkOrder({ vt_symbol: rb.vt_symbol, direction: Direction.LONG, volume: 1, price: -5 }, rb)).code).toBe("BAD_PRICE");
  });

  it("requires an offset on two-way contracts and allows none on net ones", () => {
    const error = refusal(() => checkOrder({ vt_symbol: rb.vt_symbol, direction: Direction.LONG, volume: 1, price: 3650, offset: Offset.NONE }, rb));
    expect(error.code).toBe("BAD_OFFSET");
    expect(checkOrder({ vt_symbol: fx.vt_symbol, direction: Direction.LONG, volume: 1 }, fx).offset).toBe(Offset.NONE);
  });

  it("refuses order types that cannot be sent", () => {
    expect(refusal(() => checkOrder({ vt_symbol: rb.vt_symbol, direction: Direction.LONG, volume: 1, price: 1, type: OrderType.RFQ }, rb)).code).toBe("BAD_ORDER_TYPE");
  });
});

describe("tick arithmetic", () => {
  it("tells multiples and rounds to the tick's decimals", () => {
    expect(isMultiple(0.3, 0.1)).toBe(true);
    expect(isMultiple(0.35, 0.1)).toBe(false);
    expect(roundTo(3650.0000001, 1)).toBe(3650);
    expect(roundTo(1.234567, 0.00001)).toBe(1.23457);
  });
});
