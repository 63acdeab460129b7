// Order and book magics: %buy, %sell, %short, %cover, %cancel, %orders, %trades, %positions, %account. The
// order magics read VT_SYMBOL VOLUME [@PRICE] [type=...] and call the engine's buy/sell/short/cover.
import { OrderType } from "../../src/core/constant";
import type { MainEngine } from "../../src/engine";
import { accountsFrame, ordersFrame, positionsFrame, tradesFrame } from "../../src/frame/dataframe";
import { ArgumentError, readChoice, readNumber, readVtSymbol } from "./parse";
import {
  lastToken, parseOrUsage, printLine, symbolThenOptions, usageOnError, type MagicDefinition,
} from "./trading-common";

const ORDER_TYPES = [OrderType.LIMIT, OrderType.MARKET, OrderType.FAK, OrderType.FOK] as const;

type Side = "buy" | "sell" | "short" | "cover";

const SIDES: ReadonlyArray<{ side: Side; meaning: string }> = [
  { side: "buy", meaning: "buy to open a long position" },
  { side: "sell", meaning: "sell to close a long position (SHFE/INE closes are split into today and yesterday)" },
  { side: "short", meaning: "sell to open a short position" },
  { side: "cover", meaning: "buy to close a short position (SHFE/INE closes are split into today and yesterday)" },
];

export function orderMagics(engine: MainEngine): MagicDefinition[] {
  return [...SIDES.map(({ side, meaning }) => orderMagic(engine, side, meaning)), cancel(engine), ...bookMagics(engine)];
}

function orderMagic(engine: MainEngine, side: Side, meaning: string): MagicDefinition {
  const usage = `%${side} VT_SYMBOL VOLUME [@PRICE] [type=LIMIT|MARKET|FAK|FOK]`;
  return {
    name: side,
    usage,
    summary: `${meaning}; returns the vt_orderid`,
    help:
      `%${side} rb2505.SHFE 1 @3500 sends a LIMIT order at 3500; without @PRICE the order is MARKET. type=FAK or FOK ` +
      "need a price. Every order is checked (symbol, volume, price tick, risk rules) before anything is sent. Returns " +
      "the vt_orderid, or the list of them when a close was split into close-today and close-yesterday.\n" +
      `Engine API: await engine.${side}(vtSymbol, volume, price?, type?) (returns the list of vt_orderids).`,
    run: async (args) => {
      const parsed = parseOrUsage(usage, args, { positional: ["VT_SYMBOL", "VOLUME"], options: ["type"], price: true });
      const order = usageOnError(usage, () => {
        const price = parsed.price === undefined ? undefined : readNumber(parsed.price, "@PRICE");
        const type = parsed.options.type === undefined ? undefined : readChoice(parsed.options.type, ORDER_TYPES, "type");
        if (type === OrderType.MARKET && price !== undefined) {
          throw new ArgumentError(`@${parsed.price}`, "a MARKET order takes no price; drop @PRICE or use type=LIMIT");
        }
        return { vtSymbol: readVtSymbol(parsed.positional[0]), volume: readNumber(parsed.positional[1], "VOLUME"), price, type };
      });
      const ids = await engine[side](order.vtSymbol, order.volume, order.price, order.type);
      return ids.length === 1 ? ids[0] : ids;
    },
    complete: symbolThenOptions(engine, { type: ORDER_TYPES }),
  };
}

function cancel(engine: MainEngine): MagicDefinition {
  const usage = "%cancel VT_ORDERID|all";
  return {
    name: "cancel",
    usage,
    summary: "cancel one active order, or all of them",
    help:
      "%cancel SIM.3 asks the counter to cancel that order; %cancel all cancels every active order on every " +
      "connected gateway. The order's status changes when the counter confirms (see %orders).\n" +
      "Engine API: engine.cancelOrder(vtOrderId), engine.cancelAll().",
    run: (args, ctx) => {
      const parsed = parseOrUsage(usage, args, { positional: ["VT_ORDERID"] });
      const target = parsed.positional[0];
      if (target.toLowerCase() === "all") {
        const ids = engine.cancelAll();
        printLine(ctx, ids.length ? `cancelling ${ids.length} order(s): ${ids.join(", ")}` : "no active order to cancel");
        return undefined;
      }
      engine.cancelOrder(target);
      printLine(ctx, `cancelling ${target}`);
      return undefined;
    },
    complete: (args) => {
      const { prefix, index } = lastToken(args);
      if (index > 0) return [];
      const ids = ["all", ...engine.getAllActiveOrders().map((order) => order.vt_orderid)];
      return ids.filter((id) => id.toLowerCase().startsWith(prefix.toLowerCase()));
    },
  };
}

function bookMagics(engine: MainEngine): MagicDefinition[] {
  const table = (name: string, summary: string, api: string, frame: () => unknown): MagicDefinition => ({
    name,
    usage: `%${name}`,
    summary,
    help: `${summary}, with vn.py's columns and the derived ids.\nEngine API: ${api}.`,
    run: (args) => {
      parseOrUsage(`%${name}`, args, { positional: [] });
      return frame();
    },
  });
  return [
    ordersMagic(engine),
    table("trades", "this session's trades as a DataFrame", "engine.getAllTrades()", () => tradesFrame(engine.getAllTrades())),
    table("positions", "positions as a DataFrame", "engine.getAllPositions()", () => positionsFrame(engine.getAllPositions())),
    table("account", "accounts (balance, frozen, available) as a DataFrame", "engine.getAllAccounts()", () =>
      accountsFrame(engine.getAllAccounts()),
    ),
  ];
}

function ordersMagic(engine: MainEngine): MagicDefinition {
  const usage = "%orders [active]";
  return {
    name: "orders",
    usage,
    summary: "this session's orders as a DataFrame; `active` keeps those that can still trade",
    help:
      "Lists orders with vn.py's OrderData columns plus status_msg (why the counter rejected or cancelled) and " +
      "vt_orderid. `%orders active` keeps SUBMITTING, NOTTRADED and PARTTRADED ones.\n" +
      "Engine API: engine.getAllOrders(), engine.getAllActiveOrders().",
    run: (args) => {
      const parsed = parseOrUsage(usage, args, { positional: ["active"], required: 0 });
      const active = parsed.positional[0] !== undefined;
      if (active) usageOnError(usage, () => readChoice(parsed.positional[0], ["active"], "the filter"));
      return ordersFrame(active ? engine.getAllActiveOrders() : engine.getAllOrders());
    },
    complete: (args) => ("active".startsWith(lastToken(args).prefix) ? ["active"] : []),
  };
}

