// What the trading magics share: argument errors turned into the registry's usage errors, cell output, and
// completion of gateway names and contract symbols.
import { CATALOGUE } from "../../src/catalogue";
import type { MainEngine } from "../../src/engine";
import { ArgumentError, parseArgs, type ArgSpec, type ParsedArgs } from "./parse";
import { MagicUsageError, type MagicContext, type MagicDefinition } from "./registry";

export { MagicUsageError, type MagicContext, type MagicDefinition };

/** Parses a magic's arguments; a bad one becomes a MagicUsageError carrying the usage and the problem. */
export function parseOrUsage(usage: string, args: string, spec: ArgSpec): ParsedArgs {
  return usageOnError(usage, () => parseArgs(args, spec));
}

/** Runs `read` (argument readers); an ArgumentError becomes a MagicUsageError with the usage. */
export function usageOnError<T>(usage: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ArgumentError) throw new MagicUsageError(usage, error.message);
    throw error;
  }
}

/** Writes a line into the cell that ran the magic (stdout is routed to the running cell by the kernel). */
export function printLine(ctx: MagicContext, text: string): void {
  ctx.print(`${text}\n`);
}

/** The word being completed (empty after a trailing space) and how many words come before it. */
export function lastToken(args: string): { prefix: string; index: number } {
  const words = args.trimStart().split(/\s+/);
  return { prefix: words.at(-1) ?? "", index: words.length - 1 };
}

/** Gateway names (lower case, as typed in %connect) starting with `prefix`. */
export function completeGateway(prefix: string): string[] {
  const wanted = prefix.toLowerCase();
  return CATALOGUE.map((info) => info.name.toLowerCase()).filter((name) => name.startsWith(wanted));
}

const MAX_SYMBOL_COMPLETIONS = 200;

/** vt_symbols of the contracts the connected gateways listed, whose symbol starts with `prefix`. */
export function completeSymbol(engine: MainEngine, prefix: string): string[] {
  const wanted = prefix.toLowerCase();
  return engine
    .getAllContracts()
    .map((contract) => contract.vt_symbol)
    .filter((vtSymbol) => vtSymbol.toLowerCase().startsWith(wanted))
    .sort()
    .slice(0, MAX_SYMBOL_COMPLETIONS);
}

/** `key=value` completions for option keys and their fixed choices. */
export function completeOptions(prefix: string, options: Readonly<Record<string, readonly string[]>>): string[] {
  const eq = prefix.indexOf("=");
  if (eq < 0) return Object.keys(options).map((key) => `${key}=`).filter((text) => text.startsWith(prefix.toLowerCase()));
  const key = prefix.slice(0, eq).toLowerCase();
  const value = prefix.slice(eq + 1).toUpperCase();
  return (options[key] ?? []).filter((choice) => choice.toUpperCase().startsWith(value)).map((choice) => `${key}=${choice}`);
}

/** Completion for a magic whose first argument is a symbol and later ones are options. */
export function symbolThenOptions(
  engine: MainEngine,
  options: Readonly<Record<string, readonly string[]>> = {},
): (args: string) => string[] {
  return (args) => {
    const { prefix, index } = lastToken(args);
    return index === 0 ? completeSymbol(engine, prefix) : completeOptions(prefix, options);
  };
}
