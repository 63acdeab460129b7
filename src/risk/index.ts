// The trading-safety layer's public face: the guard the engine installs, the settings schema and the rows
// %risk shows.
export { RiskGuard, RiskRefusal, type RiskHost } from "./guard";
export { isLiveGateway, SIMULATED_GATEWAYS } from "./confirm";
export { DEFAULT_POLICY, RISK_SETTING_FILE, RULE_NAMES, type RiskPolicy, type RuleName, type ConfirmMode } from "./settings";
export { riskRows, type RiskRow } from "./report";
export type { AuditEntry } from "./audit";
