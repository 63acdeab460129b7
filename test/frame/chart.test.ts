// TickChart: at most `fps` redraws a second whatever the tick rate, bounded memory, only text/html updates
// on its display id, nothing before it is shown, nothing after stop.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Exchange } from "../../src/core/constant";
import { EventEngine } from "../../src/core/event-engine";
import { createTick } from "../../src/core/object";
import { TickChart, openTickChart, stopTickCharts } from "../../src/frame/chart";
import { DISPLAY, DISPLAY_ID, type DisplayOptions, type MimeBundle } from "../../src/frame/jupyter";

const VT = "rb2505.SHFE";

function tickAt(ms: number, price: number) {
  return createTick({
    gateway_name: "SIM", symbol: "rb2505", exchange: Exchange.SHFE, datetime: new Date(ms),
    last_price: price, bid_price_1: price - 1, ask_price_1: price + 1,
  });
}

describe("TickChart", () => {
  let events: EventEngine;
  let published: Array<{ bundle: MimeBundle; options: DisplayOptions }>;
  const publish = (bundle: MimeBundle, options: DisplayOptions) => published.push({ bundle, options });

  beforeEach(() => {
    // The event engine dispatches on setImmediate, which stays real; the chart's redraw timer is faked.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout", "Date"] });
    events = new EventEngine({ timerIntervalMs: 0 });
    events.start();
    published = [];
  });

  afterEach(() => {
    stopTickCharts();
    events.stop();
    vi.useRealTimers();
  });

  /** Puts `perSecond` ticks for each of `seconds` seconds, advancing the fake clock in 10 ms steps. */
  async function stream(perSecond: number, seconds: number): Promise<void> {
    const perStep = perSecond / 100;
    for (let step = 0; step < seconds * 100; step += 1) {
      for (let k = 0; k < perStep; k += 1) events.put(`eTick.${VT}`, tickAt(Date.now(), 3500 + ((step + k) % 50)));
      await events.whenIdle();
      vi.advanceTimersByTime(10);
    }
  }

  it("redraws at most 4 times a second at 20,000 ticks a second, and keeps only `window` points", async () => {
    const chart = new TickChart(events, VT, { window: 300, publish });
    chart[DISPLAY]();
    await stream(20_000, 3);
    expect(chart.ticks).toBe(60_000);
    expect(chart.points).toBe(300);
    expect(published.length).toBeGreaterThanOrEqual(11);
    expect(published.length).toBeLessThanOrEqual(12);
    for (const { bundle, options } of published) {
      expect(options).toEqual({ displayId: chart[DISPLAY_ID], update: true });
      expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
    }
    const lastHtml = String(published.at(-1)!.bundle["text/html"]);
    const drawnTimes = /"x":\[([^\]]*)\]/.exec(lastHtml)![1].split(",");
    expect(drawnTimes).toHaveLength(300);
  });

  it("honours a lower fps and sends nothing while no ticks arrive", async () => {
    const chart = new TickChart(events, VT, { fps: 1, publish });
    chart[DISPLAY]();
    await stream(1000, 2);
    expect(published.length).toBe(2);
    vi.advanceTimersByTime(5000);
    expect(published.length).toBe(2);
  });

  it("sends no update before the first display, and the first display is html with the display id", async () => {
    const chart = new TickChart(events, VT, { publish });
    await stream(500, 1);
    expect(published).toHaveLength(0);
    const first = chart[DISPLAY]();
    expect(Object.keys(first).sort()).toEqual(["text/html", "text/plain"]);
    expect(String(first["text/html"])).toContain(`id="${chart[DISPLAY_ID]}"`);
    expect(String(first["text/plain"])).toContain("500 ticks");
  });

  it("stop unsubscribes, redraws once as stopped and then never again", async () => {
    const chart = openTickChart(events, VT, { publish });
    chart[DISPLAY]();
    await stream(100, 1);
    const before = published.length;
    expect(stopTickCharts(VT)).toEqual([chart]);
    expect(published.length).toBe(before + 1);
    expect(String(published.at(-1)!.bundle["text/html"])).toContain("(stopped)");
    await stream(100, 1);
    expect(published.length).toBe(before + 1);
    expect(chart.isRunning).toBe(false);
    expect(chart.ticks).toBe(100);
  });

  it("refuses a window or fps that cannot work, naming the value", () => {
    expect(() => new TickChart(events, VT, { window: 1 })).toThrow(/at least 2 points, got 1/);
    expect(() => new TickChart(events, VT, { fps: 0 })).toThrow(/fps must be more than 0.*got 0/);
  });
});
