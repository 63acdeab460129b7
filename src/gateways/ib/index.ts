// The IB gateway's public face: the factory the adapter table loads, and the pieces notebooks and tests use.
import type { GatewayFactory } from "../../core/gateway";
import { IbGateway, type IbGatewayOptions } from "./gateway";

export const createIbGateway: GatewayFactory = (events, name) => new IbGateway(events, name);

/** A factory with options (a settings folder, a simulated clock, faster reconnects), for tests and benchmarks. */
export function createIbGatewayWith(options: IbGatewayOptions): GatewayFactory {
  return (events, name) => new IbGateway(events, name, options);
}

export { IbGateway, type IbGatewayOptions } from "./gateway";
export { SimulatedClock, systemClock, minimumPullSeconds, IB_PACING, PacingGovernor, type Clock } from "./history/pacing";
export { IB_DEFAULT_SETTING } from "./setting";
