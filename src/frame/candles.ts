// Candlestick figures from bars: OHLC candles over a volume panel, times in China time, as a Plotly bundle.
import type { BarData } from "../core/object";
import { chinaTimeText } from "./china-time";
import { DISPLAY, type Displayable, type MimeBundle } from "./jupyter";
import { figureBundle, type Figure } from "./plotly";

export { barsFrame } from "./dataframe";

const RISING = "#d62728"; // China's convention: red rises, green falls
const FALLING = "#2ca02c";

/** A candlestick figure with volume below; the title names the symbol and interval. */
export function candlestickFigure(bars: readonly BarData[], title = defaultTitle(bars)): Figure {
  // Whole-minute bars label by minute; anything finer keeps its seconds.
  const precision = bars.every((bar) => bar.datetime.getTime() % 60_000 === 0) ? "minute" : "s";
  const x = bars.map((bar) => chinaTimeText(bar.datetime, precision));
  return {
    data: [
      {
        type: "candlestick", name: "price", x,
        open: bars.map((b) => b.open_price), high: bars.map((b) => b.high_price),
        low: bars.map((b) => b.low_price), close: bars.map((b) => b.close_price),
        increasing: { line: { color: RISING } }, decreasing: { line: { color: FALLING } },
        xaxis: "x", yaxis: "y",
      },
      {
        type: "bar", name: "volume", x, y: bars.map((b) => b.volume),
        marker: { color: bars.map((b) => (b.close_price >= b.open_price ? RISING : FALLING)) },
        xaxis: "x", yaxis: "y2",
      },
    ],
    layout: {
      title: { text: title },
      height: 520,
      showlegend: false,
      // Non-trading hours (nights, weekends) would otherwise fill most of a minute chart.
      xaxis: { type: "category", rangeslider: { visible: false }, nticks: 10 },
      yaxis: { domain: [0.28, 1], title: { text: "price" } },
      yaxis2: { domain: [0, 0.22], title: { text: "volume" } },
    },
  };
}

/** The candlestick chart's MIME bundle (what `%history` shows). */
export function candlestickBundle(bars: readonly BarData[], title?: string): MimeBundle {
  return figureBundle(candlestickFigure(bars, title));
}

/** Bars as a value that displays as a candlestick chart, e.g. the last expression of a cell. */
export function candlestickChart(bars: readonly BarData[], title?: string): Displayable {
  return { [DISPLAY]: () => candlestickBundle(bars, title) };
}

function defaultTitle(bars: readonly BarData[]): string {
  const first = bars[0];
  if (!first) return "no bars";
  return `${first.vt_symbol} ${first.interval} (${bars.length} bars)`;
}

