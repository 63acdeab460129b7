// Messages the simulated TWS sends, field by field, with the server-version gates of the text protocol
// (<= 200): which fields exist at the negotiated version is decided here and nowhere else.
import type { SimBar, SimContract } from "./scenario";
import type { Field } from "./wire";

/** Server versions at which a message's layout changes (IB's MIN_SERVER_VER_* constants). */
export const V = {
  SIZE_RULES: 164, ADVANCED_ORDER_REJECT: 166, PENDING_PRICE_REVISION: 178, LAST_TRADE_DATE: 182,
  INELIGIBILITY_REASONS: 186, ERROR_TIME: 194, HISTORICAL_DATA_END: 196,
} as const;

export const IN = {
  TICK_PRICE: 1, TICK_SIZE: 2, ORDER_STATUS: 3, ERR_MSG: 4, OPEN_ORDER: 5, ACCT_VALUE: 6, PORTFOLIO_VALUE: 7,
  ACCT_UPDATE_TIME: 8, NEXT_VALID_ID: 9, CONTRACT_DATA: 10, EXECUTION_DATA: 11, MANAGED_ACCTS: 15, HISTORICAL_DATA: 17,
  CURRENT_TIME: 49, CONTRACT_DATA_END: 52, OPEN_ORDER_END: 53, ACCT_DOWNLOAD_END: 54, EXECUTION_DATA_END: 55,
  MARKET_DATA_TYPE: 58, COMMISSION_REPORT: 59, POSITION: 61, POSITION_END: 62, HISTORICAL_DATA_END: 108,
} as const;

export type Message = Field[];

export function error(v: number, id: number, code: number, text: string, time: number): Message {
  if (v >= V.ERROR_TIME) return [IN.ERR_MSG, id, code, text, "", time];
  return v >= V.ADVANCED_ORDER_REJECT ? [IN.ERR_MSG, 2, id, code, text, ""] : [IN.ERR_MSG, 2, id, code, text];
}

export function contractData(v: number, reqId: number, c: SimContract): Message {
  const fields: Message = [IN.CONTRACT_DATA];
  if (v < V.SIZE_RULES) fields.push(8);
  fields.push(reqId, c.symbol, c.secType, c.lastTradeDateOrContractMonth);
  if (v >= V.LAST_TRADE_DATE) fields.push(c.lastTradeDateOrContractMonth);
  fields.push(c.strike, c.right, c.exchange, c.currency, c.localSymbol, c.tradingClass, c.tradingClass, c.conId, c.minTick);
  if (v < V.SIZE_RULES) fields.push(1); // mdSizeMultiplier
  fields.push(
    c.multiplier, "ACTVTIM,LMT,MKT,STP", `${c.exchange},${c.primaryExchange}`, 1, c.underConId, c.longName, c.primaryExchange,
    c.lastTradeDateOrContractMonth.slice(0, 6), "", "", "", c.timeZoneId, "", "", "", "",
    0, // secIdList count
    1, "", "", "26,26", c.lastTradeDateOrContractMonth, c.secType === "STK" ? "COMMON" : "",
  );
  if (v >= V.SIZE_RULES) fields.push(c.minSize, 1, 1);
  if (v >= V.INELIGIBILITY_REASONS) fields.push(0);
  return fields;
}

export const contractDataEnd = (reqId: number): Message => [IN.CONTRACT_DATA_END, 1, reqId];
export const nextValidId = (orderId: number): Message => [IN.NEXT_VALID_ID, 1, orderId];
export const managedAccounts = (accounts: readonly string[]): Message => [IN.MANAGED_ACCTS, 1, accounts.join(",")];
export const currentTime = (seconds: number): Message => [IN.CURRENT_TIME, 1, seconds];
export const marketDataType = (reqId: number, type: number): Message => [IN.MARKET_DATA_TYPE, 1, reqId, type];
export const tickPrice = (reqId: number, type: number, price: number, size: number): Message => [IN.TICK_PRICE, 6, reqId, type, price, size, 0];
export const tickSize = (reqId: number, type: number, size: number): Message => [IN.TICK_SIZE, 6, reqId, type, size];

export interface SimOrder {
  readonly orderId: number;
  readonly clientId: number;
  readonly permId: number;
  readonly contract: SimContract;
  readonly action: "BUY" | "SELL";
  readonly quantity: number;
  readonly orderType: string;
  readonly lmtPrice: number | undefined;
  readonly auxPrice: number | undefined;
  readonly tif: string;
  readonly account: string;
  readonly orderRef: string;
  status: string;
  filled: number;
  avgFillPrice: number;
  lastFillPrice: number;
}

/** orderStatus at server versions >= 131 (MARKET_CAP_PRICE): no version field. */
export function orderStatus(o: SimOrder): Message {
  return [IN.ORDER_STATUS, o.orderId, o.status, o.filled, o.quantity - o.filled, o.avgFillPrice, o.permId, 0, o.lastFillPrice, o.clientId, "", 0];
}

/**
 * openOrder for a plain (no combo, algo, condition or delta-neutral) order in the layout of server version 193
 * (the order container without a version field, every attribute in EOrderDecoder's order).
 */
export function openOrder(o: SimOrder): Message {
  const c = o.contract;
  return [
    IN.OPEN_ORDER, o.orderId,
    c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, c.strike, c.right, c.multiplier, c.exchange, c.currency, c.localSymbol, c.tradingClass,
    o.action, o.quantity, o.orderType, o.lmtPrice, o.auxPrice, o.tif, "", o.account, "", 0, o.orderRef, o.clientId, o.permId,
    0, 0, 0, "", "", // outsideRth, hidden, discretionaryAmt, goodAfterTime, sharesAllocation
    "", "", "", "", // faGroup, faMethod, faPercentage, modelCode
    "", "", "", "", // goodTillDate, rule80A, percentOffset, settlingFirm
    0, "", -1, 0, // shortSaleSlot, designatedLocation, exemptCode, auctionStrategy
    "", "", "", "", "", "", // startingPrice, stockRefPrice, delta, stockRangeLower, stockRangeUpper, displaySize
    0, 0, 0, "", 0, 0, 0, "", // blockOrder, sweepToFill, allOrNone, minQty, ocaType, eTradeOnly, firmQuoteOnly, nbboPriceCap
    0, 0, // parentId, triggerMethod
    "", 0, "", "", 0, 0, // volatility, volatilityType, deltaNeutralOrderType, deltaNeutralAuxPrice, continuousUpdate, referencePriceType
    "", "", "", "", // trailStopPrice, trailingPercent, basisPoints, basisPointsType
    "", 0, 0, 0, // comboLegsDescription, comboLegs count, orderComboLegs count, smartComboRoutingParams count
    "", "", "", // scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement
    "", 0, "", "", 0, 0, "", // hedgeType, optOutSmartRouting, clearingAccount, clearingIntent, notHeld, deltaNeutral, algoStrategy
    0, 0, o.status, // solicited, whatIf, status
    "", "", "", "", "", "", "", "", "", "", "", "", "", "", // margins before/change/after, commission, min, max, currency, warning
    0, 0, // randomizeSize, randomizePrice
    0, // conditions count
    "", "", "", "", "", "", "", 0, // adjustedOrderType, triggerPrice, trailStopPrice, lmtPriceOffset, adjusted stop/stopLimit/trailing, unit
    "", "", "", // softDollarTier name, value, displayName
    "", 0, 0, 0, 0, 0, "", 0, // cashQty, dontUseAutoPriceForHedge, isOmsContainer, discretionaryUpToLimitPrice, usePriceMgmtAlgo, duration, postToAts, autoCancelParent
    "", "", "", "", "", // minTradeQty, minCompeteSize, competeAgainstBestOffset, midOffsetAtWhole, midOffsetAtHalf
    "", 0, "", 0, "", "", // customerAccount, professionalCustomer, bondAccruedInterest, includeOvernight, extOperator, manualOrderIndicator
  ];
}

export const openOrderEnd = (): Message => [IN.OPEN_ORDER_END, 1];

export interface SimExecution {
  readonly execId: string;
  readonly order: SimOrder;
  readonly time: string;
  readonly shares: number;
  readonly price: number;
  readonly cumQty: number;
  readonly avgPrice: number;
  readonly commission: number;
}

export function execDetails(v: number, reqId: number, e: SimExecution): Message {
  const o = e.order;
  const c = o.contract;
  const fields: Message = [
    IN.EXECUTION_DATA, reqId, o.orderId,
    c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, c.strike, c.right, c.multiplier, c.exchange, c.currency, c.localSymbol, c.tradingClass,
    e.execId, e.time, o.account, c.primaryExchange || c.exchange, o.action === "BUY" ? "BOT" : "SLD", e.shares, e.price, o.permId, o.clientId, 0,
    e.cumQty, e.avgPrice, o.orderRef, "", "", "", 1,
  ];
  if (v >= V.PENDING_PRICE_REVISION) fields.push(0);
  return fields;
}

export const execDetailsEnd = (reqId: number): Message => [IN.EXECUTION_DATA_END, 1, reqId];
export const commissionReport = (e: SimExecution): Message => [IN.COMMISSION_REPORT, 1, e.execId, e.commission, "USD", "", "", ""];

export const accountValue = (key: string, value: string | number, currency: string, account: string): Message =>
  [IN.ACCT_VALUE, 2, key, value, currency, account];
export const accountTime = (hhmm: string): Message => [IN.ACCT_UPDATE_TIME, 1, hhmm];
export const accountDownloadEnd = (account: string): Message => [IN.ACCT_DOWNLOAD_END, 1, account];

export interface SimPosition { readonly contract: SimContract; quantity: number; averageCost: number }

export function portfolioValue(p: SimPosition, account: string): Message {
  const c = p.contract;
  const size = Number(c.multiplier || 1);
  const marketValue = p.quantity * c.quote.last * size;
  return [
    IN.PORTFOLIO_VALUE, 8, c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, c.strike, c.right, c.multiplier, c.primaryExchange,
    c.currency, c.localSymbol, c.tradingClass, p.quantity, c.quote.last, marketValue, p.averageCost, marketValue - p.quantity * p.averageCost, 0, account,
  ];
}

export function position(p: SimPosition, account: string): Message {
  const c = p.contract;
  return [
    IN.POSITION, 3, account, c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, c.strike, c.right, c.multiplier,
    c.primaryExchange || c.exchange, c.currency, c.localSymbol, c.tradingClass, p.quantity, p.averageCost,
  ];
}

export const positionEnd = (): Message => [IN.POSITION_END, 1];

/**
 * historicalData: before 196 one message with start/end strings and the bars; from 196 the bars alone followed
 * by HISTORICAL_DATA_END (108) carrying start and end.
 */
export function historicalData(v: number, reqId: number, bars: readonly SimBar[], start: string, end: string, formatBar: (bar: SimBar) => string): Message[] {
  const fields: Message = v >= V.HISTORICAL_DATA_END ? [IN.HISTORICAL_DATA, reqId, bars.length] : [IN.HISTORICAL_DATA, reqId, start, end, bars.length];
  for (const b of bars) fields.push(formatBar(b), b.open, b.high, b.low, b.close, b.volume, b.wap, b.count);
  return v >= V.HISTORICAL_DATA_END ? [fields, [IN.HISTORICAL_DATA_END, reqId, start, end]] : [fields];
}
