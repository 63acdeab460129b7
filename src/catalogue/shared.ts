// Values several catalogue files share: operating-system sets, exchange groups and the seed's account texts.
import { Exchange as X, Product as P } from "../core/constant";
import type { OperatingSystem } from "./types";

export const WIN: readonly OperatingSystem[] = ["Windows"];
export const WIN_UBUNTU: readonly OperatingSystem[] = ["Windows", "Ubuntu"];
export const UBUNTU: readonly OperatingSystem[] = ["Ubuntu"];
export const ALL_OS: readonly OperatingSystem[] = ["Windows", "Ubuntu", "Mac"];

/** vn.py's EXCHANGE_CTP2VT values: the six China futures exchanges. */
export const CHINA_FUTURES = [X.CFFEX, X.SHFE, X.CZCE, X.DCE, X.INE, X.GFEX] as const;
/** The vn.py 2.x-era lists (MINITEST, FEMAS) predate GFEX. */
export const CHINA_FUTURES_NO_GFEX = [X.CFFEX, X.SHFE, X.CZCE, X.DCE, X.INE] as const;
export const SH_SZ = [X.SSE, X.SZSE] as const;

export const FUTURES_AND_OPTIONS = [P.FUTURES, P.OPTION] as const;

export const FUTURES_COMPANY_ACCOUNT =
  "Open an account with a futures company through your account manager. The user name is numeric and the broker " +
  "id is 4 digits (each futures company has its own). A live account can also get simulated trading: ask the " +
  "account manager.";

export const PENETRATION_TEST_ACCOUNT =
  "Open an account with a futures company and ask your account manager to apply to the futures company for a " +
  "penetration (穿透式) access test.";
