// Each risk rule on SIM: an order at its limit passes, the first one past it is refused with a one-line
// message naming the rule, the limit and the value, and nothing reaches the counter.
import { afterEach, describe, expect, it, vi } from "vitest";
import { Direction, LogLevel, Offset, OrderType, Status } from "../../src/index";
import { dceFuture, only, refusal, startSim, type Harness } from "./harness";

let h: Harness | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await h?.close();
  h = undefined;
});

async function start(rules: Record<string, unknown>, gatewayName?: string): Promise<Harness> {
  h = await startSim({ risk: { rules: only(rules) }, gatewayName });
  return h;
}

/** A buy that rests on the book: below the best bid, so it does not fill. */
function restingBid(harness: Harness, ticksBelow = 5): number {
  return harness.tick.bid_price_1 - ticksBelow;
}

async function expectNothingSentBy(harness: Harness, send: () => Promise<unknown>, message: string, rule: string) {
  await harness.idle();
  const before = harness.orders().length;
  const error = await refusal(send());
  expect(error.message).toBe(message);
  expect(error.code).toBe("RISK_REFUSED");
  expect(error.rule).toBe(rule);
  await harness.idle();
  expect(harness.orders().length).toBe(before);
  return error;
}

describe("max_order_volume", () => {
  it("passes the limit, refuses one lot more, and logs the refusal as a warning", async () => {
    const s = await start({ max_order_volume: { limit: 5 } });
    const price = restingBid(s);
    expect(await s.engine.buy(s.symbol, 4, price)).toHaveLength(1);
    expect(await s.engine.buy(s.symbol, 5, price)).toHaveLength(1);
    const message = "refused: volume 6 exceeds the per-order limit of 5 lots (risk rule max_order_volume)";
    await expectNothingSentBy(s, () => s.engine.buy(s.symbol, 6, price), message, "max_order_volume");
    const warnings = s.engine.getLogs().filter((log) => log.level === LogLevel.WARNING).map((log) => log.msg);
    expect(warnings).toContain(message);
  });
});

describe("max_order_notional", () => {
  it("values a limit order at price x volume x size: at the limit passes, one tick more is refused", async () => {
    const s = await start({ max_order_notional: { limit: 1 } });
    const price = restingBid(s);
    const limit = price * 2 * 10;
    await s.engine.risk.file.update({ rules: { max_order_notional: { limit } } });
    expect(await s.engine.buy(s.symbol, 2, price - 1)).toHaveLength(1);
    expect(await s.engine.buy(s.symbol, 2, price)).toHaveLength(1);
    const over = (price + 1) * 20;
    await expectNothingSentBy(
      s, () => s.engine.buy(s.symbol, 2, price + 1),
      `refused: notional ${over.toLocaleString("en-US")} (price x volume x size 10) exceeds the per-order limit of ${limit.toLocaleString("en-US")} (risk rule max_order_notional)`,
      "max_order_notional",
    );
  });

  it("values a MARKET order at the opposite best price", async () => {
    const s = await start({ max_order_notional: { limit: 1 } });
    const symbol = dceFuture(s.engine);
    await s.engine.subscribe(symbol);
    await s.idle();
    const tick = s.engine.getTick(symbol)!;
    const size = s.engine.getContract(symbol)!.size;
    const buyValue = tick.ask_price_1 * size;
    await s.engine.risk.file.update({ rules: { max_order_notional: { limit: buyValue - 1 } } });
    const error = await expectNothingSentBy(
      s, () => s.engine.buy(symbol, 1, undefined, OrderType.MARKET),
      `refused: notional ${buyValue.toLocaleString("en-US")} (price x volume x size ${size}) exceeds the per-order limit of ${(buyValue - 1).toLocaleString("en-US")} (risk rule max_order_notional)`,
      "max_order_notional",
    );
    expect(error.message).toContain(buyValue.toLocaleString("en-US"));
    await s.engine.risk.file.update({ rules: { max_order_notional: { limit: buyValue } } });
    expect(await s.engine.buy(symbol, 1, undefined, OrderType.MARKET)).toHaveLength(1);
  });

  it("refuses a MARKET order it cannot value (no tick)", async () => {
    const s = await start({ max_order_notional: { limit: 1e12 } });
    const unsubscribed = s.engine.getContracts({ exchange: dceFuture(s.engine).split(".")[1] as never }).at(-1)!.vt_symbol;
    await expectNothingSentBy(
      s, () => s.engine.buy(unsubscribed, 1, undefined, OrderType.MARKET),
      `refused: a MARKET order for ${unsubscribed} cannot be valued without a tick; %subscribe ${unsubscribed} first or send a limit order (risk rule max_order_notional)`,
      "max_order_notional",
    );
  });
});

describe("price_band", () => {
  it("refuses a price more than N ticks from the last price", async () => {
    const s = await start({ price_band: { percent: null, ticks: 10 } });
    const last = s.tick.last_price;
    expect(await s.engine.buy(s.symbol, 1, last - 10)).toHaveLength(1);
    await expectNothingSentBy(
      s, () => s.engine.buy(s.symbol, 1, last - 11),
      `refused: price ${last - 11} is 11 ticks from the last price ${last}, beyond the band of 10 ticks (risk rule price_band)`,
      "price_band",
    );
  });

  it("refuses a price more than N% from the last price", async () => {
    const s = await start({ price_band: { percent: 1, ticks: null } });
    const last = s.tick.last_price;
    const percent = (20 / last) * 100; // exactly 20 ticks of 1
    await s.engine.risk.file.update({ rules: { price_band: { percent } } });
    expect(await s.engine.buy(s.symbol, 1, last - 20)).toHaveLength(1);
    const error = await expectNothingSentBy(
      s, () => s.engine.buy(s.symbol, 1, last - 21),
      `refused: price ${last - 21} is ${((21 / last) * 100).toFixed(2)}% from the last price ${last}, beyond the band of ${percent}% (risk rule price_band)`,
      "price_band",
    );
    expect(error.message).toMatch(/^refused: price \d+ is [\d.]+% from the last price/);
  });

  it("refuses an order without a recent tick on a live gateway, not on SIM", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const s = await start({ price_band: { percent: 5, max_tick_age_seconds: 30 } }, "CTPTEST");
    await s.engine.risk.file.update({ gateways: { CTPTEST: { confirm: { mode: "never" } } } });
    const price = restingBid(s);
    vi.setSystemTime(Date.now() + 30_000);
    expect(await s.engine.buy(s.symbol, 1, price)).toHaveLength(1);
    vi.setSystemTime(Date.now() + 1_000);
    await expectNothingSentBy(
      s, () => s.engine.buy(s.symbol, 1, price),
      `refused: the latest tick is 31 s old for ${s.symbol} (the limit is 30 s), so CTPTEST cannot check the price; %subscribe ${s.symbol} and retry (risk rule price_band)`,
      "price_band",
    );
    const never = s.engine.getContracts({ pattern: "hc*" })[0].vt_symbol;
    await expectNothingSentBy(
      s, () => s.engine.buy(never, 1, 3000),
      `refused: no tick has arrived for ${never} (the limit is 30 s), so CTPTEST cannot check the price; %subscribe ${never} and retry (risk rule price_band)`,
      "price_band",
    );
  });

  it("lets SIM orders through without a tick (SIM is not live)", async () => {
    const s = await start({ price_band: { percent: 5 } });
    const contract = s.engine.getContracts({ pattern: "hc*" })[0];
    expect(s.engine.getTick(contract.vt_symbol)).toBeUndefined();
    const ids = await s.engine.buy(contract.vt_symbol, 1, 3000);
    expect(ids).toHaveLength(1);
  });
});

describe("order_rate", () => {
  it("allows per_second orders in one second and refuses the next, until the second has passed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const s = await start({ order_rate: { per_second: 3, per_minute: 100 } });
    const price = restingBid(s);
    for (let i = 0; i < 3; i += 1) await s.engine.buy(s.symbol, 1, price);
    await expectNothingSentBy(
      s, () => s.engine.buy(s.symbol, 1, price),
      "refused: 3 orders in the last second, the limit is 3 per second; wait a moment (risk rule order_rate)",
      "order_rate",
    );
    vi.setSystemTime(Date.now() + 1001);
    expect(await s.engine.buy(s.symbol, 1, price)).toHaveLength(1);
  });

  it("allows per_minute orders in one minute and refuses the next", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const s = await start({ order_rate: { per_second: 100, per_minute: 4 } });
    const price = restingBid(s);
    for (let i = 0; i < 4; i += 1) {
      await s.engine.buy(s.symbol, 1, price);
      vi.setSystemTime(Date.now() + 5_000);
    }
    await expectNothingSentBy(
      s, () => s.engine.buy(s.symbol, 1, price),
      "refused: 4 orders in the last minute, the limit is 4 per minute; wait a moment (risk rule order_rate)",
      "order_rate",
    );
    vi.setSystemTime(Date.now() + 45_001); // the first order is now more than a minute old
    expect(await s.engine.buy(s.symbol, 1, price)).toHaveLength(1);
  });
});

describe("cancel_rate", () => {
  it("allows per_second cancels and refuses the next without sending it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const s = await start({ cancel_rate: { per_second: 2, per_minute: 100 } });
    const price = restingBid(s);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push(...(await s.engine.buy(s.symbol, 1, price)));
    await s.idle();
    s.engine.cancelOrder(ids[0]);
    s.engine.cancelOrder(ids[1]);
    expect(() => s.engine.cancelOrder(ids[2])).toThrow(
      "refused: 2 cancels in the last second, the limit is 2 per second; wait a moment (risk rule cancel_rate)",
    );
    await s.idle();
    expect(ids.map((id) => s.engine.getOrder(id)!.status)).toEqual([Status.CANCELLED, Status.CANCELLED, Status.NOTTRADED]);
    vi.setSystemTime(Date.now() + 1001);
    s.engine.cancelOrder(ids[2]);
    await s.idle();
    expect(s.engine.getOrder(ids[2])!.status).toBe(Status.CANCELLED);
  });
});

describe("max_active_orders", () => {
  it("refuses a new order while the limit of orders is active, and passes once one is cancelled", async () => {
    const s = await start({ max_active_orders: { limit: 3 } });
    const price = restingBid(s);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push(...(await s.engine.buy(s.symbol, 1, price))); // no idle: counts unseen orders
    await expectNothingSentBy(
      s, () => s.engine.buy(s.symbol, 1, price),
      "refused: 3 orders are already active on SIM, the limit is 3; cancel some first (risk rule max_active_orders)",
      "max_active_orders",
    );
    s.engine.cancelOrder(ids[0]);
    await s.idle();
    expect(await s.engine.buy(s.symbol, 1, price)).toHaveLength(1);
  });
});

describe("position_limit", () => {
  it("counts the net position after the fill, and lets a reducing order through", async () => {
    const s = await start({ position_limit: { limit: 3 } });
    await s.engine.buy(s.symbol, 2, s.tick.ask_price_1 + 5); // crosses the book: fills on arrival
    await s.idle();
    expect(s.engine.risk.netPosition(s.symbol)).toBe(2);
    const price = restingBid(s);
    await expectNothingSentBy(
      s, () => s.engine.buy(s.symbol, 2, price),
      `refused: the net position in ${s.symbol} would become 4 lots long, beyond the limit of 3 lots (risk rule position_limit)`,
      "position_limit",
    );
    expect(await s.engine.buy(s.symbol, 1, price)).toHaveLength(1);
    await expectNothingSentBy(
      s, () => s.engine.short(s.symbol, 6, s.tick.ask_price_1 + 50),
      `refused: the net position in ${s.symbol} would become 4 lots short, beyond the limit of 3 lots (risk rule position_limit)`,
      "position_limit",
    );
    expect(await s.engine.short(s.symbol, 5, s.tick.ask_price_1 + 50)).toHaveLength(1);
  });

  it("takes a per-symbol limit over the general one", async () => {
    const s = await start({ position_limit: { limit: 100 } });
    await s.engine.risk.file.update({ rules: { position_limit: { symbols: { [s.symbol]: 2 } } } });
    const price = restingBid(s);
    expect(await s.engine.buy(s.symbol, 2, price)).toHaveLength(1);
    await expectNothingSentBy(
      s, () => s.engine.buy(s.symbol, 3, price),
      `refused: the net position in ${s.symbol} would become 3 lots long, beyond the limit of 2 lots (risk rule position_limit)`,
      "position_limit",
    );
  });
});

describe("daily_order_count", () => {
  it("refuses the order after the daily limit and counts again the next day", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const s = await start({ daily_order_count: { limit: 3 } });
    const price = restingBid(s);
    for (let i = 0; i < 3; i += 1) await s.engine.buy(s.symbol, 1, price);
    await expectNothingSentBy(
      s, () => s.engine.buy(s.symbol, 1, price),
      "refused: 3 orders were sent today, the daily limit is 3 (risk rule daily_order_count)",
      "daily_order_count",
    );
    vi.setSystemTime(Date.now() + 24 * 3600_000);
    expect(await s.engine.buy(s.symbol, 1, price)).toHaveLength(1);
  });
});

describe("a SHFE close split into today and yesterday parts", () => {
  it("is judged as the one order the user gave, so the parts cannot slip under the per-order limit", async () => {
    h = await startSim({ yesterdayLong: 3, risk: { rules: only({ max_order_volume: { limit: 4 } }) } });
    const s = h;
    await s.engine.buy(s.symbol, 2, s.tick.ask_price_1 + 5);
    await s.idle();
    await expectNothingSentBy(
      s, () => s.engine.sell(s.symbol, 5, s.tick.bid_price_1 + 50),
      "refused: volume 5 exceeds the per-order limit of 4 lots (risk rule max_order_volume)",
      "max_order_volume",
    );
    expect(await s.engine.sell(s.symbol, 4, s.tick.bid_price_1 + 50)).toHaveLength(2);
  });
});

describe("defaults", () => {
  it("are on for SIM without any settings file", async () => {
    h = await startSim();
    const s = h;
    await expectNothingSentBy(
      s, () => s.engine.sendOrder({ vt_symbol: s.symbol, direction: Direction.LONG, offset: Offset.OPEN, volume: 21, price: restingBid(s) }),
      "refused: volume 21 exceeds the per-order limit of 20 lots (risk rule max_order_volume)",
      "max_order_volume",
    );
    const far = Math.round(s.tick.last_price * 0.9);
    const error = await refusal(s.engine.buy(s.symbol, 1, far));
    expect(error.message).toMatch(/beyond the band of 5% \(risk rule price_band\)$/);
  });
});
