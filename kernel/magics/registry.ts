// The magic registry: what a magic is, how it is registered and looked up, and the usage error it throws.
import type { DisplayOptions } from "../../src/frame/jupyter";

/** What a magic can do in the cell that runs it (output lands in that cell, even from later callbacks). */
export interface MagicContext {
  /** Writes text to the cell's stdout. */
  print(text: string): void;
  /** Shows a value (or updates a named output) in the cell. */
  display(value: unknown, options?: DisplayOptions): void | Promise<void>;
  /** Asks the user through the front end (stdin); `password` hides what is typed. */
  input(prompt: string, options?: { password?: boolean }): Promise<string>;
}

export interface MagicDefinition {
  /** Typed after `%`: letters, digits, `_` and `-`. */
  readonly name: string;
  /** One line, e.g. "%contracts [PATTERN] [exchange=EX]". */
  readonly usage: string;
  /** One line for %lsmagic. */
  readonly summary: string;
  /** What %help NAME and inspect (Shift-Tab) show. */
  readonly help: string;
  /** Runs with the argument text after `{expr}` interpolation; the value is what the magic line evaluates to. */
  run(args: string, ctx: MagicContext): unknown;
  /** Completions for the last word of `args` (the text typed so far after the name). */
  complete?(args: string): string[];
  /**
   * Rewrites the magic line into TypeScript instead of running it, for magics that act on code (%time).
   * Must return a single line so diagnostics keep their line numbers.
   */
  transform?(args: string): string;
}

/** Bad arguments: shown as the problem plus the usage line, never a stack trace. */
export class MagicUsageError extends Error {
  override readonly name = "MagicUsageError";

  constructor(
    readonly usage: string,
    readonly problem: string,
  ) {
    super(`${problem}\nusage: ${usage}`);
  }
}

const NAME = /^[A-Za-z_][\w-]*$/;
const magics = new Map<string, MagicDefinition>();

/** Adds a magic; a second magic with the same name is a programming error and says which. */
export function registerMagic(magic: MagicDefinition): void {
  if (!NAME.test(magic.name)) throw new Error(`magic name ${JSON.stringify(magic.name)} must match ${NAME}`);
  if (magics.has(magic.name)) throw new Error(`magic %${magic.name} is already registered`);
  magics.set(magic.name, magic);
}

export function findMagic(name: string): MagicDefinition | undefined {
  return magics.get(name);
}

/** Every registered magic, sorted by name. */
export function listMagics(): MagicDefinition[] {
  return [...magics.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The magic named `name`, or a usage error that points at %lsmagic. */
export function requireMagic(name: string): MagicDefinition {
  const magic = magics.get(name);
  if (!magic) throw new MagicUsageError("%lsmagic", `unknown magic %${name}; %lsmagic lists the magics`);
  return magic;
}

/** The text shown by %help NAME, `%NAME?` and inspect. */
export function helpText(magic: MagicDefinition): string {
  return `%${magic.name}: ${magic.summary}\nusage: ${magic.usage}\n\n${magic.help}`;
}
