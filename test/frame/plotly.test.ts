// Plotly bundles: both MIME types, plotly.js inlined once per session, script-safe JSON; candlestick figures.
import { beforeEach, describe, expect, it } from "vitest";
import { Exchange, Interval } from "../../src/core/constant";
import { createBar } from "../../src/core/object";
import { candlestickFigure } from "../../src/frame/candles";
import { PLOTLY_MIME, figureBundle, redrawHtml, resendPlotlyLoader } from "../../src/frame/plotly";

const figure = { data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: { title: { text: "</script><b>x</b>" } } };
/** A phrase from plotly.min.js's own banner: present only when the library is inlined. */
const PLOTLY_BANNER = "Copyright 2012-";

describe("figureBundle", () => {
  beforeEach(() => resendPlotlyLoader());

  it("has the Plotly MIME type and an html fallback", () => {
    const bundle = figureBundle(figure);
    expect(bundle[PLOTLY_MIME]).toMatchObject({ data: figure.data, layout: { title: { text: "</script><b>x</b>" } } });
    expect(String(bundle["text/html"])).toContain('class="plotly-graph-div"');
    expect(String(bundle["text/plain"])).toContain("1 trace");
  });

  it("inlines plotly.js in the first figure only, registering it for require.js and as window.Plotly", () => {
    const first = String(figureBundle(figure)["text/html"]);
    const second = String(figureBundle(figure)["text/html"]);
    expect(first).toContain(PLOTLY_BANNER);
    expect(first).toContain('window.define("plotly"');
    expect(first.length).toBeGreaterThan(1_000_000);
    expect(second).not.toContain(PLOTLY_BANNER);
    expect(second.length).toBeLessThan(5_000);
    expect(second).toContain('require(["plotly"], draw)');
  });

  it("a redraw never carries the loader, even as the session's first html", () => {
    expect(redrawHtml(figure, "d1")).not.toContain(PLOTLY_BANNER);
    expect(String(figureBundle(figure)["text/html"])).toContain(PLOTLY_BANNER);
  });

  it("figure JSON cannot close the script element it sits in", () => {
    const html = redrawHtml(figure, "d2");
    const scriptBody = html.slice(html.indexOf("<script"), html.lastIndexOf("</script>"));
    expect(scriptBody).not.toMatch(/<\/script/i);
    expect(scriptBody).toContain("\\u003c/script>\\u003cb>x\\u003c/b>");
  });
});

describe("candlestickFigure", () => {
  it("draws OHLC candles and a volume panel in China time", () => {
    const bars = [0, 1].map((i) =>
      createBar({ gateway_name: "SIM", symbol: "rb2505", exchange: Exchange.SHFE, interval: Interval.MINUTE,
        datetime: new Date(Date.UTC(2025, 0, 2, 1, 30 + i)), open_price: 10, high_price: 12, low_price: 9, close_price: 11 - 2 * i, volume: 5 + i }),
    );
    const fig = candlestickFigure(bars);
    const [candles, volume] = fig.data;
    expect(candles).toMatchObject({ type: "candlestick", open: [10, 10], close: [11, 9], x: ["2025-01-02 09:30", "2025-01-02 09:31"] });
    expect(volume).toMatchObject({ type: "bar", y: [5, 6], yaxis: "y2" });
    expect(fig.layout?.title).toEqual({ text: "rb2505.SHFE 1m (2 bars)" });
  });
});
