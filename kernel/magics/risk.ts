// The trading-safety magics: %kill (cancel everything, block new orders), %unlock, and %risk (the rules,
// their limits and today's counters as a DataFrame). They call engine.kill/unlock and engine.risk only.
import pl from "nodejs-polars";
import type { MainEngine } from "../../src/engine";
import { riskRows } from "../../src/risk";
import { MagicUsageError, type MagicDefinition } from "./registry";
import { completeGateway, lastToken, printLine } from "./trading-common";

export function riskMagics(engine: MainEngine): MagicDefinition[] {
  return [kill(engine), unlock(engine), risk(engine)];
}

function kill(engine: MainEngine): MagicDefinition {
  const usage = "%kill";
  return {
    name: "kill",
    usage,
    summary: "kill switch: cancel every active order on every gateway and refuse new orders until %unlock",
    help:
      "%kill locks trading at once (every new order is refused with TRADING_LOCKED), then asks every connected " +
      "gateway to cancel each active order. It prints the orders it asked to cancel; %orders shows them go to " +
      "CANCELLED. %unlock releases the lock.\nEngine API: await engine.kill() (returns the vt_orderids), engine.unlock().",
    run: async (args, ctx) => {
      noArguments(usage, args);
      const cancelled = await engine.kill();
      const which = cancelled.length ? `: ${cancelled.join(", ")}` : "";
      printLine(ctx, `kill switch ON: trading locked; asked to cancel ${cancelled.length} active order(s)${which}. %unlock to trade again.`);
      return undefined;
    },
  };
}

function unlock(engine: MainEngine): MagicDefinition {
  const usage = "%unlock";
  return {
    name: "unlock",
    usage,
    summary: "release the kill switch: orders are accepted again",
    help: "%unlock undoes %kill; orders pass the risk rules again. Cancelled orders stay cancelled.\nEngine API: engine.unlock().",
    run: (args, ctx) => {
      noArguments(usage, args);
      const wasLocked = engine.risk.locked;
      engine.unlock();
      printLine(ctx, wasLocked ? "kill switch OFF: orders are accepted again." : "trading was not locked; nothing changed.");
      return undefined;
    },
  };
}

function risk(engine: MainEngine): MagicDefinition {
  const usage = "%risk [GATEWAY ...]";
  return {
    name: "risk",
    usage,
    summary: "the risk rules, their limits and today's counters, per gateway, as a table",
    help:
      "%risk shows every risk rule for each added gateway (or the defaults when none is): whether it is on, its " +
      "limit and today's figure, plus the confirmation mode and the kill switch. Limits come from " +
      ".vntrader/risk_setting.json; turn a rule off by name, e.g. {\"rules\": {\"price_band\": {\"enabled\": false}}}, " +
      "or per gateway under \"gateways\".\nEngine API: engine.risk (policy(gateway), countersOf(gateway), " +
      "file.update({...}), locked).",
    run: (args) => {
      const names = args.trim() ? args.trim().split(/\s+/).map((name) => gatewayName(engine, usage, name)) : [];
      const gateways = names.length ? names : engine.getAllGateways().map((gateway) => gateway.name);
      const rows = riskRows(engine.risk, gateways);
      return pl.DataFrame({
        gateway: rows.map((row) => row.gateway),
        rule: rows.map((row) => row.rule),
        enabled: rows.map((row) => row.enabled),
        limits: rows.map((row) => row.limits),
        today: rows.map((row) => row.today),
      });
    },
    complete: (args) => completeGateway(lastToken(args).prefix),
  };
}

function gatewayName(engine: MainEngine, usage: string, name: string): string {
  const gateway = engine.getGateway(name);
  if (gateway) return gateway.name;
  const added = engine.getAllGateways().map((g) => g.name.toLowerCase()).join(", ") || "none yet";
  throw new MagicUsageError(usage, `no gateway "${name}" is added (added: ${added})`);
}

function noArguments(usage: string, args: string): void {
  if (args.trim()) throw new MagicUsageError(usage, `${usage} takes no arguments, got "${args.trim()}"`);
}
