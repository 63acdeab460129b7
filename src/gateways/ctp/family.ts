// The CTP family: which flavours share this gateway, their libraries, modes, exchanges, and where libraries are found.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { Exchange as X, type Exchange } from "../../core/constant";
import { TradingError } from "../../core/errors";
import type { GatewaySetting } from "../../core/gateway";
import { simulatedCounterDir } from "./native";

export type FlavourName = "CTP" | "CTPTEST" | "MINI" | "MINITEST" | "SOPT" | "SOPTTEST" | "ROHON" | "TTS";

export interface CtpFlavour {
  readonly name: FlavourName;
  /** Library base names as the vendor ships them (lib<name>.so or <name>.so on Linux). */
  readonly traderLibrary: string;
  readonly mdLibrary: string;
  /** bIsProductionMode for the factories; CTP alone reads it from 柜台环境. */
  readonly productionMode: (setting: GatewaySetting) => boolean;
  readonly exchanges: readonly Exchange[];
  /**
   * Whether the vendor's structs are CTP v6.7's (the only layout this kernel has measured facts for). Loading
   * a library with another layout would misread memory, so those flavours are refused with the reason.
   */
  readonly layout: "ctp-6.7" | "own";
  /** Keys beyond the seven CTP keys that this flavour reads. */
  readonly extraKeys: readonly string[];
}

const FUTURES: readonly Exchange[] = [X.CFFEX, X.SHFE, X.CZCE, X.DCE, X.INE, X.GFEX];
const always = (mode: boolean) => () => mode;
const SE = { traderLibrary: "thosttraderapi_se", mdLibrary: "thostmduserapi_se" } as const;

export const FLAVOURS: Readonly<Record<FlavourName, CtpFlavour>> = {
  // vn.py 6.7: 柜台环境 实盘 (production) or 测试 (evaluation); files without the key mean 实盘.
  CTP: { name: "CTP", ...SE, productionMode: (s) => s["柜台环境"] !== "测试", exchanges: FUTURES, layout: "ctp-6.7", extraKeys: ["柜台环境"] },
  // The evaluation (穿透式测试) build of the same SDK: same file names, bIsProductionMode=false.
  CTPTEST: { name: "CTPTEST", ...SE, productionMode: always(false), exchanges: FUTURES, layout: "ctp-6.7", extraKeys: [] },
  // Rohon and OpenCTP's TTS ship drop-in replacements of the v6.7 libraries under the SDK's names.
  ROHON: { name: "ROHON", ...SE, productionMode: always(true), exchanges: FUTURES, layout: "ctp-6.7", extraKeys: [] },
  TTS: {
    name: "TTS", ...SE, productionMode: always(true), layout: "ctp-6.7", extraKeys: [],
    exchanges: [X.CFFEX, X.SHFE, X.CZCE, X.DCE, X.GFEX, X.INE, X.SSE, X.SZSE, X.NASDAQ, X.NYSE, X.SEHK],
  },
  MINI: { name: "MINI", traderLibrary: "thosttraderapi", mdLibrary: "thostmduserapi", productionMode: always(true), exchanges: FUTURES, layout: "own", extraKeys: [] },
  MINITEST: {
    name: "MINITEST", traderLibrary: "thosttraderapi", mdLibrary: "thostmduserapi", productionMode: always(false),
    exchanges: [X.CFFEX, X.SHFE, X.CZCE, X.DCE, X.INE], layout: "own", extraKeys: ["产品信息"],
  },
  SOPT: { name: "SOPT", traderLibrary: "soptthosttraderapi_se", mdLibrary: "soptthostmduserapi_se", productionMode: always(true), exchanges: [X.SZSE, X.SSE], layout: "own", extraKeys: [] },
  SOPTTEST: { name: "SOPTTEST", traderLibrary: "soptthosttraderapi_se", mdLibrary: "soptthostmduserapi_se", productionMode: always(false), exchanges: [X.SZSE, X.SSE], layout: "own", extraKeys: [] },
};

/** The seven keys every flavour shares, in vn.py's order; the first five must not be empty. */
export const SETTING_KEYS = ["用户名", "密码", "经纪商代码", "交易服务器", "行情服务器", "产品名称", "授权编码"] as const;
const REQUIRED_KEYS: Readonly<Record<string, string>> = {
  用户名: "user id", 密码: "password", 经纪商代码: "broker id", 交易服务器: "trade front", 行情服务器: "market-data front",
};
/** Optional setting: a folder holding the flavour's two libraries (checked before the environment variable). */
export const LIBRARY_DIR_KEY = "lib_dir";
export const LIBRARY_DIR_ENV = "VNTRADER_CTP_LIB_DIR";

export interface CtpLogin {
  readonly userId: string;
  readonly password: string;
  readonly brokerId: string;
  readonly tradeFront: string;
  readonly mdFront: string;
  readonly appId: string;
  readonly authCode: string;
  readonly productionMode: boolean;
}

function text(setting: GatewaySetting, key: string): string {
  const value = setting[key];
  return value === undefined ? "" : String(value).trim();
}

/** vn.py prefixes tcp:// unless the address already names a scheme CTP understands. */
export function frontAddress(address: string): string {
  return /^(tcp|ssl|socks\w*):\/\//.test(address) ? address : `tcp://${address}`;
}

/** Checks the settings before anything native is touched; every problem is named with its key. */
export function parseLogin(flavour: CtpFlavour, setting: GatewaySetting): CtpLogin {
  if (flavour.layout !== "ctp-6.7") {
    throw new TradingError(
      "ADAPTER_MISSING",
      `${flavour.name}'s API (${flavour.traderLibrary}) uses its own struct layouts, not CTP v6.7's; this kernel only ` +
        "has measured v6.7 layouts, and loading it with the wrong ones would corrupt memory. Use CTP, CTPTEST, ROHON or TTS.",
    );
  }
  const missing = Object.keys(REQUIRED_KEYS).filter((key) => !text(setting, key));
  if (missing.length) {
    const names = missing.map((key) => `${key} (${REQUIRED_KEYS[key]})`).join(", ");
    throw new TradingError("BAD_SETTING", `${flavour.name} needs ${names} in connect_${flavour.name.toLowerCase()}.json`);
  }
  for (const key of SETTING_KEYS) {
    if (!/^[\x20-\x7e]*$/.test(text(setting, key))) {
      throw new TradingError("BAD_SETTING", `${key} must be plain ASCII text (CTP sends these fields as single-byte codes)`);
    }
  }
  return {
    userId: text(setting, "用户名"), password: text(setting, "密码"), brokerId: text(setting, "经纪商代码"),
    tradeFront: frontAddress(text(setting, "交易服务器")), mdFront: frontAddress(text(setting, "行情服务器")),
    appId: text(setting, "产品名称"), authCode: text(setting, "授权编码"), productionMode: flavour.productionMode(setting),
  };
}

export interface LibraryPaths {
  readonly trader: string;
  readonly md: string;
}

/**
 * The `.vntrader` folder by the settings store's rule (VNTRADER_DIR, else <cwd>/.vntrader if it exists, else
 * ~/.vntrader); restated here because a gateway imports only src/core.
 */
export function vntraderDir(): string {
  if (process.env.VNTRADER_DIR) return process.env.VNTRADER_DIR;
  const local = join(process.cwd(), ".vntrader");
  return existsSync(local) ? local : join(homedir(), ".vntrader");
}

function candidateDirs(flavour: CtpFlavour, setting: GatewaySetting): string[] {
  const dirs = [text(setting, LIBRARY_DIR_KEY), process.env[LIBRARY_DIR_ENV] ?? ""];
  dirs.push(join(vntraderDir(), "lib", flavour.name.toLowerCase()));
  return dirs.filter((d) => d !== "");
}

function findIn(dir: string, base: string): string | undefined {
  return [`lib${base}.so`, `${base}.so`].map((f) => join(dir, f)).find((path) => existsSync(path));
}

/** The first folder holding both libraries; otherwise an error saying exactly which files to put where. */
export function locateLibraries(flavour: CtpFlavour, setting: GatewaySetting): LibraryPaths {
  const dirs = candidateDirs(flavour, setting);
  for (const dir of dirs) {
    const trader = findIn(dir, flavour.traderLibrary);
    const md = findIn(dir, flavour.mdLibrary);
    if (trader && md) return { trader, md };
  }
  const files = `lib${flavour.traderLibrary}.so and lib${flavour.mdLibrary}.so`;
  throw new TradingError(
    "LIBRARY_MISSING",
    `${flavour.name} needs the CTP API v6.7 libraries ${files} (Linux x64, from your broker's or SFIT's SDK; the ` +
      `names without the lib prefix work too). Put both in ${dirs[dirs.length - 1]}, or name their folder in the ` +
      `"${LIBRARY_DIR_KEY}" setting or the ${LIBRARY_DIR_ENV} environment variable. Searched: ${dirs.join(", ")}. ` +
      `To try without a broker account, use the simulated counter: "${LIBRARY_DIR_KEY}": "${simulatedCounterDir()}".`,
  );
}
