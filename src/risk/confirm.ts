// Confirmation for live gateways: a preview of the order asked on the kernel's stdin (y/N). Without a way to
// ask (no prompter, or stdin not allowed), the order is refused with the setting that would allow it.
import { TradingError } from "../core/errors";
import type { ContractData, OrderRequest } from "../core/object";
import type { Prompter } from "../connect-settings";
import { formatAmount } from "./rules";
import { RISK_SETTING_FILE, type ConfirmSettings } from "./settings";

/** Gateways that never reach a real counter; every other gateway is live. */
export const SIMULATED_GATEWAYS: ReadonlySet<string> = new Set(["SIM"]);

export function isLiveGateway(gatewayName: string): boolean {
  return !SIMULATED_GATEWAYS.has(gatewayName.toUpperCase());
}

/** Whether an order needs a y/N; an order whose notional is unknown is treated as above the threshold. */
export function needsConfirmation(settings: ConfirmSettings, notional: number | undefined): boolean {
  switch (settings.mode) {
    case "always": return true;
    case "never": return false;
    case "above_threshold": return notional === undefined || notional > settings.notional_threshold;
  }
}

export interface ConfirmRequest {
  readonly req: OrderRequest;
  readonly contract: ContractData;
  readonly gatewayName: string;
  readonly notional: number | undefined;
  readonly settings: ConfirmSettings;
}

/** Asks y/N; resolves when the answer is yes, throws CONFIRMATION_REQUIRED otherwise. */
export async function confirmOrder(request: ConfirmRequest, prompter: Prompter | undefined): Promise<void> {
  if (!prompter) throw cannotAsk(request, "there is no stdin to ask on");
  let answer: string;
  try {
    answer = await prompter(preview(request), { password: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw cannotAsk(request, `stdin is not available (${reason})`);
  }
  if (/^\s*y(es)?\s*$/i.test(answer)) return;
  throw new TradingError(
    "CONFIRMATION_REQUIRED",
    `refused: the ${request.gatewayName} order for ${request.req.volume} ${request.req.vt_symbol} was not confirmed (answer was ${JSON.stringify(answer.trim())}, not y); nothing was sent`,
  );
}

/** The question shown on stdin: one field per line, then the y/N prompt. */
export function preview({ req, contract, gatewayName, notional }: ConfirmRequest): string {
  const price = req.type === "MARKET" ? "market" : String(req.price);
  const lines = [
    `Confirm ${gatewayName} order (a live account):`,
    `  symbol    ${req.vt_symbol}${contract.name ? ` (${contract.name})` : ""}`,
    `  side      ${req.direction === "LONG" ? "buy (LONG)" : "sell (SHORT)"}`,
    `  offset    ${req.offset}`,
    `  volume    ${req.volume}`,
    `  price     ${price} (${req.type})`,
    `  notional  ${notional === undefined ? "unknown (no tick to value a market order)" : formatAmount(notional)}`,
    // ContractData carries no margin rate, so the estimate is only shown once a gateway provides one.
    `  margin    not known for this contract`,
    "Send it? (y/N) ",
  ];
  return lines.join("\n");
}

function cannotAsk({ req, gatewayName, notional, settings }: ConfirmRequest, why: string): TradingError {
  const value = notional === undefined ? "unknown notional" : `notional ${formatAmount(notional)}`;
  const rule = settings.mode === "always"
    ? `"confirm": {"mode": "always"}`
    : `"confirm": {"mode": "above_threshold", "notional_threshold": ${settings.notional_threshold}}`;
  return new TradingError(
    "CONFIRMATION_REQUIRED",
    `refused: the ${gatewayName} order for ${req.volume} ${req.vt_symbol} (${value}) needs a y/N confirmation (risk setting ${rule}) and ${why}; nothing was sent. ` +
      `To allow it without asking, set "gateways": {"${gatewayName}": {"confirm": {"mode": "never"}}} or raise confirm.notional_threshold in .vntrader/${RISK_SETTING_FILE}`,
  );
}
