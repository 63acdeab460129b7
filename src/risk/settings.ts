// The risk settings: `.vntrader/risk_setting.json`, its defaults, and how it is read and checked. Every rule
// is on with the defaults below for every gateway; a user turns one off or changes a limit explicitly, by name.
//
// Schema (every key optional; what is absent keeps its default; an unknown key or a wrong type makes the file
// invalid, and an invalid file refuses every order until it is fixed, rather than trading unguarded):
//
//   {
//     "rules": {
//       "max_order_volume":   {"enabled": true, "limit": 20},            lots per order
//       "max_order_notional": {"enabled": true, "limit": 5000000},       price x volume x contract size
//       "price_band":         {"enabled": true, "percent": 5, "ticks": null, "max_tick_age_seconds": 60},
//                             a limit price further than percent % OR ticks price ticks from the last price (mid
//                             of best bid/ask when there is no last) is refused; null turns that half off. On live
//                             gateways an order with no tick younger than max_tick_age_seconds is refused.
//       "order_rate":         {"enabled": true, "per_second": 10, "per_minute": 100},   orders sent
//       "cancel_rate":        {"enabled": true, "per_second": 10, "per_minute": 100},   cancels requested
//       "max_active_orders":  {"enabled": true, "limit": 50},            orders not yet filled or cancelled
//       "position_limit":     {"enabled": true, "limit": 100, "symbols": {"rb2601.SHFE": 10}},
//                             net lots per symbol after the order fills (long - short); "symbols" overrides it
//       "daily_order_count":  {"enabled": true, "limit": 1000}           orders sent today (local date)
//     },
//     "confirm": {"mode": "above_threshold", "notional_threshold": 1000000},
//                             live gateways only: ask y/N before sending; mode is always | above_threshold | never
//     "gateways": {"CTP": {"rules": {"price_band": {"percent": 2}}, "confirm": {"mode": "always"}}}
//                             per-gateway overrides of the keys above, merged over the top-level ones
//   }
//
// Limits are inclusive maximums (a volume equal to max_order_volume passes); counters are per gateway.
import { TradingError } from "../core/errors";
import type { JsonObject, SettingsStore } from "../settings";

export const RISK_SETTING_FILE = "risk_setting.json";

export type ConfirmMode = "always" | "above_threshold" | "never";
const CONFIRM_MODES: readonly ConfirmMode[] = ["always", "above_threshold", "never"];

export interface RuleSettings {
  readonly max_order_volume: { readonly enabled: boolean; readonly limit: number };
  readonly max_order_notional: { readonly enabled: boolean; readonly limit: number };
  readonly price_band: {
    readonly enabled: boolean; readonly percent: number | null; readonly ticks: number | null;
    readonly max_tick_age_seconds: number;
  };
  readonly order_rate: { readonly enabled: boolean; readonly per_second: number; readonly per_minute: number };
  readonly cancel_rate: { readonly enabled: boolean; readonly per_second: number; readonly per_minute: number };
  readonly max_active_orders: { readonly enabled: boolean; readonly limit: number };
  readonly position_limit: {
    readonly enabled: boolean; readonly limit: number; readonly symbols: Readonly<Record<string, number>>;
  };
  readonly daily_order_count: { readonly enabled: boolean; readonly limit: number };
}

export type RuleName = keyof RuleSettings;

export interface ConfirmSettings {
  readonly mode: ConfirmMode;
  readonly notional_threshold: number;
}

/** The settings in force for one gateway: the file's top level with that gateway's overrides merged in. */
export interface RiskPolicy {
  readonly rules: RuleSettings;
  readonly confirm: ConfirmSettings;
}

export const DEFAULT_POLICY: RiskPolicy = Object.freeze<RiskPolicy>({
  rules: {
    max_order_volume: { enabled: true, limit: 20 },
    max_order_notional: { enabled: true, limit: 5_000_000 },
    price_band: { enabled: true, percent: 5, ticks: null, max_tick_age_seconds: 60 },
    order_rate: { enabled: true, per_second: 10, per_minute: 100 },
    cancel_rate: { enabled: true, per_second: 10, per_minute: 100 },
    max_active_orders: { enabled: true, limit: 50 },
    position_limit: { enabled: true, limit: 100, symbols: {} },
    daily_order_count: { enabled: true, limit: 1000 },
  },
  confirm: { mode: "above_threshold", notional_threshold: 1_000_000 },
});

export const RULE_NAMES = Object.keys(DEFAULT_POLICY.rules) as RuleName[];

/** How each field of a rule is checked: a positive number, a positive number or null, or a symbol -> lots map. */
type FieldKind = "positive" | "positive_or_null" | "symbol_limits";

const RULE_FIELDS: { readonly [R in RuleName]: Readonly<Record<string, FieldKind>> } = {
  max_order_volume: { limit: "positive" },
  max_order_notional: { limit: "positive" },
  price_band: { percent: "positive_or_null", ticks: "positive_or_null", max_tick_age_seconds: "positive" },
  order_rate: { per_second: "positive", per_minute: "positive" },
  cancel_rate: { per_second: "positive", per_minute: "positive" },
  max_active_orders: { limit: "positive" },
  position_limit: { limit: "positive", symbols: "symbol_limits" },
  daily_order_count: { limit: "positive" },
};

/** The parsed file: the top-level policy and each gateway's, resolved once per load. */
export class RiskSettings {
  private readonly perGateway = new Map<string, RiskPolicy>();

  constructor(
    private readonly raw: JsonObject,
    readonly base: RiskPolicy,
  ) {}

  /** The policy for a gateway (by its added name, case-insensitive). */
  policyFor(gatewayName: string): RiskPolicy {
    const key = gatewayName.toUpperCase();
    let policy = this.perGateway.get(key);
    if (!policy) {
      const overrides = gatewayOverrides(this.raw)[key];
      policy = overrides ? mergePolicy(this.base, overrides, `gateways.${key}`) : this.base;
      this.perGateway.set(key, policy);
    }
    return policy;
  }

  /** Gateway names that have overrides in the file. */
  get overriddenGateways(): string[] {
    return Object.keys(gatewayOverrides(this.raw));
  }
}

/** Reads and checks the file; a missing file means the defaults. Throws a TradingError naming the file. */
export function loadRiskSettings(store: SettingsStore): RiskSettings {
  const path = store.path(RISK_SETTING_FILE);
  try {
    const raw = store.load(RISK_SETTING_FILE);
    checkKeys(raw, ["rules", "confirm", "gateways"], "the top level");
    const settings = new RiskSettings(raw, mergePolicy(DEFAULT_POLICY, raw, ""));
    for (const name of settings.overriddenGateways) settings.policyFor(name); // check every section now
    return settings;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TradingError(
      "RISK_REFUSED",
      `refused: the risk settings ${path} cannot be used (${reason}); no order is sent until it is fixed or deleted (risk settings)`,
    );
  }
}

/** Merges a `{rules, confirm}` section over a policy, checking every key and value. */
function mergePolicy(base: RiskPolicy, section: JsonObject, where: string): RiskPolicy {
  const at = (key: string): string => (where ? `${where}.${key}` : key);
  if (where) checkKeys(section, ["rules", "confirm"], where);
  const rulesSection = objectAt(section, "rules", at("rules"));
  checkKeys(rulesSection, RULE_NAMES, at("rules"));
  const rules: Record<string, unknown> = {};
  for (const name of RULE_NAMES) {
    rules[name] = mergeRule(name, base.rules[name], objectAt(rulesSection, name, at(`rules.${name}`)), at(`rules.${name}`));
  }
  return { rules: rules as unknown as RuleSettings, confirm: mergeConfirm(base.confirm, objectAt(section, "confirm", at("confirm")), at("confirm")) };
}

function mergeRule<R extends RuleName>(name: R, base: RuleSettings[R], section: JsonObject, where: string): RuleSettings[R] {
  const fields = RULE_FIELDS[name];
  checkKeys(section, ["enabled", ...Object.keys(fields)], where);
  const merged: Record<string, unknown> = { ...base };
  if ("enabled" in section) {
    if (typeof section.enabled !== "boolean") throw new Error(`${where}.enabled must be true or false`);
    merged.enabled = section.enabled;
  }
  for (const [field, kind] of Object.entries(fields)) {
    if (field in section) merged[field] = checkField(section[field], kind, `${where}.${field}`);
  }
  return merged as RuleSettings[R];
}

function mergeConfirm(base: ConfirmSettings, section: JsonObject, where: string): ConfirmSettings {
  checkKeys(section, ["mode", "notional_threshold"], where);
  const mode = section.mode ?? base.mode;
  if (!CONFIRM_MODES.includes(mode as ConfirmMode)) {
    throw new Error(`${where}.mode is ${JSON.stringify(mode)}; use one of ${CONFIRM_MODES.join(", ")}`);
  }
  const threshold = "notional_threshold" in section
    ? checkField(section.notional_threshold, "positive", `${where}.notional_threshold`) as number
    : base.notional_threshold;
  return { mode: mode as ConfirmMode, notional_threshold: threshold };
}

function checkField(value: unknown, kind: FieldKind, where: string): unknown {
  if (kind === "positive_or_null" && value === null) return null;
  if (kind === "symbol_limits") {
    if (!isObject(value)) throw new Error(`${where} must be an object of vt_symbol -> lots`);
    for (const [symbol, lots] of Object.entries(value)) checkField(lots, "positive", `${where}.${symbol}`);
    return { ...value };
  }
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    const nullable = kind === "positive_or_null" ? " or null (off)" : "";
    throw new Error(`${where} must be a positive number${nullable}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function gatewayOverrides(raw: JsonObject): Record<string, JsonObject> {
  const section = objectAt(raw, "gateways", "gateways");
  const byName: Record<string, JsonObject> = {};
  for (const name of Object.keys(section)) byName[name.toUpperCase()] = objectAt(section, name, `gateways.${name}`);
  return byName;
}

function objectAt(parent: JsonObject, key: string, where: string): JsonObject {
  const value = parent[key];
  if (value === undefined) return {};
  if (!isObject(value)) throw new Error(`${where} must be an object ({...})`);
  return value;
}

function checkKeys(section: JsonObject, known: readonly string[], where: string): void {
  for (const key of Object.keys(section)) {
    if (!known.includes(key)) throw new Error(`unknown key "${key}" in ${where}; known keys: ${known.join(", ")}`);
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
