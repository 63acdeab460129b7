// The settings store: vn.py's `.vntrader` folder and its JSON files (connect_<name>.json with vn.py's keys),
// so a vn.py user's files work unchanged. Files are written owner-only and atomically; a corrupt file is
// reported and never overwritten; secrets are masked whenever a setting is shown.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { TradingError } from "./core/errors";

/** Environment variable naming the `.vntrader` folder itself (overrides the working directory and home). */
export const SETTINGS_DIR_ENV = "VNTRADER_DIR";

export type JsonObject = Record<string, unknown>;

export const MASK = "******";

/** Keys vn.py uses for secrets (passwords, auth codes, keys), in Chinese and English. */
const SECRET_KEY = /密码|授权|密钥|password|passwd|auth|secret|token|^key$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A copy with every secret value replaced by a mask, for display and logs. Empty secrets stay empty. */
export function maskSecrets<T extends Record<string, unknown>>(setting: T, secretKeys: Iterable<string> = []): T {
  const secrets = new Set(secretKeys);
  const masked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(setting)) {
    masked[key] = (secrets.has(key) || isSecretKey(key)) && value !== "" ? MASK : value;
  }
  return masked as T;
}

/** vn.py's rule: `<cwd>/.vntrader` if it exists, else `~/.vntrader`; VNTRADER_DIR overrides both. */
export function resolveSettingsDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const override = env[SETTINGS_DIR_ENV];
  if (override) return override;
  const local = join(cwd, ".vntrader");
  return existsSync(local) ? local : join(homedir(), ".vntrader");
}

export class SettingsStore {
  constructor(readonly dir: string = resolveSettingsDir()) {}

  path(name: string): string {
    return join(this.dir, name);
  }

  /** A folder inside `.vntrader` (log/, lib/ctp/, ...), created owner-only if missing. */
  folder(name: string): string {
    const path = join(this.dir, name);
    mkdirSync(path, { recursive: true, mode: 0o700 });
    return path;
  }

  /** Reads a JSON object; a missing file reads as {}. A corrupt file throws and is left untouched. */
  load(name: string): JsonObject {
    const path = this.path(name);
    if (!existsSync(path)) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw corrupt(path, error instanceof Error ? error.message : String(error));
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw corrupt(path, "it must hold one JSON object ({...})");
    }
    return parsed as JsonObject;
  }

  /**
   * Writes a JSON object as vn.py does (UTF-8, indent 4, non-ASCII kept), owner-only, via a temporary
   * file and rename so a crash never leaves half a file. Refuses to replace a file it cannot read.
   */
  save(name: string, data: JsonObject): void {
    this.load(name); // throws on a corrupt file, so it is never overwritten
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const path = this.path(name);
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(data, null, 4)}\n`, { encoding: "utf8", mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  }

  /** connect_<name>.json, vn.py's file name for a gateway's settings. */
  static connectFile(gatewayName: string): string {
    return `connect_${gatewayName.toLowerCase()}.json`;
  }

  /** True if the file exists and others than the owner can read it (worth a warning when it holds secrets). */
  isReadableByOthers(name: string): boolean {
    const path = this.path(name);
    return existsSync(path) && (statSync(path).mode & 0o077) !== 0;
  }
}

function corrupt(path: string, reason: string): TradingError {
  return new TradingError(
    "SETTINGS_FILE",
    `${path} is not valid JSON (${reason}). Fix or delete the file; it was left untouched.`,
  );
}
