// Market-data magics: %contracts, %subscribe, %tick, %chart, %history. Each is a thin parser over the engine
// (and the frame module for tables and charts).
import { Exchange, Interval, Product } from "../../src/core/constant";
import { TradingError } from "../../src/core/errors";
import type { HistoryProgress } from "../../src/core/gateway";
import type { MainEngine } from "../../src/engine";
import { candlestickBundle } from "../../src/frame/candles";
import { publishDisplay } from "../../src/frame/jupyter";
import { ProgressDisplay } from "../../src/frame/progress";
import { DEFAULT_CHART_FPS, DEFAULT_CHART_WINDOW, openTickChart, stopTickCharts } from "../../src/frame/chart";
import { barsFrame, contractsFrame, ticksFrame } from "../../src/frame/dataframe";
import { ArgumentError, readChoice, readDate, readExchange, readNumber, readPositiveInteger, readVtSymbol } from "./parse";
import {
  completeOptions, completeSymbol, lastToken, parseOrUsage, printLine, symbolThenOptions, usageOnError, type MagicDefinition,
} from "./trading-common";

const PRODUCTS = Object.values(Product);
const HISTORY_INTERVALS = [Interval.MINUTE, Interval.HOUR, Interval.DAILY, Interval.WEEKLY] as const;
/** What people type for vn.py's day and week values. */
const INTERVAL_ALIASES: Readonly<Record<string, Interval>> = { "1d": Interval.DAILY, "1w": Interval.WEEKLY };

export function marketMagics(engine: MainEngine): MagicDefinition[] {
  return [contracts(engine), subscribe(engine), tick(engine), chart(engine), history(engine)];
}

function contracts(engine: MainEngine): MagicDefinition {
  const usage = "%contracts [PATTERN] [exchange=EX] [product=PRODUCT]";
  return {
    name: "contracts",
    usage,
    summary: "contracts the connected gateways list, as a DataFrame (filter by pattern, exchange, product)",
    help:
      "PATTERN matches part of the symbol, case-insensitive (rb), or a glob (rb25*). exchange= takes a vn.py code " +
      `(SHFE, DCE, ...), product= one of ${PRODUCTS.join(", ")}. No arguments lists everything. Columns are vn.py's ` +
      "ContractData fields plus vt_symbol.\nEngine API: engine.getContracts({ pattern, exchange, product }).",
    run: (args) => {
      const parsed = parseOrUsage(usage, args, { positional: ["PATTERN"], required: 0, options: ["exchange", "product"] });
      const filter = usageOnError(usage, () => ({
        pattern: parsed.positional[0],
        exchange: parsed.options.exchange === undefined ? undefined : readExchange(parsed.options.exchange),
        product: parsed.options.product === undefined ? undefined : readChoice(parsed.options.product, PRODUCTS, "product"),
      }));
      return contractsFrame(engine.getContracts(filter));
    },
    complete: (args) => completeOptions(lastToken(args).prefix, { exchange: Object.values(Exchange), product: PRODUCTS }),
  };
}

function subscribe(engine: MainEngine): MagicDefinition {
  const usage = "%subscribe VT_SYMBOL [VT_SYMBOL ...]";
  return {
    name: "subscribe",
    usage,
    summary: "subscribe ticks of one or more symbols",
    help:
      "Asks the gateway that lists each symbol for its ticks (rb2505.SHFE: symbol.exchange as in vn.py). The latest " +
      "tick is then in %tick, and %chart draws them.\nEngine API: engine.subscribe(...vtSymbols).",
    run: (args, ctx) => {
      const parsed = parseOrUsage(usage, args, { positional: ["VT_SYMBOL"], variadic: true });
      const symbols = usageOnError(usage, () => parsed.positional.map(readVtSymbol));
      engine.subscribe(...symbols);
      printLine(ctx, `subscribed ${symbols.join(", ")}`);
      return undefined;
    },
    complete: (args) => completeSymbol(engine, lastToken(args).prefix),
  };
}

function tick(engine: MainEngine): MagicDefinition {
  const usage = "%tick VT_SYMBOL";
  return {
    name: "tick",
    usage,
    summary: "the latest tick of a subscribed symbol as a one-row DataFrame",
    help: "Shows the last tick received for the symbol, with vn.py's TickData columns.\nEngine API: engine.getTick(vtSymbol).",
    run: (args) => {
      const parsed = parseOrUsage(usage, args, { positional: ["VT_SYMBOL"] });
      const vtSymbol = usageOnError(usage, () => readVtSymbol(parsed.positional[0]));
      const latest = engine.getTick(vtSymbol);
      if (!latest) {
        throw new TradingError("BAD_REQUEST", `no tick for ${vtSymbol} yet: run %subscribe ${vtSymbol} and wait for the first tick`);
      }
      return ticksFrame([latest]);
    },
    complete: (args) => completeSymbol(engine, lastToken(args).prefix),
  };
}

function chart(engine: MainEngine): MagicDefinition {
  const usage = "%chart VT_SYMBOL [window=N] [fps=N]  |  %chart stop [VT_SYMBOL]";
  return {
    name: "chart",
    usage,
    summary: "a live chart of last price and best bid/ask that keeps updating; %chart stop ends it",
    help:
      `Subscribes the symbol and draws its last ${DEFAULT_CHART_WINDOW} ticks (window=N), redrawn at most ` +
      `${DEFAULT_CHART_FPS} times a second (fps=N) whatever the tick rate; it keeps moving after the cell has finished. ` +
      "%chart stop ends every live chart, %chart stop VT_SYMBOL those of one symbol.\n" +
      "Engine API: openTickChart(engine.events, vtSymbol, { window, fps }) after engine.subscribe(vtSymbol); " +
      "chart.stop() or stopTickCharts(vtSymbol?).",
    run: (args, ctx) => {
      const parsed = parseOrUsage(usage, args, { positional: ["VT_SYMBOL|stop", "VT_SYMBOL"], required: 1, options: ["window", "fps"] });
      if (parsed.positional[0].toLowerCase() === "stop") {
        const vtSymbol = parsed.positional[1] && usageOnError(usage, () => readVtSymbol(parsed.positional[1]));
        const stopped = stopTickCharts(vtSymbol || undefined);
        printLine(ctx, stopped.length ? `stopped ${stopped.length} chart(s): ${stopped.map((c) => c.vtSymbol).join(", ")}` : "no live chart to stop");
        return undefined;
      }
      const options = usageOnError(usage, () => {
        if (parsed.positional[1]) throw new ArgumentError(parsed.positional[1], "unexpected argument (expected VT_SYMBOL [window=N] [fps=N])");
        return {
          vtSymbol: readVtSymbol(parsed.positional[0]),
          window: parsed.options.window === undefined ? undefined : readPositiveInteger(parsed.options.window, "window", 100_000),
          fps: parsed.options.fps === undefined ? undefined : readFps(parsed.options.fps),
        };
      });
      engine.subscribe(options.vtSymbol);
      return openTickChart(engine.events, options.vtSymbol, { window: options.window, fps: options.fps });
    },
    complete: (args) => {
      const { prefix, index } = lastToken(args);
      if (index === 0) return [..."stop".startsWith(prefix) ? ["stop"] : [], ...completeSymbol(engine, prefix)];
      return args.trimStart().startsWith("stop") ? completeSymbol(engine, prefix) : completeOptions(prefix, { window: [], fps: [] });
    },
  };
}

function readFps(token: string): number {
  const fps = readNumber(token, "fps");
  if (!(fps > 0 && fps <= 30)) throw new ArgumentError(token, "fps must be more than 0 and at most 30 redraws a second");
  return fps;
}

function history(engine: MainEngine): MagicDefinition {
  const usage = "%history VT_SYMBOL INTERVAL START [END]";
  return {
    name: "history",
    usage,
    summary: "bars from the gateway that owns the symbol, as a DataFrame with a candlestick chart",
    help:
      `INTERVAL is one of ${HISTORY_INTERVALS.join(", ")} (vn.py's values; 1d and 1w also work). START and END are dates like 2025-01-02 or ` +
      "2025-01-02T09:30, read as China time (add Z for UTC); END defaults to now. A progress line updates while a " +
      "long pull runs. Only gateways that serve history (SIM, IB, MT5) can answer.\n" +
      "Engine API: await engine.queryHistory(vtSymbol, interval, start, end, progress), barsFrame(bars), candlestickChart(bars).",
    run: async (args) => {
      const parsed = parseOrUsage(usage, args, { positional: ["VT_SYMBOL", "INTERVAL", "START", "END"], required: 3 });
      const request = usageOnError(usage, () => ({
        vtSymbol: readVtSymbol(parsed.positional[0]),
        interval: INTERVAL_ALIASES[parsed.positional[1].toLowerCase()] ?? readChoice(parsed.positional[1], HISTORY_INTERVALS, "INTERVAL"),
        start: readDate(parsed.positional[2], "START"),
        end: parsed.positional[3] === undefined ? new Date() : readDate(parsed.positional[3], "END"),
      }));
      const progress = new ProgressDisplay(`history ${request.vtSymbol} ${request.interval}`);
      const report: HistoryProgress = (done, total, message) => progress.update(done, total, message);
      try {
        const bars = await engine.queryHistory(request.vtSymbol, request.interval, request.start, request.end, report);
        progress.finish(`${bars.length} bars`);
        if (bars.length > 0) publishDisplay(candlestickBundle(bars));
        return barsFrame(bars);
      } catch (error) {
        progress.finish("failed");
        throw error;
      }
    },
    complete: symbolThenOptions(engine),
  };
}
