// The kernel's own magics: %lsmagic, %help [MAGIC], %time STATEMENT.
import { DISPLAY, type Displayable } from "../../src/frame/jupyter";
import { findMagic, helpText, listMagics, MagicUsageError, requireMagic, type MagicDefinition } from "./registry";

/** Runtime names %time's expansion calls (kernel/api.ts defines them). */
export const TIME_EXPRESSION = "$vt_time";
export const TIME_START = "$vt_timeStart";
export const TIME_END = "$vt_timeEnd";

/** A block of text shown as is (a string value would be shown quoted). */
export function textBlock(text: string): Displayable {
  return { [DISPLAY]: () => ({ "text/plain": text }) };
}

function magicTable(): string {
  const magics = listMagics();
  const width = Math.max(...magics.map((m) => m.name.length)) + 1;
  return magics.map((m) => `%${m.name.padEnd(width)} ${m.summary}`).join("\n");
}

const lsmagic: MagicDefinition = {
  name: "lsmagic",
  usage: "%lsmagic",
  summary: "list every magic with a one-line summary",
  help: "Lists the line magics this kernel knows. `%help NAME` or `%NAME?` shows one in full.",
  run: (args) => {
    if (args.trim()) throw new MagicUsageError("%lsmagic", `%lsmagic takes no arguments, got "${args.trim()}"`);
    return textBlock(`Line magics (a line starting with %; {expr} inserts a value; const x = %magic binds its value):\n${magicTable()}`);
  },
};

const help: MagicDefinition = {
  name: "help",
  usage: "%help [MAGIC]",
  summary: "show how to use a magic (or list them all)",
  help: "`%help connect` shows the usage and description of %connect; `%help` alone lists every magic.",
  run: (args) => {
    const name = args.trim().replace(/^%/, "");
    if (!name) return textBlock(`${magicTable()}\n\n%help NAME for details.`);
    if (/\s/.test(name)) throw new MagicUsageError("%help [MAGIC]", `one magic name expected, got "${name}"`);
    return textBlock(helpText(requireMagic(name)));
  },
  complete: (args) => listMagics().map((m) => m.name).filter((n) => n.startsWith(args.trim().replace(/^%/, ""))),
};

/** Declarations and control flow cannot be wrapped in a function without losing their bindings. */
const STATEMENT = /^(const|let|var|function|class|if|for|while|do|switch|try|import|type|interface|enum)\b/;

const time: MagicDefinition = {
  name: "time",
  usage: "%time STATEMENT",
  summary: "run a statement or expression once and print its wall time",
  help:
    "`%time fib(30)` evaluates the expression, prints `Wall time: ...` and gives its value (so `const r = %time f()` " +
    "works). `%time const x = load()` keeps `x` for later cells. The statement may use await.",
  run: () => {
    throw new MagicUsageError("%time STATEMENT", "%time rewrites its line; it cannot be called as a function");
  },
  transform: (args) => {
    const code = args.trim();
    if (!code) throw new MagicUsageError("%time STATEMENT", "nothing to time");
    if (STATEMENT.test(code)) return `${TIME_START}(); ${code.replace(/;\s*$/, "")}; ${TIME_END}();`;
    return `await ${TIME_EXPRESSION}(async () => (${code.replace(/;\s*$/, "")}));`;
  },
};

export const BUILTIN_MAGICS: readonly MagicDefinition[] = [lsmagic, help, time];

/** Used by expansion: the transform of a magic that rewrites its line, if it has one. */
export function transformOf(name: string): ((args: string) => string) | undefined {
  const magic = findMagic(name);
  return magic?.transform?.bind(magic);
}
