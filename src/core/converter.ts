// Offset conversion for exchanges that distinguish close-today from close-yesterday (SHFE, INE): tracks
// each symbol's long/short today and yesterday holdings and frozen volumes, and splits a close request.
import { CLOSE_TODAY_EXCHANGES, Direction, Offset } from "./constant";
import { isActive, type ContractData, type OrderData, type OrderRequest, type PositionData, type TradeData } from "./object";

interface Side {
  td: number;
  yd: number;
  tdFrozen: number;
  ydFrozen: number;
}

/** One symbol's holdings: `long` is held long (closed by SHORT orders), `short` is held short. */
export class PositionHolding {
  readonly long: Side = { td: 0, yd: 0, tdFrozen: 0, ydFrozen: 0 };
  readonly short: Side = { td: 0, yd: 0, tdFrozen: 0, ydFrozen: 0 };
  private readonly activeOrders = new Map<string, OrderData>();

  constructor(readonly contract: ContractData) {}

  updatePosition(position: PositionData): void {
    const side = position.direction === Direction.LONG ? this.long : this.short;
    side.yd = position.yd_volume;
    side.td = position.volume - position.yd_volume;
  }

  updateOrder(order: OrderData): void {
    if (isActive(order)) this.activeOrders.set(order.vt_orderid, order);
    else this.activeOrders.delete(order.vt_orderid);
    this.recalculateFrozen();
  }

  updateTrade(trade: TradeData): void {
    // A LONG open adds to the long side; a LONG close reduces the short side, and vice versa.
    const opened = trade.direction === Direction.LONG ? this.long : this.short;
    const closed = trade.direction === Direction.LONG ? this.short : this.long;
    switch (trade.offset) {
      case Offset.OPEN:
        opened.td += trade.volume;
        break;
      case Offset.CLOSETODAY:
        closed.td -= trade.volume;
        break;
      case Offset.CLOSEYESTERDAY:
        closed.yd -= trade.volume;
        break;
      case Offset.CLOSE:
        if (CLOSE_TODAY_EXCHANGES.has(trade.exchange)) {
          closed.yd -= trade.volume;
        } else {
          closed.td -= trade.volume;
          if (closed.td < 0) {
            closed.yd += closed.td;
            closed.td = 0;
          }
        }
        break;
      case Offset.NONE:
        break;
    }
    this.capFrozen();
  }

  /** Volume a close order in `direction` may still close, today and yesterday. */
  available(direction: Direction): { td: number; yd: number } {
    const side = direction === Direction.LONG ? this.short : this.long;
    return { td: Math.max(0, side.td - side.tdFrozen), yd: Math.max(0, side.yd - side.ydFrozen) };
  }

  private recalculateFrozen(): void {
    for (const side of [this.long, this.short]) {
      side.tdFrozen = 0;
      side.ydFrozen = 0;
    }
    for (const order of this.activeOrders.values()) {
      if (order.offset === Offset.OPEN || order.offset === Offset.NONE) continue;
      const side = order.direction === Direction.LONG ? this.short : this.long;
      const frozen = order.volume - order.traded;
      if (order.offset === Offset.CLOSETODAY) side.tdFrozen += frozen;
      else if (order.offset === Offset.CLOSEYESTERDAY) side.ydFrozen += frozen;
      else {
        side.tdFrozen += frozen;
        if (side.tdFrozen > side.td) {
          side.ydFrozen += side.tdFrozen - side.td;
          side.tdFrozen = side.td;
        }
      }
    }
    this.capFrozen();
  }

  private capFrozen(): void {
    for (const side of [this.long, this.short]) {
      side.tdFrozen = Math.min(side.tdFrozen, side.td);
      side.ydFrozen = Math.min(side.ydFrozen, side.yd);
    }
  }
}

/** Per-gateway offset converter: keeps a PositionHolding per vt_symbol for contracts with two-way positions. */
export class OffsetConverter {
  private readonly holdings = new Map<string, PositionHolding>();

  constructor(private readonly contractOf: (vtSymbol: string) => ContractData | undefined) {}

  updatePosition(position: PositionData): void {
    this.holding(position.vt_symbol)?.updatePosition(position);
  }

  updateOrder(order: OrderData): void {
    this.holding(order.vt_symbol)?.updateOrder(order);
  }

  updateTrade(trade: TradeData): void {
    this.holding(trade.vt_symbol)?.updateTrade(trade);
  }

  /** Freezes the volume of a request just sent, before the gateway's first order update arrives. */
  updateOrderRequest(req: OrderRequest, order: OrderData): void {
    this.holding(req.vt_symbol)?.updateOrder(order);
  }

  available(vtSymbol: string, direction: Direction): { td: number; yd: number } | undefined {
    return this.holding(vtSymbol)?.available(direction);
  }

  /**
   * Splits a close on SHFE/INE into close-today then close-yesterday. Returns [] when the request closes
   * more than is available, and the request unchanged everywhere else.
   */
  convert(req: OrderRequest): OrderRequest[] {
    const holding = this.holding(req.vt_symbol);
    if (!holding || req.offset === Offset.OPEN || !CLOSE_TODAY_EXCHANGES.has(req.exchange)) return [req];
    const { td, yd } = holding.available(req.direction);
    if (req.volume > td + yd) return [];
    if (req.volume <= td) return [{ ...req, offset: Offset.CLOSETODAY }];
    const split: OrderRequest[] = [];
    if (td > 0) split.push({ ...req, offset: Offset.CLOSETODAY, volume: td });
    split.push({ ...req, offset: Offset.CLOSEYESTERDAY, volume: req.volume - td });
    return split;
  }

  private holding(vtSymbol: string): PositionHolding | undefined {
    const existing = this.holdings.get(vtSymbol);
    if (existing) return existing;
    const contract = this.contractOf(vtSymbol);
    if (!contract || contract.net_position) return undefined;
    const created = new PositionHolding(contract);
    this.holdings.set(vtSymbol, created);
    return created;
  }
}
