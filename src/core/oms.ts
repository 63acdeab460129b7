// The order-management cache: the latest tick, order, trade, position, account and contract by key, as the
// gateways push them, plus one offset converter per gateway. Getters mirror vn.py's OmsEngine.
import { Direction } from "./constant";
import {
  EVENT_ACCOUNT, EVENT_CONTRACT, EVENT_ORDER, EVENT_POSITION, EVENT_TICK, EVENT_TRADE, type Event,
} from "./event";
import type { EventEngine } from "./event-engine";
import { OffsetConverter } from "./converter";
import {
  isActive,
  type AccountData, type ContractData, type OrderData, type PositionData, type TickData, type TradeData,
} from "./object";

export class OmsEngine {
  private readonly ticks = new Map<string, TickData>();
  private readonly orders = new Map<string, OrderData>();
  private readonly activeOrders = new Map<string, OrderData>();
  private readonly trades = new Map<string, TradeData>();
  private readonly positions = new Map<string, PositionData>();
  private readonly accounts = new Map<string, AccountData>();
  private readonly contracts = new Map<string, ContractData>();
  private readonly converters = new Map<string, OffsetConverter>();

  constructor(events: EventEngine) {
    events.register(EVENT_TICK, (event: Event<typeof EVENT_TICK>) => this.ticks.set(event.data.vt_symbol, event.data));
    events.register(EVENT_ORDER, (event: Event<typeof EVENT_ORDER>) => this.processOrder(event.data));
    events.register(EVENT_TRADE, (event: Event<typeof EVENT_TRADE>) => this.processTrade(event.data));
    events.register(EVENT_POSITION, (event: Event<typeof EVENT_POSITION>) => this.processPosition(event.data));
    events.register(EVENT_ACCOUNT, (event: Event<typeof EVENT_ACCOUNT>) => this.accounts.set(event.data.vt_accountid, event.data));
    events.register(EVENT_CONTRACT, (event: Event<typeof EVENT_CONTRACT>) => this.processContract(event.data));
  }

  getTick(vtSymbol: string): TickData | undefined { return this.ticks.get(vtSymbol); }
  getOrder(vtOrderId: string): OrderData | undefined { return this.orders.get(vtOrderId); }
  getTrade(vtTradeId: string): TradeData | undefined { return this.trades.get(vtTradeId); }
  getPosition(vtPositionId: string): PositionData | undefined { return this.positions.get(vtPositionId); }
  getAccount(vtAccountId: string): AccountData | undefined { return this.accounts.get(vtAccountId); }
  getContract(vtSymbol: string): ContractData | undefined { return this.contracts.get(vtSymbol); }

  getAllTicks(): TickData[] { return [...this.ticks.values()]; }
  getAllOrders(): OrderData[] { return [...this.orders.values()]; }
  getAllActiveOrders(): OrderData[] { return [...this.activeOrders.values()]; }
  getAllTrades(): TradeData[] { return [...this.trades.values()]; }
  getAllPositions(): PositionData[] { return [...this.positions.values()]; }
  getAllAccounts(): AccountData[] { return [...this.accounts.values()]; }
  getAllContracts(): ContractData[] { return [...this.contracts.values()]; }

  /** The position of a symbol held in one direction on the gateway that trades it. */
  getPositionBySymbol(vtSymbol: string, direction: Direction): PositionData | undefined {
    const contract = this.contracts.get(vtSymbol);
    return contract && this.positions.get(`${contract.gateway_name}.${vtSymbol}.${direction}`);
  }

  getConverter(gatewayName: string): OffsetConverter | undefined {
    return this.converters.get(gatewayName);
  }

  /** Forgets what a gateway pushed (on disconnect), so stale orders and positions are not shown as live. */
  clearGateway(gatewayName: string): void {
    for (const map of [this.ticks, this.orders, this.activeOrders, this.trades, this.positions, this.accounts, this.contracts]) {
      for (const [key, value] of map) if ((value as { gateway_name: string }).gateway_name === gatewayName) map.delete(key);
    }
    this.converters.delete(gatewayName);
  }

  private processOrder(order: OrderData): void {
    this.orders.set(order.vt_orderid, order);
    if (isActive(order)) this.activeOrders.set(order.vt_orderid, order);
    else this.activeOrders.delete(order.vt_orderid);
    this.converters.get(order.gateway_name)?.updateOrder(order);
  }

  private processTrade(trade: TradeData): void {
    this.trades.set(trade.vt_tradeid, trade);
    this.converters.get(trade.gateway_name)?.updateTrade(trade);
  }

  private processPosition(position: PositionData): void {
    this.positions.set(position.vt_positionid, position);
    this.converters.get(position.gateway_name)?.updatePosition(position);
  }

  private processContract(contract: ContractData): void {
    this.contracts.set(contract.vt_symbol, contract);
    if (!this.converters.has(contract.gateway_name)) {
      this.converters.set(contract.gateway_name, new OffsetConverter((vtSymbol) => this.contracts.get(vtSymbol)));
    }
  }
}
