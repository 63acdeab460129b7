// The preload cell: every export of src/index.ts and of kernel/api.ts becomes a variable of the session,
// typed from their .d.ts files (dist/) so cells are type-checked against the real API.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { log } from "./log";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export interface Preload {
  /** The src/index.ts module, or undefined when it failed to load (only the kernel API is preloaded then). */
  api: Record<string, unknown> | undefined;
  /** TypeScript run as the session's first, invisible cell. */
  source: string;
}

function importLine(path: string, names: string[]): string {
  if (names.length === 0) return "";
  const list = names.join(", ");
  // Without declarations beside the module (running from source) the names are typed `any`.
  return existsSync(`${path}.d.ts`)
    ? `import { ${list} } from ${JSON.stringify(path)};\n`
    : `const { ${list} } = require(${JSON.stringify(path)});\n`;
}

function loadSrc(path: string): Record<string, unknown> | undefined {
  try {
    return require(path) as Record<string, unknown>;
  } catch (err) {
    log.error(`src/index could not be loaded; cells get only the kernel API (display, input, magics)`, err);
    return undefined;
  }
}

/** Builds the preload cell for the kernel running from `kernelDir` (dist/kernel or kernel/). */
export function buildPreload(kernelDir: string): Preload {
  const kernelApiPath = join(kernelDir, "api");
  const kernelNames = Object.keys(require(kernelApiPath) as object).filter((n) => IDENTIFIER.test(n) && n !== "setStdin");
  const srcPath = join(dirname(kernelDir), "src", "index");
  const api = loadSrc(srcPath);
  const srcNames = Object.keys(api ?? {}).filter((n) => IDENTIFIER.test(n) && !kernelNames.includes(n));
  const typesLine = existsSync(`${srcPath}.d.ts`) ? `import type * as vt from ${JSON.stringify(srcPath)};\n` : "";
  return { api, source: importLine(kernelApiPath, kernelNames) + importLine(srcPath, srcNames) + typesLine };
}
