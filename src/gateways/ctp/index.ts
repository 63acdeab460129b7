// The CTP family's public face: one gateway factory per flavour, for the catalogue's loaders.
import type { GatewayFactory } from "../../core/gateway";
import type { FlavourName } from "./family";
import { createCtpGateway } from "./gateway";

export { CtpGateway } from "./gateway";
export { FLAVOURS, LIBRARY_DIR_ENV, LIBRARY_DIR_KEY, type CtpFlavour, type FlavourName } from "./family";
export { simulatedCounterDir } from "./native";

export const createCtp: GatewayFactory = createCtpGateway("CTP");
export const createCtpTest: GatewayFactory = createCtpGateway("CTPTEST");
export const createMini: GatewayFactory = createCtpGateway("MINI");
export const createMiniTest: GatewayFactory = createCtpGateway("MINITEST");
export const createSopt: GatewayFactory = createCtpGateway("SOPT");
export const createSoptTest: GatewayFactory = createCtpGateway("SOPTTEST");
export const createRohon: GatewayFactory = createCtpGateway("ROHON");
export const createTts: GatewayFactory = createCtpGateway("TTS");

/** Every flavour's factory by its vn.py gateway name. */
export const FACTORIES: Readonly<Record<FlavourName, GatewayFactory>> = {
  CTP: createCtp, CTPTEST: createCtpTest, MINI: createMini, MINITEST: createMiniTest,
  SOPT: createSopt, SOPTTEST: createSoptTest, ROHON: createRohon, TTS: createTts,
};
