// The one error type for a user mistake or a refused request: a stable code plus a message that names the
// problem and what to do. The kernel shows these as a short error without a stack.

export type TradingErrorCode =
  | "BAD_SYMBOL" | "UNKNOWN_SYMBOL" | "BAD_VOLUME" | "BAD_PRICE" | "BAD_OFFSET" | "BAD_ORDER_TYPE" | "BAD_REQUEST"
  | "UNKNOWN_GATEWAY" | "NOT_CONNECTED" | "ADAPTER_MISSING" | "EXCLUSIVE_GATEWAY" | "ALREADY_ADDED"
  | "UNKNOWN_ORDER" | "NOT_ENOUGH_POSITION" | "NO_HISTORY" | "BAD_SETTING" | "SETTINGS_FILE" | "LOGIN_FAILED"
  | "CONNECT_FAILED" | "RISK_REFUSED" | "TRADING_LOCKED" | "CONFIRMATION_REQUIRED" | "LIBRARY_MISSING";

export class TradingError extends Error {
  override readonly name = "TradingError";

  constructor(
    readonly code: TradingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isTradingError(error: unknown): error is TradingError {
  return error instanceof TradingError;
}
