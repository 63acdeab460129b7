// SIM's listed instruments for a trading day: futures months and option strike ladders built from the product
// specs, each with its contract, pre-settlement price and daily limits, in each exchange's symbol format.
import { Exchange, OptionType, Product } from "../../core/constant";
import { createContract, vtSymbolOf, type ContractData } from "../../core/object";
import {
  daysToExpiry, expiryOf, listedMonths, monthCode, monthsBetween, type YearMonth,
} from "./calendar";
import { priceOfTicks, roundToTick, ticksOf } from "./prices";
import { FUTURES, OPTIONS, type FutureSpec, type OptionSpec, type ProductSpec } from "./products";

export interface SimInstrument {
  readonly contract: ContractData;
  readonly spec: ProductSpec;
  /** Yesterday's settlement price: the anchor of the price process, the limits and yesterday's margin. */
  readonly preSettle: number;
  readonly limitUp: number;
  readonly limitDown: number;
  /** Options only: the strike, used by the seller's margin. */
  readonly strike?: number;
}

/** Later months trade slightly higher (a mild contango), so the curve is not flat. */
const CONTANGO_PER_MONTH = 0.002;

export function listInstruments(gatewayName: string, tradingDay: Date): SimInstrument[] {
  const futures = FUTURES.flatMap((spec) => listFuture(gatewayName, tradingDay, spec));
  const ioUnderlyings = futures.filter((inst) => inst.spec.code === "IF");
  let etfCode = 10007001;
  const options = OPTIONS.flatMap((spec) => listOption(gatewayName, tradingDay, spec, ioUnderlyings, () => String(etfCode++)));
  return [...futures, ...options];
}

function listFuture(gatewayName: string, tradingDay: Date, spec: FutureSpec): SimInstrument[] {
  const months = listedMonths(tradingDay, spec.months, spec.expiry);
  return months.map((ym) => {
    const symbol = `${spec.code}${monthCode(ym, spec.exchange === Exchange.CZCE ? 1 : 2)}`;
    const preSettle = futurePrice(spec, months[0], ym);
    const contract = createContract({
      gateway_name: gatewayName, symbol, exchange: spec.exchange, name: `${spec.name}${monthCode(ym, 2)}`,
      product: Product.FUTURES, size: spec.size, pricetick: spec.pricetick, history_data: true,
    });
    return { contract, spec, preSettle, ...futureLimits(preSettle, spec) };
  });
}

function futurePrice(spec: FutureSpec, front: YearMonth, ym: YearMonth): number {
  return roundToTick(spec.referencePrice * (1 + CONTANGO_PER_MONTH * monthsBetween(front, ym)), spec.pricetick);
}

function futureLimits(preSettle: number, spec: ProductSpec): { limitUp: number; limitDown: number } {
  const tick = spec.pricetick;
  return {
    limitUp: priceOfTicks(Math.floor((preSettle * (1 + spec.limitPct)) / tick + 1e-9), tick),
    limitDown: priceOfTicks(Math.ceil((preSettle * (1 - spec.limitPct)) / tick - 1e-9), tick),
  };
}

function listOption(
  gatewayName: string, tradingDay: Date, spec: OptionSpec, ifFutures: readonly SimInstrument[], nextEtfCode: () => string,
): SimInstrument[] {
  const months = listedMonths(tradingDay, spec.months, spec.expiry);
  return months.flatMap((ym) => {
    const expiry = expiryOf(ym, spec.expiry);
    const years = daysToExpiry(tradingDay, expiry) / 365;
    const { price: underlyingPrice, vtSymbol: underlying } = underlyingOf(spec, ym, ifFutures);
    const strikes = strikeLadder(underlyingPrice, spec);
    return [OptionType.CALL, OptionType.PUT].flatMap((type) => strikes.map((strike) => {
      const theoretical = blackScholes(type, underlyingPrice, strike, years, spec.volatility);
      const preSettle = priceOfTicks(Math.max(1, ticksOf(theoretical, spec.pricetick)), spec.pricetick);
      const { symbol, name } = optionNames(spec, ym, type, strike, nextEtfCode);
      const contract = createContract({
        gateway_name: gatewayName, symbol, exchange: spec.exchange, name, product: Product.OPTION, size: spec.size,
        pricetick: spec.pricetick, history_data: true, option_strike: strike, option_underlying: underlying,
        option_type: type, option_expiry: expiry, option_portfolio: portfolioOf(spec), option_index: String(strike),
      });
      return { contract, spec, preSettle, strike, ...optionLimits(preSettle, underlyingPrice, spec) };
    }));
  });
}

function underlyingOf(spec: OptionSpec, ym: YearMonth, ifFutures: readonly SimInstrument[]): { price: number; vtSymbol: string } {
  if (spec.underlying.kind === "etf") {
    return { price: spec.underlying.price, vtSymbol: vtSymbolOf(spec.underlying.symbol, spec.exchange) };
  }
  // IO months without an IF of the same month hedge with the next listed IF (there always is a later quarter).
  const code = `${spec.underlying.code}${monthCode(ym, 2)}`;
  const future = ifFutures.find((inst) => inst.contract.symbol >= code) ?? ifFutures[ifFutures.length - 1];
  return { price: future.preSettle, vtSymbol: future.contract.vt_symbol };
}

/** Strikes around the money; the interval widens with the underlying's price as the exchanges' rules do. */
function strikeLadder(underlyingPrice: number, spec: OptionSpec): number[] {
  const interval = spec.underlying.kind === "etf" ? etfStrikeInterval(underlyingPrice) : indexStrikeInterval(underlyingPrice);
  const atm = Math.round(underlyingPrice / interval);
  return Array.from({ length: 2 * spec.strikesEachSide + 1 }, (_, k) => {
    const steps = atm - spec.strikesEachSide + k;
    return spec.underlying.kind === "etf" ? Math.round(steps * interval * 1000) / 1000 : steps * interval;
  });
}

function indexStrikeInterval(price: number): number {
  if (price <= 2500) return 25;
  if (price <= 5000) return 50;
  return price <= 10000 ? 100 : 200;
}

function etfStrikeInterval(price: number): number {
  if (price <= 3) return 0.05;
  if (price <= 5) return 0.1;
  return price <= 10 ? 0.25 : 0.5;
}

function optionNames(
  spec: OptionSpec, ym: YearMonth, type: OptionType, strike: number, nextEtfCode: () => string,
): { symbol: string; name: string } {
  if (spec.underlying.kind === "future") {
    const symbol = `${spec.code}${monthCode(ym, 2)}-${type === OptionType.CALL ? "C" : "P"}-${strike}`;
    return { symbol, name: symbol };
  }
  // SSE names read "50ETF购12月3100": buy/sell word, month, strike in thousandths of a yuan.
  const word = type === OptionType.CALL ? "购" : "沽";
  return { symbol: nextEtfCode(), name: `${spec.underlying.shortName}${word}${ym.month}月${Math.round(strike * 1000)}` };
}

function portfolioOf(spec: OptionSpec): string {
  return spec.underlying.kind === "etf" ? `${spec.underlying.symbol}_O` : spec.code;
}

/** Option limits move with the underlying: premium ± limit% of the underlying, never below one tick. */
function optionLimits(preSettle: number, underlyingPrice: number, spec: OptionSpec): { limitUp: number; limitDown: number } {
  const band = underlyingPrice * spec.limitPct;
  return {
    limitUp: roundToTick(preSettle + band, spec.pricetick),
    limitDown: priceOfTicks(Math.max(1, ticksOf(preSettle - band, spec.pricetick)), spec.pricetick),
  };
}

function blackScholes(type: OptionType, spot: number, strike: number, years: number, volatility: number): number {
  const deviation = volatility * Math.sqrt(years);
  const d1 = (Math.log(spot / strike) + (deviation * deviation) / 2) / deviation;
  const d2 = d1 - deviation;
  return type === OptionType.CALL
    ? spot * normalCdf(d1) - strike * normalCdf(d2)
    : strike * normalCdf(-d2) - spot * normalCdf(-d1);
}

/** Abramowitz-Stegun 26.2.17; accurate to 1e-7, plenty for a reference price. */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const density = Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  const tail = density * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return x >= 0 ? 1 - tail : tail;
}
