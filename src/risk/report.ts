// What %risk shows: one row per gateway and rule with its limit and today's figure, plus the confirmation
// setting and the kill switch, as plain rows (the magic turns them into a DataFrame).
import { isLiveGateway } from "./confirm";
import type { RiskGuard } from "./guard";
import { formatAmount } from "./rules";
import { RULE_NAMES, type RiskPolicy, type RuleName } from "./settings";

export interface RiskRow {
  readonly gateway: string;
  readonly rule: string;
  readonly enabled: boolean;
  /** Not "limit": a polars column named like a DataFrame method (limit, head, sort) breaks its display. */
  readonly limits: string;
  /** Today's counter or the current value the rule compares with; empty when the rule counts nothing. */
  readonly today: string;
}

/** Rows for each named gateway (the defaults as "*" when none is added). Throws if the settings are invalid. */
export function riskRows(guard: RiskGuard, gatewayNames: readonly string[]): RiskRow[] {
  const names = gatewayNames.length ? gatewayNames : ["*"];
  const rows: RiskRow[] = [];
  for (const gateway of names) {
    const policy = guard.policy(gateway === "*" ? "" : gateway);
    for (const rule of RULE_NAMES) {
      rows.push({ gateway, rule, enabled: policy.rules[rule].enabled, limits: describeLimit(rule, policy), today: current(rule, guard, gateway) });
    }
    rows.push(confirmRow(gateway, policy));
    rows.push({ gateway, rule: "refused_today", enabled: true, limits: "", today: String(guard.countersOf(gateway).today(Date.now()).refused) });
  }
  rows.push({
    gateway: "*", rule: "kill_switch", enabled: true, limits: "%kill locks, %unlock releases",
    today: guard.locked ? "LOCKED: orders refused" : "unlocked",
  });
  return rows;
}

function describeLimit(rule: RuleName, { rules }: RiskPolicy): string {
  switch (rule) {
    case "max_order_volume": return `${rules.max_order_volume.limit} lots per order`;
    case "max_order_notional": return `${formatAmount(rules.max_order_notional.limit)} per order`;
    case "price_band": {
      const band = rules.price_band;
      const parts = [band.percent === null ? "" : `${band.percent}%`, band.ticks === null ? "" : `${band.ticks} ticks`].filter(Boolean);
      return `${parts.join(" or ") || "no band"} from last; tick age <= ${band.max_tick_age_seconds} s (live)`;
    }
    case "order_rate": return `${rules.order_rate.per_second}/s, ${rules.order_rate.per_minute}/min`;
    case "cancel_rate": return `${rules.cancel_rate.per_second}/s, ${rules.cancel_rate.per_minute}/min`;
    case "max_active_orders": return `${rules.max_active_orders.limit} orders`;
    case "position_limit": {
      const special = Object.entries(rules.position_limit.symbols).map(([symbol, lots]) => `${symbol} ${lots}`);
      return `${rules.position_limit.limit} net lots per symbol${special.length ? ` (${special.join(", ")})` : ""}`;
    }
    case "daily_order_count": return `${rules.daily_order_count.limit} orders per day`;
  }
}

function current(rule: RuleName, guard: RiskGuard, gateway: string): string {
  const now = Date.now();
  const counters = guard.countersOf(gateway);
  switch (rule) {
    case "order_rate": return `${counters.orders.lastSecond(now)} last s, ${counters.orders.lastMinute(now)} last min`;
    case "cancel_rate": return `${counters.cancels.lastSecond(now)} last s, ${counters.cancels.lastMinute(now)} last min`;
    case "max_active_orders": return `${guard.activeOrders(gateway)} active`;
    case "daily_order_count": return `${counters.today(now).orders} sent today`;
    case "position_limit": return largestPosition(guard, gateway);
    default: return "";
  }
}

/** The symbol with the largest net position on the gateway, e.g. "rb2601.SHFE 3 long". */
function largestPosition(guard: RiskGuard, gateway: string): string {
  let largest = { symbol: "", net: 0 };
  for (const symbol of guard.heldSymbols(gateway)) {
    const net = guard.netPosition(symbol);
    if (Math.abs(net) > Math.abs(largest.net)) largest = { symbol, net };
  }
  return largest.net === 0 ? "flat" : `${largest.symbol} ${Math.abs(largest.net)} ${largest.net > 0 ? "long" : "short"}`;
}

function confirmRow(gateway: string, { confirm }: RiskPolicy): RiskRow {
  const live = gateway === "*" || isLiveGateway(gateway);
  const limits = confirm.mode === "above_threshold" ? `above notional ${formatAmount(confirm.notional_threshold)}` : confirm.mode;
  return { gateway, rule: "confirm", enabled: live && confirm.mode !== "never", limits, today: live ? "live gateway: asks y/N" : "simulated: never asks" };
}
