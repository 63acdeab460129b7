// Which catalogue gateways have an adapter in this build, and how to load each (lazily, so a notebook that
// uses SIM never loads koffi, a broker library or zeromq). A gateway absent here says so plainly when connected.
import type { GatewayFactory } from "./core/gateway";

export type AdapterLoader = () => Promise<GatewayFactory>;

const ctp = (flavour: "CTP" | "CTPTEST" | "MINI" | "MINITEST" | "SOPT" | "SOPTTEST" | "ROHON" | "TTS"): AdapterLoader =>
  async () => (await import("./gateways/ctp")).FACTORIES[flavour];

export const ADAPTERS: Readonly<Record<string, AdapterLoader>> = {
  SIM: async () => (await import("./gateways/sim")).createSimGateway,
  CTP: ctp("CTP"),
  CTPTEST: ctp("CTPTEST"),
  MINI: ctp("MINI"),
  MINITEST: ctp("MINITEST"),
  SOPT: ctp("SOPT"),
  SOPTTEST: ctp("SOPTTEST"),
  ROHON: ctp("ROHON"),
  TTS: ctp("TTS"),
  IB: async () => (await import("./gateways/ib")).createIbGateway,
  MT5: async () => (await import("./gateways/mt5")).createMt5Gateway,
};
