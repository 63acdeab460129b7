// What the catalogue knows about a gateway: the seed document's facts plus vn.py's settings, as data.
import type { Exchange, Product } from "../core/constant";
import type { GatewayFactory } from "../core/gateway";

export type OperatingSystem = "Windows" | "Ubuntu" | "Mac";

/** How the counter keeps positions (the seed's 持仓方向). */
export type PositionMode =
  | "two-way" // long and short held separately (双向持仓)
  | "one-way" // one net position per instrument (单向持仓)
  | "mixed" // stocks one-way, options two-way
  | "none"; // interbank quoting: no positions

/** One field of connect_<name>.json, in vn.py's order, with its vn.py key. */
export interface SettingField {
  /** The key exactly as vn.py writes it, e.g. "用户名". */
  readonly key: string;
  /** English meaning, shown in %gateways and error messages. */
  readonly label: string;
  /** Default value; its type is the field's type (vn.py's rule). */
  readonly default: string | number | boolean;
  /** For a combo box: the choices, first is the default (vn.py stores the chosen string). */
  readonly choices?: readonly string[];
  /** Passwords and auth codes: masked in every output, asked for on stdin when missing. */
  readonly secret?: boolean;
  /** Needed to log in: an empty value is refused with a message naming the field. */
  readonly required?: boolean;
  /**
   * Documented in the seed (vn.py 2.x) but no longer read by current vn.py (e.g. SEC's single 密码, UFT's
   * 委托类型): kept so older connect_<name>.json files round-trip; never prompted for, never required.
   */
  readonly legacy?: boolean;
}

export interface GatewayInfo {
  /** vn.py's default_name, e.g. "CTP"; also the settings file name (connect_ctp.json). */
  readonly name: string;
  readonly displayName: string;
  /** The Chinese name in vn.py's documents, e.g. "CTP测试". */
  readonly displayNameZh: string;
  /** What it trades, in the seed's words (English), e.g. ["futures", "futures options"]. */
  readonly assetClasses: readonly string[];
  readonly products: readonly Product[];
  readonly operatingSystems: readonly OperatingSystem[];
  readonly positionMode: PositionMode;
  /** Whether the gateway serves history bars (only IB, MT5 and SIM here). */
  readonly history: boolean;
  readonly settings: readonly SettingField[];
  readonly exchanges: readonly Exchange[];
  /** How to get an account, from the seed (English). */
  readonly account: string;
  /**
   * Gateways in the same group export the same native API symbols, so only one may be loaded per process
   * (CTP, CTPTEST, ROHON; MINI, MINITEST): the second one would silently use the first one's library.
   */
  readonly exclusiveGroup?: string;
  /** Loads the adapter; absent while the adapter is not built yet (connecting then says so plainly). */
  readonly load?: () => Promise<GatewayFactory>;
}
