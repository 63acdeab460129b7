import { describe, expect, it } from "vitest";
import { Direction, Offset, Product, Status } from "../../src/core/constant";
import { OffsetConverter } from "../../src/core/converter";
import { createContract, createOrder, createOrderRequest, createPosition, createTrade, type ContractData } from "../../src/core/object";

const rb = createContract({ gateway_name: "G", symbol: "rb2601", exchange: "SHFE", name: "螺纹钢2601", product: Product.FUTURES, size: 10, pricetick: 1 });
const m = createContract({ gateway_name: "G", symbol: "m2601", exchange: "DCE", name: "豆粕2601", product: Product.FUTURES, size: 10, pricetick: 1 });
const contracts = new Map<string, ContractData>([[rb.vt_symbol, rb], [m.vt_symbol, m]]);

function converterWithLong(contract: ContractData, volume: number, yd: number): OffsetConverter {
  const converter = new OffsetConverter((vt) => contracts.get(vt));
  converter.updatePosition(createPosition({ gateway_name: "G", symbol: contract.symbol, exchange: contract.exchange, direction: Direction.LONG, volume, yd_volume: yd }));
  return converter;
}

function sell(contract: ContractData, volume: number) {
  return createOrderRequest({ symbol: contract.symbol, exchange: contract.exchange, direction: Direction.SHORT, volume, price: 3650, offset: Offset.CLOSE });
}

describe("OffsetConverter on SHFE", () => {
  it("closes today first, then yesterday", () => {
    const converter = converterWithLong(rb, 5, 3); // 2 today, 3 yesterday
    const parts = converter.convert(sell(rb, 4));
    expect(parts.map((p) => [p.offset, p.volume])).toEqual([[Offset.CLOSETODAY, 2], [Offset.CLOSEYESTERDAY, 2]]);
  });

  it("uses a single close-today when today's holding covers the order", () => {
    const converter = converterWithLong(rb, 5, 3);
    expect(converter.convert(sell(rb, 2)).map((p) => [p.offset, p.volume])).toEqual([[Offset.CLOSETODAY, 2]]);
  });

  it("refuses to close more than is held", () => {
    const converter = converterWithLong(rb, 5, 3);
    expect(converter.convert(sell(rb, 6))).toEqual([]);
  });

  it("counts volume frozen by pending close orders", () => {
    const converter = converterWithLong(rb, 5, 3);
    converter.updateOrder(createOrder({ gateway_name: "G", symbol: "rb2601", exchange: "SHFE", orderid: "1", direction: Direction.SHORT, offset: Offset.CLOSETODAY, volume: 2, status: Status.NOTTRADED }));
    expect(converter.available("rb2601.SHFE", Direction.SHORT)).toEqual({ td: 0, yd: 3 });
    expect(converter.convert(sell(rb, 3)).map((p) => [p.offset, p.volume])).toEqual([[Offset.CLOSEYESTERDAY, 3]]);
    expect(converter.convert(sell(rb, 4))).toEqual([]);
  });

  it("follows trades: an open adds today, a close-yesterday reduces yesterday", () => {
    const converter = converterWithLong(rb, 3, 3);
    converter.updateTrade(createTrade({ gateway_name: "G", symbol: "rb2601", exchange: "SHFE", orderid: "1", tradeid: "t1", direction: Direction.LONG, offset: Offset.OPEN, volume: 2 }));
    converter.updateTrade(createTrade({ gateway_name: "G", symbol: "rb2601", exchange: "SHFE", orderid: "2", tradeid: "t2", direction: Direction.SHORT, offset: Offset.CLOSEYESTERDAY, volume: 1 }));
    expect(converter.available("rb2601.SHFE", Direction.SHORT)).toEqual({ td: 2, yd: 2 });
  });
});

describe("OffsetConverter elsewhere", () => {
  it("passes a DCE close through unchanged", () => {
    const converter = converterWithLong(m, 5, 3);
    const req = sell(m, 4);
    expect(converter.convert(req)).toEqual([req]);
  });

  it("applies a DCE close to today's holding first, overflowing into yesterday", () => {
    const converter = converterWithLong(m, 5, 3);
    converter.updateTrade(createTrade({ gateway_name: "G", symbol: "m2601", exchange: "DCE", orderid: "1", tradeid: "t1", direction: Direction.SHORT, offset: Offset.CLOSE, volume: 3 }));
    expect(converter.available("m2601.DCE", Direction.SHORT)).toEqual({ td: 0, yd: 2 });
  });
});
