// The MT5 gateway's public face: the factory the engine's adapter table loads, and the gateway class for
// its MT5-only history method (every timeframe M1 .. MN1).
export { createMt5Gateway, Mt5Gateway, SETTING_KEYS, type Mt5GatewayOptions } from "./gateway";
export type { Mt5Bar } from "./history";
export { TIMEFRAMES, isMt5Interval, type Mt5Interval } from "./timeframes";
export { TIMEZONE_SETTING } from "./timezone";
