// Registers the kernel's magics at start-up: the built-in ones, then the trading and risk magics over the
// engine singleton when their modules are present (they are written separately in kernel/magics/).
import { log } from "../log";
import { BUILTIN_MAGICS } from "./builtin";
import { registerMagic, type MagicDefinition } from "./registry";

/** Module (relative to this folder) and the factory it exports, each taking the engine. */
const ENGINE_MAGIC_MODULES: ReadonlyArray<readonly [string, string]> = [
  ["./trading", "tradingMagics"],
  ["./risk", "riskMagics"],
];

type MagicFactory = (engine: unknown) => MagicDefinition[];

function loadFactory(path: string, exportName: string): MagicFactory | undefined {
  try {
    const factory = (require(path) as Record<string, unknown>)[exportName];
    if (typeof factory === "function") return factory as MagicFactory;
    log.warn(`magic module ${path} does not export ${exportName}`);
  } catch (err) {
    log.warn(`magic module ${path} not loaded`, err);
  }
  return undefined;
}

/** Registers every magic; `engine` is undefined when src/ could not be loaded (only built-ins then). */
export function loadMagics(engine: unknown): void {
  for (const magic of BUILTIN_MAGICS) registerMagic(magic);
  if (engine === undefined) return;
  for (const [path, exportName] of ENGINE_MAGIC_MODULES) {
    const factory = loadFactory(path, exportName);
    for (const magic of factory?.(engine) ?? []) {
      try {
        registerMagic(magic);
      } catch (err) {
        log.error(`magic %${magic.name} from ${path} not registered`, err);
      }
    }
  }
}
