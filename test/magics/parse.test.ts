// Magic argument parsing: tokens, key=value options, @price, typed readers; every error names the bad token.
import { describe, expect, it } from "vitest";
import {
  ArgumentError, parseArgs, readChoice, readDate, readExchange, readNumber, readPositiveInteger, readVtSymbol, tokenize,
} from "../../kernel/magics/parse";

function errorOf(fn: () => unknown): ArgumentError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ArgumentError) return error;
    throw error;
  }
  throw new Error("expected an ArgumentError");
}

describe("tokenize", () => {
  it("splits on whitespace and keeps quoted text together", () => {
    expect(tokenize(`  a  "b c" key="d e" 'f'`).map((t) => t.text)).toEqual(["a", "b c", "key=d e", "f"]);
    expect(tokenize(`"x=y"`)).toEqual([{ text: "x=y", quoted: true }]);
    expect(tokenize("")).toEqual([]);
  });

  it("names an unclosed quote", () => {
    expect(errorOf(() => tokenize(`a "b c`)).message).toMatch(/at ""b c": a quote is not closed/);
  });
});

describe("parseArgs", () => {
  const order = { positional: ["VT_SYMBOL", "VOLUME"], options: ["type"], price: true };

  it("separates positionals, options and the price", () => {
    expect(parseArgs("rb2505.SHFE 2 @3500 type=FAK", order)).toEqual({
      positional: ["rb2505.SHFE", "2"], options: { type: "FAK" }, price: "3500",
    });
    expect(parseArgs("rb2505.SHFE 1", order).price).toBeUndefined();
  });

  it("names an unknown option and lists the known ones", () => {
    const error = errorOf(() => parseArgs("rb2505.SHFE 1 typo=LIMIT", order));
    expect(error.token).toBe("typo=LIMIT");
    expect(error.message).toContain('unknown option "typo"; options are type=');
  });

  it("names an extra argument, a second price and a missing one", () => {
    expect(errorOf(() => parseArgs("rb2505.SHFE 1 3500", order)).message).toBe(
      'at "3500": unexpected argument (expected VT_SYMBOL VOLUME)',
    );
    expect(errorOf(() => parseArgs("rb2505.SHFE 1 @1 @2", order)).token).toBe("@2");
    expect(errorOf(() => parseArgs("rb2505.SHFE", order)).message).toBe("missing VOLUME");
    expect(errorOf(() => parseArgs("x @5", { positional: ["X"] })).message).toBe('at "@5": this magic takes no @PRICE');
    expect(errorOf(() => parseArgs("rb2505.SHFE 1 type=FAK type=FOK", order)).message).toContain("given twice");
  });

  it("accepts any setting key when told to, keeping its case", () => {
    expect(parseArgs("ctp 用户名=0001 Address='tcp://a b'", { positional: ["NAME"], options: "any" }).options).toEqual({
      用户名: "0001", Address: "tcp://a b",
    });
  });

  it("variadic positionals take any number", () => {
    expect(parseArgs("a.SHFE b.DCE c.CZCE", { positional: ["VT_SYMBOL"], variadic: true }).positional).toHaveLength(3);
  });
});

describe("typed readers", () => {
  it("numbers and whole numbers", () => {
    expect(readNumber("3500.5", "price")).toBe(3500.5);
    expect(errorOf(() => readNumber("35o0", "price")).message).toBe('at "35o0": price must be a number');
    expect(readPositiveInteger("3", "volume")).toBe(3);
    expect(errorOf(() => readPositiveInteger("1.5", "N")).token).toBe("1.5");
    expect(errorOf(() => readPositiveInteger("0", "N")).message).toContain("from 1");
  });

  it("vt_symbols, exchanges and choices", () => {
    expect(readVtSymbol("rb2505.SHFE")).toBe("rb2505.SHFE");
    expect(errorOf(() => readVtSymbol("rb2505")).message).toMatch(/^at "rb2505": .*SYMBOL\.EXCHANGE/);
    expect(readExchange("shfe")).toBe("SHFE");
    expect(errorOf(() => readExchange("XXX")).token).toBe("XXX");
    expect(readChoice("fak", ["LIMIT", "MARKET", "FAK", "FOK"], "type")).toBe("FAK");
    expect(errorOf(() => readChoice("STOPX", ["LIMIT", "MARKET"], "type")).message).toBe('at "STOPX": type must be one of LIMIT, MARKET');
  });

  it("dates are China time unless zoned, and impossible dates are refused", () => {
    expect(readDate("2025-01-02", "START").toISOString()).toBe("2025-01-01T16:00:00.000Z");
    expect(readDate("2025-01-02T09:30", "START").toISOString()).toBe("2025-01-02T01:30:00.000Z");
    expect(readDate("2025-01-02T09:30:15", "START").toISOString()).toBe("2025-01-02T01:30:15.000Z");
    expect(readDate("2025-01-02T01:30Z", "START").toISOString()).toBe("2025-01-02T01:30:00.000Z");
    expect(errorOf(() => readDate("2025-02-30", "START")).message).toBe('at "2025-02-30": START is not a real date or time');
    expect(errorOf(() => readDate("yesterday", "END")).message).toContain("END must be a date like 2025-01-02");
  });
});
