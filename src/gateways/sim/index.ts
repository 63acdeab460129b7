// SIM, the embedded simulated exchange: the gateway factory the catalogue loads, and the class for tests.
import type { GatewayFactory } from "../../core/gateway";
import { SimGateway } from "./gateway";

export const createSimGateway: GatewayFactory = (events, name) => new SimGateway(events, name);

export { SimGateway, type SimOptions } from "./gateway";
export type { AccountFigures, YesterdayPosition } from "./account";
export { SIM_DEFAULT_SETTING } from "./settings";
