// SIM's real-time market clock on fake timers: steps at the configured rate, skips turns while the event
// queue is backed up, pushes funds each second, and caps a turn's burst across many subscriptions.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EVENT_TICK } from "../../src/core/event";
import { MarketTimer } from "../../src/gateways/sim/timer";
import { startSim, type Harness } from "./sim-harness";

describe("SIM market timer", () => {
  beforeEach(() => { vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "performance"] }); });
  afterEach(() => { vi.useRealTimers(); });

  function run(rate: number, behind: () => boolean, ms: number) {
    const steps: number[] = [];
    let funds = 0;
    const timer = new MarketTimer(rate, (n) => steps.push(n), () => { funds += 1; }, behind);
    vi.advanceTimersByTime(ms);
    timer.stop();
    vi.advanceTimersByTime(ms);
    return { total: steps.reduce((a, b) => a + b, 0), turns: steps.length, funds };
  }

  it("steps each symbol `rate` times a second, in batches, and pushes funds every second", () => {
    expect(run(2, () => false, 3000)).toEqual({ total: 6, turns: 6, funds: 3 });
    // 1000 a second is 10 ms turns of one step each.
    expect(run(1000, () => false, 1000)).toEqual({ total: 1000, turns: 100, funds: 1 });
  });

  it("skips the turns that come while the consumer is behind, and never runs in manual mode", () => {
    expect(run(100, () => true, 1000).total).toBe(0);
    expect(run(0, () => false, 5000)).toEqual({ total: 0, turns: 0, funds: 0 });
  });

  describe("through the gateway", () => {
    let h: Harness | undefined;
    afterEach(async () => { await h?.close(); h = undefined; });

    it("caps one turn at 5000 ticks across the subscriptions", async () => {
      h = await startSim({ 行情频率: 100_000 });
      let ticks = 0;
      h.events.register(EVENT_TICK, () => { ticks += 1; });
      const futures = h.oms.getAllContracts().filter((c) => c.product === "FUTURES").slice(0, 50);
      for (const c of futures) await h.subscribe(c.vt_symbol);
      ticks = 0;
      vi.advanceTimersByTime(10); // one turn owes 1000 steps per symbol: 50,000 ticks, capped to 100 steps
      await h.settle();
      expect(ticks).toBe(5000);
    });
  });
});
