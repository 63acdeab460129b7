// The trading magics, all together: gateway, market-data and order magics over one engine. The kernel
// registers them at start-up with the engine singleton; tests build them over their own engine.
import type { MainEngine } from "../../src/engine";
import type { MagicDefinition } from "./trading-common";
import { gatewayMagics } from "./trading-connect";
import { marketMagics } from "./trading-market";
import { orderMagics } from "./trading-orders";

export function tradingMagics(engine: MainEngine): MagicDefinition[] {
  return [...gatewayMagics(engine), ...marketMagics(engine), ...orderMagics(engine)];
}
