// vn.py's IB symbol conventions: a numeric ConId ("265598.SMART") or a dash-joined description
// ("SPY-USD-STK.SMART", "ES-202512-USD-FUT.GLOBEX", "SPY-20251219-C-600-100-USD-OPT.SMART") -> the IB contract to
// look up; and IB contract details -> ContractData.
import type { Contract, ContractDetails, OptionType as IbOptionType, SecType } from "@stoqey/ib";
import { OptionType, Product, type Exchange } from "../../core/constant";
import { TradingError } from "../../core/errors";
import { createContract, type ContractData } from "../../core/object";
import { EXCHANGE_VT2IB, PRODUCT_IB2VT } from "./mappings";

const EXAMPLES = "e.g. 265598.SMART (ConId), SPY-USD-STK.SMART, EUR-USD-CASH.IDEALPRO, ES-202512-USD-FUT.GLOBEX, SPY-20251219-C-600-100-USD-OPT.SMART";

/** The IB contract a vn.py symbol describes; throws BAD_SYMBOL naming the expected forms. */
export function contractFromSymbol(symbol: string, exchange: Exchange): Contract {
  const ibExchange = EXCHANGE_VT2IB[exchange];
  if (!ibExchange) {
    throw new TradingError("BAD_SYMBOL", `IB does not trade on ${exchange}; its exchanges are ${Object.keys(EXCHANGE_VT2IB).join(", ")}`);
  }
  if (/\s/.test(symbol)) throw new TradingError("BAD_SYMBOL", `"${symbol}" contains spaces; IB symbols are written ${EXAMPLES}`);
  if (/^\d+$/.test(symbol)) return { conId: Number(symbol), exchange: ibExchange };
  const parts = symbol.split("-");
  const secType = parts[parts.length - 1];
  const form = DESCRIPTOR_FORMS[secType]?.[parts.length];
  if (!form) {
    throw new TradingError("BAD_SYMBOL", `"${symbol}" is neither a ConId nor an IB description (SYMBOL-CURRENCY-STK, SYMBOL-YYYYMM-CURRENCY-FUT, SYMBOL-EXPIRY-RIGHT-STRIKE-MULT-CURRENCY-OPT); ${EXAMPLES}`);
  }
  return { ...form(parts), secType: secType as SecType, exchange: ibExchange };
}

type Form = (parts: string[]) => Contract;

const simple: Form = ([symbol, currency]) => ({ symbol, currency });
const future4: Form = ([symbol, month, currency]) => ({ symbol, lastTradeDateOrContractMonth: month, currency });
const future5: Form = ([symbol, month, multiplier, currency]) => ({ symbol, lastTradeDateOrContractMonth: month, multiplier: numberPart(multiplier, "multiplier"), currency });
const option7: Form = ([symbol, expiry, right, strike, multiplier, currency]) => ({
  symbol, lastTradeDateOrContractMonth: expiry, right: rightPart(right), strike: numberPart(strike, "strike"),
  multiplier: numberPart(multiplier, "multiplier"), currency,
});

/** Descriptor forms by security type and number of dash-separated parts. */
const DESCRIPTOR_FORMS: Readonly<Record<string, Readonly<Record<number, Form>>>> = {
  STK: { 3: simple }, CASH: { 3: simple }, CMDTY: { 3: simple }, IND: { 3: simple }, CFD: { 3: simple },
  FUT: { 4: future4, 5: future5 }, CONTFUT: { 3: simple },
  OPT: { 7: option7 }, FOP: { 7: option7 },
};

function numberPart(text: string, what: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || text === "") throw new TradingError("BAD_SYMBOL", `the ${what} "${text}" is not a number; ${EXAMPLES}`);
  return value;
}

function rightPart(text: string): IbOptionType {
  const right = text.toUpperCase();
  if (right === "C" || right === "CALL") return "C" as IbOptionType;
  if (right === "P" || right === "PUT") return "P" as IbOptionType;
  throw new TradingError("BAD_SYMBOL", `the option right "${text}" must be C or P; ${EXAMPLES}`);
}

/** ContractData for details IB returned, under the symbol the user asked with (vn.py keeps string symbols). */
export function contractDataOf(details: ContractDetails, symbol: string, exchange: Exchange, gatewayName: string): ContractData {
  const c = details.contract;
  const product = PRODUCT_IB2VT[c.secType ?? ""] ?? Product.EQUITY;
  const expiry = c.lastTradeDateOrContractMonth ?? "";
  const option = product === Product.OPTION ? {
    option_strike: c.strike,
    option_type: c.right === "P" ? OptionType.PUT : OptionType.CALL,
    option_underlying: `${details.underConId ?? 0}_${expiry}`,
    option_portfolio: `${details.underConId ?? 0}_O`,
    option_expiry: parseYyyymmdd(expiry),
  } : {};
  return createContract({
    gateway_name: gatewayName, symbol, exchange,
    name: details.longName || c.localSymbol || symbol,
    product, size: c.multiplier || 1, pricetick: details.minTick || 0.01, min_volume: details.minSize || 1,
    stop_supported: true, net_position: true, history_data: true, ...option,
  });
}

function parseYyyymmdd(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(text);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
}

/** The contract we send once details are known: by ConId on the exchange the user chose (IB's unambiguous form). */
export function tradingContract(details: ContractDetails, exchange: Exchange): Contract {
  return { conId: details.contract.conId, exchange: EXCHANGE_VT2IB[exchange] ?? "SMART" };
}
