// Argument parsing for line magics: whitespace tokens (quotes keep spaces), key=value options, an @PRICE
// token, and typed readers (numbers, symbols, dates, choices). Every failure names the token it stopped at.
import { Exchange, isExchange } from "../../src/core/constant";
import { splitVtSymbol } from "../../src/core/object";

/** A bad argument: `token` is the text the user wrote that could not be read (empty when one is missing). */
export class ArgumentError extends Error {
  override readonly name = "ArgumentError";

  constructor(
    readonly token: string,
    readonly reason: string,
  ) {
    super(token ? `at "${token}": ${reason}` : reason);
  }
}

export interface ArgSpec {
  /** Names of positional arguments, for messages; those after `required` are optional. */
  readonly positional: readonly string[];
  readonly required?: number;
  /** More positionals than named are allowed (e.g. %subscribe A B C). */
  readonly variadic?: boolean;
  /** Allowed option keys (lower case); "any" accepts every key (gateway settings). */
  readonly options?: readonly string[] | "any";
  /** Whether an @PRICE token is allowed. */
  readonly price?: boolean;
}

export interface ParsedArgs {
  readonly positional: readonly string[];
  readonly options: Readonly<Record<string, string>>;
  readonly price?: string;
}

/**
 * Splits on whitespace. Quotes group: `"two words"` and `key="two words"` are one token each, quotes removed.
 * (A quoted token is never an option or a price: `"a=b"` stays positional.)
 */
export function tokenize(args: string): Token[] {
  const tokens: Token[] = [];
  let text = "";
  let quoted = false;
  let started = false;
  let quote: string | undefined;
  for (const char of args) {
    if (quote) {
      if (char === quote) quote = undefined;
      else text += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      quoted ||= text === "";
      started = true;
    } else if (/\s/.test(char)) {
      if (started) tokens.push({ text, quoted });
      text = "";
      quoted = false;
      started = false;
    } else {
      text += char;
      started = true;
    }
  }
  if (quote) throw new ArgumentError(`${quote}${text}`, "a quote is not closed; end the value with a matching quote");
  if (started) tokens.push({ text, quoted });
  return tokens;
}

export interface Token {
  readonly text: string;
  /** Began with a quote: taken literally, never as an option or price. */
  readonly quoted: boolean;
}

export function parseArgs(args: string, spec: ArgSpec): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  let price: string | undefined;
  for (const { text: token, quoted } of tokenize(args)) {
    if (quoted) {
      pushPositional(positional, token, spec);
    } else if (token.startsWith("@")) {
      if (!spec.price) throw new ArgumentError(token, "this magic takes no @PRICE");
      if (price !== undefined) throw new ArgumentError(token, `the price is already given as @${price}`);
      price = token.slice(1);
      if (!price) throw new ArgumentError(token, "write the price right after @, e.g. @3500");
    } else if (isOption(token)) {
      const eq = token.indexOf("=");
      const key = token.slice(0, eq);
      const normal = spec.options === "any" ? key : key.toLowerCase();
      if (spec.options !== "any" && !(spec.options ?? []).includes(normal)) {
        const allowed = spec.options?.length ? `; options are ${spec.options.map((o) => `${o}=`).join(", ")}` : "";
        throw new ArgumentError(token, `unknown option "${key}"${allowed}`);
      }
      if (normal in options) throw new ArgumentError(token, `${key} is given twice`);
      options[normal] = token.slice(eq + 1);
    } else {
      pushPositional(positional, token, spec);
    }
  }
  const required = spec.required ?? spec.positional.length;
  if (positional.length < required) {
    throw new ArgumentError("", `missing ${spec.positional.slice(positional.length, required).join(" ")}`);
  }
  return { positional, options, price };
}

function pushPositional(positional: string[], token: string, spec: ArgSpec): void {
  if (!spec.variadic && positional.length >= spec.positional.length) {
    throw new ArgumentError(token, `unexpected argument (expected ${describePositionals(spec)})`);
  }
  positional.push(token);
}

function isOption(token: string): boolean {
  const eq = token.indexOf("=");
  return eq > 0 && !token.startsWith("=");
}

function describePositionals(spec: ArgSpec): string {
  return spec.positional.length ? spec.positional.join(" ") : "no arguments";
}

// ---- typed readers ------------------------------------------------------------------------------------

export function readNumber(token: string, what: string): number {
  const value = Number(token);
  if (token.trim() === "" || !Number.isFinite(value)) throw new ArgumentError(token, `${what} must be a number`);
  return value;
}

export function readPositiveInteger(token: string, what: string, max = Number.MAX_SAFE_INTEGER): number {
  const value = readNumber(token, what);
  if (!Number.isInteger(value) || value <= 0 || value > max) {
    throw new ArgumentError(token, `${what} must be a whole number from 1 to ${max}`);
  }
  return value;
}

/** A vt_symbol such as rb2505.SHFE (checked for shape only; the engine checks it exists). */
export function readVtSymbol(token: string): string {
  try {
    splitVtSymbol(token);
  } catch (error) {
    throw new ArgumentError(token, (error as Error).message);
  }
  return token;
}

export function readExchange(token: string): Exchange {
  const upper = token.toUpperCase();
  if (!isExchange(upper)) {
    throw new ArgumentError(token, `unknown exchange; use a vn.py exchange code such as ${Object.values(Exchange).slice(0, 6).join(", ")}`);
  }
  return upper;
}

/** One of `choices`, case-insensitive; returns the choice as spelled in `choices`. */
export function readChoice<T extends string>(token: string, choices: readonly T[], what: string): T {
  const found = choices.find((choice) => choice.toLowerCase() === token.toLowerCase());
  if (!found) throw new ArgumentError(token, `${what} must be one of ${choices.join(", ")}`);
  return found;
}

const CHINA_OFFSET = "+08:00";
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date or date-time, read as China time unless it says its zone (Z or ±hh:mm): 2025-01-02,
 * 2025-01-02T09:30, 2025-01-02T09:30:15, 2025-01-02T01:30Z.
 */
export function readDate(token: string, what: string): Date {
  const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(token) && /^\d{4}-\d{2}-\d{2}T/.test(token);
  const match = DATE_PATTERN.exec(token);
  if (!zoned && !match) {
    throw new ArgumentError(token, `${what} must be a date like 2025-01-02 or 2025-01-02T09:30 (China time)`);
  }
  const iso = zoned ? token : `${match![1]}-${match![2]}-${match![3]}T${match![4] ?? "00"}:${match![5] ?? "00"}:${match![6] ?? "00"}${CHINA_OFFSET}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || (!zoned && !sameCalendarDay(date, match!))) {
    throw new ArgumentError(token, `${what} is not a real date or time`);
  }
  return date;
}

/** Date accepts 2025-02-30 by rolling over to March; a trader typing that made a mistake. */
function sameCalendarDay(date: Date, match: RegExpExecArray): boolean {
  const china = new Date(date.getTime() + 8 * 3600_000);
  return china.getUTCDate() === Number(match[3]) && china.getUTCMonth() + 1 === Number(match[2]);
}
