// Gateway magics: %gateways, %connect, %disconnect, %log. Each is a thin parser over one engine call.
import { findGateway } from "../../src/catalogue";
import { EVENT_LOG, type Event } from "../../src/core/event";
import type { LogData } from "../../src/core/object";
import type { MainEngine } from "../../src/engine";
import { chinaTimeText } from "../../src/frame/china-time";
import { logsFrame } from "../../src/frame/dataframe";
import { gatewaysFrame } from "../../src/frame/gateways-frame";
import { readPositiveInteger } from "./parse";
import {
  completeGateway, lastToken, parseOrUsage, printLine, usageOnError, type MagicContext, type MagicDefinition,
} from "./trading-common";

export function gatewayMagics(engine: MainEngine): MagicDefinition[] {
  return [gateways(engine), connect(engine), disconnect(engine), log(engine)];
}

function gateways(engine: MainEngine): MagicDefinition {
  const usage = "%gateways";
  return {
    name: "gateways",
    usage,
    summary: "the gateway catalogue: what each trades, and whether it is available, loaded and connected",
    help:
      "Lists every gateway this product knows (vn.py's gateway document plus SIM) as a DataFrame: exchanges, " +
      "operating systems, position mode, history support, and whether it is available in this build, loaded " +
      "and connected in this session.\nEngine API: engine.catalogue, engine.hasAdapter(name), engine.getGateway(name).",
    run: (args) => {
      parseOrUsage(usage, args, { positional: [] });
      return gatewaysFrame(engine);
    },
  };
}

function connect(engine: MainEngine): MagicDefinition {
  const usage = "%connect NAME [key=value ...]";
  return {
    name: "connect",
    usage,
    summary: "connect a gateway with connect_<name>.json merged with key=value settings",
    help:
      "Connects a gateway (e.g. %connect sim, %connect ctp 用户名=000001). Settings come from .vntrader/connect_<name>.json " +
      "in the working directory (vn.py's file), then the key=value arguments; keys are vn.py's (用户名) or their English " +
      "labels (user_name). A missing password is asked for with a hidden prompt and never shown. The connection's log " +
      "lines appear in the cell as they arrive.\nEngine API: await engine.connect(name, { key: value }).",
    run: async (args, ctx) => {
      const parsed = parseOrUsage(usage, args, { positional: ["NAME"], options: "any" });
      await withLogStream(engine, ctx, () => engine.connect(parsed.positional[0], parsed.options));
      const gateway = engine.getGateway(parsed.positional[0]);
      const contracts = engine.getAllContracts().filter((c) => c.gateway_name === gateway?.name).length;
      printLine(ctx, `${gateway?.name ?? parsed.positional[0].toUpperCase()} connected: ${contracts} contracts`);
      return undefined;
    },
    complete: (args) => {
      const { prefix, index } = lastToken(args);
      if (index === 0) return completeGateway(prefix);
      // Later words are settings: offer the gateway's vn.py keys (secrets are left to the prompt).
      const info = findGateway(args.trimStart().split(/\s+/)[0]);
      const keys = (info?.settings ?? []).filter((field) => !field.secret && !field.legacy).map((field) => `${field.key}=`);
      return keys.filter((key) => key.startsWith(prefix));
    },
  };
}

/** Prints each log line into the cell while `work` runs (and those it queued before finishing). */
async function withLogStream(engine: MainEngine, ctx: MagicContext, work: () => Promise<void>): Promise<void> {
  const handler = (event: Event) => printLine(ctx, formatLog(event.data as LogData));
  engine.events.register(EVENT_LOG, handler);
  try {
    await work();
  } finally {
    await engine.events.whenIdle();
    engine.events.unregister(EVENT_LOG, handler);
  }
}

function formatLog(log: LogData): string {
  return `${chinaTimeText(log.time, "s").slice(11)} ${log.gateway_name}: ${log.msg}`;
}

function disconnect(engine: MainEngine): MagicDefinition {
  const usage = "%disconnect [NAME]";
  return {
    name: "disconnect",
    usage,
    summary: "close one gateway, or all of them",
    help:
      "Logs out and closes a gateway (%disconnect sim), or every gateway when no name is given. Its orders, " +
      "positions and contracts are forgotten.\nEngine API: await engine.disconnect(name?).",
    run: async (args, ctx) => {
      const parsed = parseOrUsage(usage, args, { positional: ["NAME"], required: 0 });
      const names = parsed.positional[0] ? [parsed.positional[0].toUpperCase()] : engine.getAllGateways().map((g) => g.name);
      await engine.disconnect(parsed.positional[0]);
      printLine(ctx, names.length ? `disconnected: ${names.join(", ")}` : "no gateway was connected");
      return undefined;
    },
    complete: (args) => {
      const { prefix, index } = lastToken(args);
      if (index > 0) return [];
      return engine.getAllGateways().map((g) => g.name.toLowerCase()).filter((name) => name.startsWith(prefix.toLowerCase()));
    },
  };
}

function log(engine: MainEngine): MagicDefinition {
  const usage = "%log [N]";
  return {
    name: "log",
    usage,
    summary: "the last N log lines (default 20) as a DataFrame",
    help:
      "Shows the engine's and gateways' recent log lines, oldest first, with vn.py's columns (gateway_name, msg, " +
      "level, time).\nEngine API: engine.getLogs(n).",
    run: (args) => {
      const parsed = parseOrUsage(usage, args, { positional: ["N"], required: 0 });
      const count = parsed.positional[0] ? usageOnError(usage, () => readPositiveInteger(parsed.positional[0], "N")) : 20;
      return logsFrame(engine.getLogs(count));
    },
  };
}
