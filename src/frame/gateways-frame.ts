// The gateway catalogue as a DataFrame (what %gateways shows): what each gateway trades, where it runs,
// whether this build can connect it, and whether it is loaded and connected in this session.
import pl from "nodejs-polars";
import type { GatewayInfo } from "../catalogue";
import type { BaseGateway } from "../core/gateway";

/** The part of the engine the table reads. */
export interface GatewayState {
  readonly catalogue: readonly GatewayInfo[];
  hasAdapter(name: string): boolean;
  getGateway(name: string): BaseGateway | undefined;
}

export function gatewaysFrame(state: GatewayState): pl.DataFrame {
  const rows = state.catalogue;
  const loaded = rows.map((info) => state.getGateway(info.name));
  const text = (name: string, values: string[]) => pl.Series(name, values, pl.Utf8);
  const flag = (name: string, values: boolean[]) => pl.Series(name, values, pl.Bool);
  return pl.DataFrame([
    text("name", rows.map((info) => info.name)),
    text("display_name", rows.map((info) => info.displayName)),
    text("display_name_zh", rows.map((info) => info.displayNameZh)),
    text("asset_classes", rows.map((info) => info.assetClasses.join(", "))),
    text("exchanges", rows.map((info) => info.exchanges.join(", "))),
    text("os", rows.map((info) => info.operatingSystems.join(", "))),
    text("positions", rows.map((info) => info.positionMode)),
    flag("history", rows.map((info) => info.history)),
    flag("available", rows.map((info) => state.hasAdapter(info.name))),
    flag("loaded", loaded.map((gateway) => gateway !== undefined)),
    flag("connected", loaded.map((gateway) => gateway?.isConnected ?? false)),
  ]);
}
