// TickChart: a live Plotly chart of last price and best bid/ask for one vt_symbol. Ticks land in a bounded
// ring and mark the chart dirty; a timer redraws at most `fps` times a second, whatever the tick rate, with one
// update_display_data per chart carrying only text/html (JupyterLab does not redraw Plotly's own MIME type).
import { chinaTimeText } from "./china-time";
import { EVENT_TICK, type Event } from "../core/event";
import type { TickData } from "../core/object";
import { DISPLAY, DISPLAY_ID, publishDisplay, type DisplayPublisher, type Displayable, type MimeBundle } from "./jupyter";
import { figureHtml, newDivId, redrawHtml, type Figure } from "./plotly";
import { TickRing, type TickSeries } from "./tick-ring";

/** The part of the event engine a chart needs (so tests and scripts can feed it directly). */
export interface TickSource {
  register(type: string, handler: (event: Event) => void): void;
  unregister(type: string, handler: (event: Event) => void): void;
}

export interface TickChartOptions {
  /** Points kept and drawn (a ring: the oldest drops out). Default 500. */
  window?: number;
  /** Most redraws per second. Default 4; redraws only happen when ticks arrived since the last one. */
  fps?: number;
  /** Chart height in pixels. Default 380. */
  height?: number;
  /** Where redraws go; the kernel's publisher by default. */
  publish?: DisplayPublisher;
}

export const DEFAULT_CHART_WINDOW = 500;
export const DEFAULT_CHART_FPS = 4;
const MAX_FPS = 30;

export class TickChart implements Displayable {
  readonly [DISPLAY_ID]: string;
  readonly window: number;
  readonly fps: number;
  /** Redraws sent so far. */
  redraws = 0;
  /** Ticks received so far (kept or dropped out of the window). */
  ticks = 0;
  private readonly ring: TickRing;
  private readonly divId: string;
  private readonly height: number;
  private readonly publish: DisplayPublisher;
  private readonly onTick = (event: Event): void => this.addTick(event.data as TickData);
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private shown = false;
  private stopped = false;

  constructor(
    private readonly events: TickSource,
    readonly vtSymbol: string,
    options: TickChartOptions = {},
  ) {
    this.window = options.window ?? DEFAULT_CHART_WINDOW;
    this.fps = options.fps ?? DEFAULT_CHART_FPS;
    if (!(this.fps > 0 && this.fps <= MAX_FPS)) {
      throw new RangeError(`fps must be more than 0 and at most ${MAX_FPS} redraws a second, got ${this.fps}`);
    }
    this.ring = new TickRing(this.window);
    this.height = options.height ?? 380;
    this.publish = options.publish ?? publishDisplay;
    this.divId = newDivId("vntrader-tickchart");
    this[DISPLAY_ID] = this.divId;
    this.events.register(`${EVENT_TICK}${vtSymbol}`, this.onTick);
    this.timer = setInterval(() => this.redraw(), 1000 / this.fps);
    // A chart must never keep a script or test process alive on its own.
    this.timer.unref();
  }

  get isRunning(): boolean {
    return !this.stopped;
  }

  /** Points currently held (at most `window`). */
  get points(): number {
    return this.ring.size;
  }

  /**
   * The first bundle, shown with this chart's display id. text/html only: a Plotly-mime renderer would take
   * this output and never run the plotly.js loader that later redraws (html) rely on.
   */
  [DISPLAY](): MimeBundle {
    this.shown = true;
    this.dirty = false;
    return { "text/html": figureHtml(this.figure(), this.divId), "text/plain": this.describe() };
  }

  /** Stops listening and redrawing; the last picture stays, titled as stopped. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.events.unregister(`${EVENT_TICK}${this.vtSymbol}`, this.onTick);
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.shown) this.send();
  }

  private addTick(tick: TickData): void {
    this.ticks += 1;
    this.ring.push(tick);
    this.dirty = true;
  }

  private redraw(): void {
    // Nothing new, or not on a page yet: an update before the first display would have nothing to replace.
    if (!this.dirty || !this.shown || this.stopped) return;
    this.send();
  }

  private send(): void {
    this.dirty = false;
    this.redraws += 1;
    this.publish({ "text/html": redrawHtml(this.figure(), this.divId), "text/plain": this.describe() }, {
      displayId: this[DISPLAY_ID],
      update: true,
    });
  }

  private describe(): string {
    const state = this.stopped ? "stopped" : "live";
    return `TickChart ${this.vtSymbol} (${state}, ${this.ring.size}/${this.window} points, ${this.ticks} ticks)`;
  }

  private figure(): Figure {
    const series = this.ring.series();
    const x = series.times.map((t) => chinaTimeText(t));
    const title = `${this.vtSymbol}${this.stopped ? " (stopped)" : ""}${lastText(series)}`;
    return {
      data: [
        line("last", x, series.last, "#1f77b4", "solid"),
        line("bid 1", x, series.bid, "#2ca02c", "dot"),
        line("ask 1", x, series.ask, "#d62728", "dot"),
      ],
      layout: {
        title: { text: title },
        height: this.height,
        // Times are China wall-clock time (see chinaTimeText); the date is in the hover label.
        xaxis: { type: "date", tickformat: "%H:%M:%S" },
        yaxis: { tickformat: ".6~f" },
        legend: { orientation: "h", x: 1, xanchor: "right", y: 1.02, yanchor: "bottom" },
        margin: { l: 60, r: 20, t: 50, b: 40 },
        uirevision: this.vtSymbol,
      },
      config: { staticPlot: false, responsive: true, displaylogo: false },
    };
  }
}

function line(name: string, x: string[], y: Array<number | null>, color: string, dash: string): Record<string, unknown> {
  // A price holds until the next tick: steps, not slopes between ticks.
  return { type: "scatter", mode: "lines", name, x, y, line: { color, dash, width: 1.5, shape: "hv" } };
}

function lastText(series: TickSeries): string {
  const last = series.last[series.last.length - 1];
  return last === undefined || last === null ? "" : `  last ${last}`;
}

const liveCharts = new Set<TickChart>();

/** Opens a live chart and keeps it so `stopTickCharts` can find it (what `%chart` calls). */
export function openTickChart(events: TickSource, vtSymbol: string, options: TickChartOptions = {}): TickChart {
  const chart = new TickChart(events, vtSymbol, options);
  liveCharts.add(chart);
  return chart;
}

/** Stops the live charts of one symbol, or all; returns the charts stopped (what `%chart stop` calls). */
export function stopTickCharts(vtSymbol?: string): TickChart[] {
  const stopped = [...liveCharts].filter((chart) => vtSymbol === undefined || chart.vtSymbol === vtSymbol);
  for (const chart of stopped) {
    chart.stop();
    liveCharts.delete(chart);
  }
  return stopped;
}

export function liveTickCharts(): TickChart[] {
  return [...liveCharts];
}
