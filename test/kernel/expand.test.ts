// Magic expansion: which lines are magics, what TypeScript they become, and what `{expr}` evaluates to.
import { describe, expect, it } from "vitest";
import { BUILTIN_MAGICS } from "../../kernel/magics/builtin";
import { argsTemplate, expandMagics, parseMagicLine } from "../../kernel/magics/expand";

/** Evaluates an expanded line with a fake $vt_magic recording what the magic would receive. */
async function argsSeen(line: string, scope: Record<string, unknown> = {}): Promise<{ name: string; args: string }> {
  const calls: { name: string; args: string }[] = [];
  const $vt_magic = async (name: string, args: string) => calls.push({ name, args });
  const run = new Function("$vt_magic", ...Object.keys(scope), `return (async () => { ${expandMagics(line)} })();`);
  await run($vt_magic, ...Object.values(scope));
  return calls[0];
}

describe("parseMagicLine", () => {
  it("recognises a magic alone on its line, with or without arguments", () => {
    expect(parseMagicLine("%lsmagic")).toMatchObject({ name: "lsmagic", args: "", target: "", page: false });
    expect(parseMagicLine("  %contracts rb exchange=SHFE ")).toMatchObject({ indent: "  ", name: "contracts", args: "rb exchange=SHFE" });
    expect(parseMagicLine("%connect?")).toMatchObject({ name: "connect", page: true });
  });

  it("recognises a magic on the right of an assignment", () => {
    expect(parseMagicLine("const df = %contracts rb")).toMatchObject({ target: "const df = ", name: "contracts", args: "rb" });
    expect(parseMagicLine("let { a } = %tick rb2510.SHFE")).toMatchObject({ target: "let { a } = ", name: "tick" });
    expect(parseMagicLine("x = %orders active")).toMatchObject({ target: "x = ", name: "orders", args: "active" });
  });

  it("leaves TypeScript that merely contains % alone", () => {
    for (const line of ["const r = 10 % 3", "x %= 2", "a == %b", "a >= %b", "const s = '%contracts'", "// %lsmagic in a comment"]) {
      expect(parseMagicLine(line)).toBeNull();
    }
  });
});

describe("expandMagics", () => {
  it("turns a magic line into an awaited call, one line for one line", () => {
    const code = "const a = 1;\n%contracts rb\nconst df = %orders active\na";
    const expanded = expandMagics(code);
    expect(expanded.split("\n")).toEqual([
      "const a = 1;",
      'await $vt_magic("contracts", `rb`);',
      'const df = await $vt_magic("orders", `active`);',
      "a",
    ]);
  });

  it("replaces {expr} by the value of the expression", async () => {
    expect(await argsSeen("%buy {sym} {lots * 2} @{price + 1}", { sym: "rb2510.SHFE", lots: 2, price: 3500 })).toEqual({
      name: "buy",
      args: "rb2510.SHFE 4 @3501",
    });
  });

  it("keeps nested braces inside {expr}, and {{ }} as literal braces", async () => {
    expect(await argsSeen("%log {[1, 2].map((n) => { return n * 10; }).join()} {{raw}}")).toEqual({ name: "log", args: "10,20 {raw}" });
  });

  it("passes backticks, backslashes and $ through literally; only {expr} is evaluated", async () => {
    expect(await argsSeen("%log a`b \\n $5 ${1 + 1}")).toEqual({ name: "log", args: "a`b \\n $5 $2" });
  });

  it("rejects an unclosed { with the magic's text", () => {
    expect(() => argsTemplate("rb {oops")).toThrow("unclosed { in magic arguments: rb {oops");
  });

  it("pages a magic's help for %name?", () => {
    expect(expandMagics("%connect?")).toBe('$vt_page("connect");');
  });

  it("lets a magic rewrite its own line (%time), keeping declarations at top level", () => {
    const time = BUILTIN_MAGICS.find((m) => m.name === "time")!;
    const lookup = (name: string) => (name === "time" ? time.transform : undefined);
    expect(expandMagics("%time const x = load()", lookup)).toBe("$vt_timeStart(); const x = load(); $vt_timeEnd();");
    expect(expandMagics("const r = %time fib(20)", lookup)).toBe("const r = await $vt_time(async () => (fib(20)));");
  });

  it("returns code without % untouched", () => {
    const code = "const a = 1;\n`multi\nline`";
    expect(expandMagics(code)).toBe(code);
  });
});
