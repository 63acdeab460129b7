// The risk guard: the engine's OrderGuard that applies the rules of risk_setting.json to every order and
// cancel, asks for confirmation on live gateways, holds the kill-switch lock, keeps today's counters and
// writes the audit trail. Refusals are TradingErrors naming the rule; each is logged as a WARNING.
import { Direction, LogLevel } from "../core/constant";
import { TradingError, type TradingErrorCode } from "../core/errors";
import { EVENT_ORDER, EVENT_TICK, type Event } from "../core/event";
import type { EventEngine } from "../core/event-engine";
import type { BaseGateway } from "../core/gateway";
import { type ContractData, type OrderData, type OrderRequest } from "../core/object";
import type { OmsEngine } from "../core/oms";
import type { Prompter } from "../connect-settings";
import type { SettingsStore } from "../settings";
import { AuditTrail, refusalFields, type AuditEntry } from "./audit";
import { confirmOrder, isLiveGateway, needsConfirmation } from "./confirm";
import { GatewayCounters } from "./counters";
import { findCancelRefusal, findRefusal, orderNotional, type OrderFacts } from "./rules";
import { RiskSettingsFile } from "./settings-file";
import type { RiskPolicy, RuleName } from "./settings";

/** What the guard needs from the engine (MainEngine provides all of it). */
export interface RiskHost {
  readonly settings: SettingsStore;
  readonly events: EventEngine;
  readonly oms: OmsEngine;
  writeLog(msg: string, level?: LogLevel, source?: string): void;
  getPrompter(): Prompter | undefined;
}

/** A refusal by a risk rule: a TradingError that also says which rule, for the audit trail and tests. */
export class RiskRefusal extends TradingError {
  constructor(
    readonly rule: RuleName | "confirm" | "kill_switch" | "risk_settings",
    code: TradingErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

export class RiskGuard {
  readonly audit: AuditTrail;
  readonly file: RiskSettingsFile;
  private readonly counters = new Map<string, GatewayCounters>();
  private readonly tickArrivals = new Map<string, number>();
  /** Per gateway, orders sent but not yet seen in the OMS (order events are dispatched a turn later). */
  private readonly unseenOrders = new Map<string, Set<string>>();
  private lockedAt: Date | undefined;

  constructor(private readonly host: RiskHost) {
    this.file = new RiskSettingsFile(host.settings);
    this.audit = new AuditTrail(host.settings, (msg) => host.writeLog(msg, LogLevel.ERROR, "RiskGuard"));
    // Tick age is measured from arrival here, so an exchange clock that differs from ours does not matter.
    host.events.register(EVENT_TICK, (event: Event<typeof EVENT_TICK>) => this.tickArrivals.set(event.data.vt_symbol, Date.now()));
    host.events.register(EVENT_ORDER, (event: Event<typeof EVENT_ORDER>) => this.unseenOrders.get(event.data.gateway_name)?.delete(event.data.vt_orderid));
  }

  // ---- the OrderGuard contract ----------------------------------------------------------------------

  async checkOrder(req: OrderRequest, contract: ContractData, gateway: BaseGateway): Promise<void> {
    this.assertUnlocked();
    const policy = this.policyOrRefuse(gateway.name);
    const facts = this.orderFacts(req, contract, gateway.name);
    const refusal = findRefusal(facts, policy.rules);
    if (refusal) throw this.refuse(gateway.name, refusal.rule, "RISK_REFUSED", refusal.message);
    if (facts.live) await this.confirm(facts, policy);
  }

  orderSent(_req: OrderRequest, vtOrderId: string): void {
    const gatewayName = vtOrderId.slice(0, vtOrderId.indexOf("."));
    let unseen = this.unseenOrders.get(gatewayName);
    if (!unseen) this.unseenOrders.set(gatewayName, (unseen = new Set()));
    unseen.add(vtOrderId);
    this.countersOf(gatewayName).orderSent(Date.now());
  }

  /** Cancels stay allowed while locked (the kill switch relies on them); only the cancel rate applies. */
  checkCancel(order: OrderData): void {
    const now = Date.now();
    const counters = this.countersOf(order.gateway_name);
    const policy = this.policyOrRefuse(order.gateway_name);
    const refusal = findCancelRefusal(counters.cancels.lastSecond(now), counters.cancels.lastMinute(now), policy.rules);
    if (refusal) throw this.refuse(order.gateway_name, refusal.rule, "RISK_REFUSED", refusal.message);
    counters.cancelSent(now);
  }

  // ---- kill switch ----------------------------------------------------------------------------------

  get locked(): boolean {
    return this.lockedAt !== undefined;
  }

  lock(): void {
    this.lockedAt ??= new Date();
    this.host.writeLog("kill switch: trading locked, every active order is being cancelled; engine.unlock() or %unlock resumes", LogLevel.WARNING, "RiskGuard");
  }

  unlock(): void {
    if (!this.lockedAt) return;
    this.lockedAt = undefined;
    this.host.writeLog("kill switch released: orders are accepted again", LogLevel.WARNING, "RiskGuard");
  }

  assertUnlocked(): void {
    if (!this.lockedAt) return;
    const message = `refused: trading is locked by the kill switch since ${this.lockedAt.toISOString()}; run %unlock (or engine.unlock()) to send orders again`;
    this.host.writeLog(message, LogLevel.WARNING, "RiskGuard");
    throw new RiskRefusal("kill_switch", "TRADING_LOCKED", message);
  }

  // ---- audit ----------------------------------------------------------------------------------------

  /** Records an order request's outcome: the vt_orderids it became, or what refused it. */
  auditOrder(input: object | undefined, outcome: readonly string[] | unknown): void {
    const request: Record<string, unknown> = typeof input === "object" && input !== null ? { ...input } : { input: String(input) };
    const vtSymbol = request.vt_symbol;
    const gateway = typeof vtSymbol === "string" ? this.host.oms.getContract(vtSymbol)?.gateway_name : undefined;
    this.auditOutcome({ kind: "order", gateway, request }, outcome);
  }

  /** Records a cancel request's outcome. */
  auditCancel(vtOrderId: string, outcome: readonly string[] | unknown, source?: string): void {
    const gateway = this.host.oms.getOrder(vtOrderId)?.gateway_name;
    this.auditOutcome({ kind: "cancel", gateway, request: { vt_orderid: vtOrderId }, source }, outcome);
  }

  // ---- what %risk shows -----------------------------------------------------------------------------

  /** The policy in force for a gateway; throws a TradingError naming the file when the file is invalid. */
  policy(gatewayName: string): RiskPolicy {
    return this.file.current().policyFor(gatewayName);
  }

  countersOf(gatewayName: string): GatewayCounters {
    let counters = this.counters.get(gatewayName);
    if (!counters) {
      counters = new GatewayCounters();
      this.counters.set(gatewayName, counters);
    }
    return counters;
  }

  activeOrders(gatewayName: string): number {
    let count = 0;
    for (const order of this.host.oms.getAllActiveOrders()) if (order.gateway_name === gatewayName) count += 1;
    return count + (this.unseenOrders.get(gatewayName)?.size ?? 0);
  }

  netPosition(vtSymbol: string): number {
    const oms = this.host.oms;
    const long = oms.getPositionBySymbol(vtSymbol, Direction.LONG)?.volume ?? 0;
    const short = oms.getPositionBySymbol(vtSymbol, Direction.SHORT)?.volume ?? 0;
    return long - short + (oms.getPositionBySymbol(vtSymbol, Direction.NET)?.volume ?? 0);
  }

  /** Symbols the gateway reports positions in. */
  heldSymbols(gatewayName: string): Set<string> {
    const held = new Set<string>();
    for (const position of this.host.oms.getAllPositions()) {
      if (position.gateway_name === gatewayName && position.volume !== 0) held.add(position.vt_symbol);
    }
    return held;
  }

  close(): void {
    this.audit.close();
  }

  // ---- helpers --------------------------------------------------------------------------------------

  private orderFacts(req: OrderRequest, contract: ContractData, gatewayName: string): OrderFacts {
    const now = Date.now();
    const counters = this.countersOf(gatewayName);
    const arrived = this.tickArrivals.get(req.vt_symbol);
    return {
      req, contract, gatewayName,
      live: isLiveGateway(gatewayName),
      tick: this.host.oms.getTick(req.vt_symbol),
      tickAgeMs: arrived === undefined ? undefined : now - arrived,
      netPosition: this.netPosition(req.vt_symbol),
      activeOrders: this.activeOrders(gatewayName),
      ordersLastSecond: counters.orders.lastSecond(now),
      ordersLastMinute: counters.orders.lastMinute(now),
      ordersToday: counters.today(now).orders,
    };
  }

  /** The policy, or a counted and logged refusal when the settings file is invalid (never trade unguarded). */
  private policyOrRefuse(gatewayName: string): RiskPolicy {
    try {
      return this.policy(gatewayName);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw this.refuse(gatewayName, "risk_settings", "RISK_REFUSED", message);
    }
  }

  private async confirm(facts: OrderFacts, policy: RiskPolicy): Promise<void> {
    const notional = orderNotional(facts.req, facts.contract, facts.tick);
    if (!needsConfirmation(policy.confirm, notional)) return;
    const request = { req: facts.req, contract: facts.contract, gatewayName: facts.gatewayName, notional, settings: policy.confirm };
    try {
      await confirmOrder(request, this.host.getPrompter());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw this.refuse(facts.gatewayName, "confirm", "CONFIRMATION_REQUIRED", message);
    }
    this.assertUnlocked(); // the kill switch may have been pulled while the question was open
  }

  private refuse(gatewayName: string, rule: RiskRefusal["rule"], code: TradingErrorCode, message: string): RiskRefusal {
    this.countersOf(gatewayName).refused(Date.now());
    this.host.writeLog(message, LogLevel.WARNING, "RiskGuard");
    return new RiskRefusal(rule, code, message);
  }

  private auditOutcome(entry: Omit<AuditEntry, "outcome">, outcome: readonly string[] | unknown): void {
    if (Array.isArray(outcome) && outcome.every((id) => typeof id === "string")) {
      this.audit.record({ ...entry, outcome: "accepted", vt_orderids: outcome });
    } else {
      this.audit.record({ ...entry, outcome: "refused", ...refusalFields(outcome) });
    }
  }
}
