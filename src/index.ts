// The public API, and what every notebook cell sees: the `engine` singleton, the constants, the object
// factories and types. `import { engine } from "vntrader-kernel"` gives a script the same engine.
import { MainEngine } from "./engine";

export * from "./core/constant";
export * from "./core/object";
export * from "./core/event";
export { EventEngine } from "./core/event-engine";
export { BaseGateway, type GatewayFactory, type GatewaySetting } from "./core/gateway";
export { TradingError, isTradingError } from "./core/errors";
export type { OrderInput } from "./core/validate";
export { labelOf } from "./core/labels";
export { MainEngine, type OrderGuard, type ContractFilter } from "./engine";
export { SettingsStore, maskSecrets } from "./settings";
export { CATALOGUE, findGateway, type GatewayInfo } from "./catalogue";
export { RiskGuard, RiskRefusal, riskRows, isLiveGateway } from "./risk";
export * from "./frame/dataframe";
export { TickChart, openTickChart, stopTickCharts, liveTickCharts, type TickChartOptions } from "./frame/chart";
export { candlestickFigure, candlestickBundle, candlestickChart } from "./frame/candles";
export { figureBundle, resendPlotlyLoader, type Figure } from "./frame/plotly";
export { gatewaysFrame } from "./frame/gateways-frame";
export { ProgressDisplay } from "./frame/progress";

/** The engine singleton: one per process (a kernel is one process), created on first import. */
export const engine = new MainEngine();
