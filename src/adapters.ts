// Which catalogue gateways have an adapter in this build, and how to load each (lazily, so a notebook that
// uses SIM never loads koffi or a broker library). A gateway absent here says so plainly when connected.
import type { GatewayFactory } from "./core/gateway";

export type AdapterLoader = () => Promise<GatewayFactory>;

export const ADAPTERS: Readonly<Record<string, AdapterLoader>> = {
  SIM: async () => (await import("./gateways/sim")).createSimGateway,
};
