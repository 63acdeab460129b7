import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";
import { LogLevel } from "../../src/core/constant";
import { EVENT_LOG, EVENT_TICK, EVENT_TIMER, type Event } from "../../src/core/event";
import { EventEngine } from "../../src/core/event-engine";
import { createTick, type LogData } from "../../src/core/object";

function tick(symbol = "rb2601") {
  return createTick({ gateway_name: "T", symbol, exchange: "SHFE", datetime: new Date(0), last_price: 3650 });
}

describe("EventEngine", () => {
  it("delivers typed handlers in registration order, then general handlers", async () => {
    const engine = new EventEngine({ timerIntervalMs: 0 });
    engine.start();
    const seen: string[] = [];
    engine.registerGeneral((event) => seen.push(`general:${event.type}`));
    engine.register(EVENT_TICK, () => seen.push("first"));
    engine.register(EVENT_TICK, () => seen.push("second"));
    engine.put(EVENT_TICK, tick());
    await engine.whenIdle();
    expect(seen).toEqual(["first", "second", "general:eTick."]);
  });

  it("keeps dispatching after a handler throws and reports the failure as an ERROR log", async () => {
    const engine = new EventEngine({ timerIntervalMs: 0 });
    engine.start();
    const prices: number[] = [];
    const logs: LogData[] = [];
    engine.register(EVENT_TICK, function explodes() {
      throw new Error("boom");
    });
    engine.register(EVENT_TICK, (event: Event<typeof EVENT_TICK>) => prices.push(event.data.last_price));
    engine.register(EVENT_LOG, (event: Event<typeof EVENT_LOG>) => logs.push(event.data));
    engine.put(EVENT_TICK, tick());
    engine.put(EVENT_TICK, tick());
    await engine.whenIdle();
    expect(prices).toEqual([3650, 3650]);
    expect(engine.handlerErrors).toBe(2);
    expect(logs).toHaveLength(2);
    expect(logs[0].level).toBe(LogLevel.ERROR);
    expect(logs[0].msg).toContain("explodes");
    expect(logs[0].msg).toContain("boom");
  });

  it("does not register the same handler twice and unregisters it", async () => {
    const engine = new EventEngine({ timerIntervalMs: 0 });
    engine.start();
    let calls = 0;
    const handler = () => calls++;
    engine.register(EVENT_TICK, handler);
    engine.register(EVENT_TICK, handler);
    engine.put(EVENT_TICK, tick());
    await engine.whenIdle();
    engine.unregister(EVENT_TICK, handler);
    engine.put(EVENT_TICK, tick());
    await engine.whenIdle();
    expect(calls).toBe(1);
  });

  it("runs handlers in the async context they were registered in", async () => {
    const engine = new EventEngine({ timerIntervalMs: 0 });
    engine.start();
    const cell = new AsyncLocalStorage<string>();
    const seen: Array<string | undefined> = [];
    cell.run("cell-1", () => engine.register(`${EVENT_TICK}rb2601.SHFE`, () => seen.push(cell.getStore())));
    await cell.run("cell-2", async () => {
      engine.put(`${EVENT_TICK}rb2601.SHFE`, tick());
      await engine.whenIdle();
    });
    expect(seen).toEqual(["cell-1"]);
  });

  it("emits timer events at the configured interval", async () => {
    const engine = new EventEngine({ timerIntervalMs: 20 });
    let timers = 0;
    engine.register(EVENT_TIMER, () => timers++);
    engine.start();
    await new Promise((resolve) => setTimeout(resolve, 130));
    engine.stop();
    expect(timers).toBeGreaterThanOrEqual(3);
  });

  it("drains a large burst in batches without losing events", async () => {
    const engine = new EventEngine({ timerIntervalMs: 0, batchSize: 100 });
    engine.start();
    let count = 0;
    engine.register(EVENT_TICK, () => count++);
    for (let i = 0; i < 1050; i++) engine.put(EVENT_TICK, tick());
    await engine.whenIdle();
    expect(count).toBe(1050);
  });
});
