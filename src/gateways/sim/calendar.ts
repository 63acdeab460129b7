// China trading calendar for SIM: the trading day a moment belongs to (night session counts for the next
// business day), listed delivery months and their last trading days. Dates are China dates at UTC midnight.
import type { ExpiryRule, MonthRule } from "./products";

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
/** From 21:00 China time the night session trades for the next business day. */
const NIGHT_SESSION_HOUR = 21;

export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

/** The trading day of a moment: after 21:00 China time the next business day; weekends roll to Monday. */
export function tradingDayOf(now: Date): Date {
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  let day = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate());
  if (china.getUTCHours() >= NIGHT_SESSION_HOUR) day += DAY_MS;
  // Holidays are not modelled; weekends are.
  while (isWeekend(new Date(day))) day += DAY_MS;
  return new Date(day);
}

function isWeekend(date: Date): boolean {
  const weekday = date.getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function expiryOf(ym: YearMonth, rule: ExpiryRule): Date {
  if (rule.kind === "day") {
    let day = Date.UTC(ym.year, ym.month - 1, rule.day);
    while (isWeekend(new Date(day))) day -= DAY_MS;
    return new Date(day);
  }
  const first = new Date(Date.UTC(ym.year, ym.month - 1, 1));
  const offset = (rule.weekday - first.getUTCDay() + 7) % 7;
  return new Date(Date.UTC(ym.year, ym.month - 1, 1 + offset + 7 * (rule.n - 1)));
}

export function addMonths(ym: YearMonth, count: number): YearMonth {
  const index = ym.year * 12 + (ym.month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function monthsBetween(from: YearMonth, to: YearMonth): number {
  return (to.year - from.year) * 12 + (to.month - from.month);
}

/** The first delivery month still trading on `tradingDay`: this month unless its contract has expired. */
export function frontMonth(tradingDay: Date, expiry: ExpiryRule): YearMonth {
  const current = { year: tradingDay.getUTCFullYear(), month: tradingDay.getUTCMonth() + 1 };
  return tradingDay.getTime() > expiryOf(current, expiry).getTime() ? addMonths(current, 1) : current;
}

export function listedMonths(tradingDay: Date, rule: MonthRule, expiry: ExpiryRule): YearMonth[] {
  const front = frontMonth(tradingDay, expiry);
  const ahead = (count: number) => Array.from({ length: count }, (_, k) => addMonths(front, k));
  switch (rule.kind) {
    case "consecutive": {
      const near = ahead(rule.near);
      const quarterly: YearMonth[] = [];
      for (let k = rule.near; quarterly.length < rule.quarterly; k++) {
        const ym = addMonths(front, k);
        if (ym.month % 3 === 0) quarterly.push(ym);
      }
      return [...near, ...quarterly];
    }
    case "fixed":
      return ahead(12).filter((ym) => rule.months.includes(ym.month));
    case "nearPlusEven":
      return ahead(13).filter((ym, k) => k < rule.near || ym.month % 2 === 0);
  }
}

/** "2601" for January 2026; CZCE writes the year with one digit ("601"). */
export function monthCode(ym: YearMonth, digitsOfYear: 1 | 2): string {
  const year = String(ym.year % 100).padStart(2, "0").slice(-digitsOfYear);
  return `${year}${String(ym.month).padStart(2, "0")}`;
}

/** Calendar days from the trading day to expiry, at least 1. */
export function daysToExpiry(tradingDay: Date, expiry: Date): number {
  return Math.max(1, Math.round((expiry.getTime() - tradingDay.getTime()) / DAY_MS));
}
