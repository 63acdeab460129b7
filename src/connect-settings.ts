// Resolves the settings a gateway connects with: catalogue defaults <- connect_<name>.json <- arguments,
// each value coerced to the field's type (vn.py's rule), choices checked, unknown keys refused, and a
// missing secret asked for through the prompter. Errors name the field, its file and how to fix it.
import type { GatewayInfo, SettingField } from "./catalogue/types";
import { TradingError } from "./core/errors";
import type { GatewaySetting } from "./core/gateway";
import { SettingsStore } from "./settings";

/** Asks the user something (the kernel's stdin); `password` hides the typed text. */
export type Prompter = (question: string, options: { password: boolean }) => Promise<string>;

export interface ResolvedSetting {
  /** What the gateway receives. */
  setting: GatewaySetting;
  /** The values given as arguments, keyed by vn.py key (what may be saved back). */
  given: Record<string, string | number | boolean>;
}

export async function resolveSetting(
  info: GatewayInfo,
  stored: Record<string, unknown>,
  overrides: Record<string, unknown>,
  prompter: Prompter | undefined,
): Promise<ResolvedSetting> {
  const file = SettingsStore.connectFile(info.name);
  const given: Record<string, string | number | boolean> = {};
  for (const [name, raw] of Object.entries(overrides)) {
    const field = fieldByName(info, name);
    given[field.key] = coerce(field, raw, "argument");
  }
  const setting: Record<string, string | number | boolean> = {};
  for (const field of info.settings) {
    const fromFile = stored[field.key];
    const value = given[field.key] ?? (fromFile === undefined ? defaultOf(field) : coerce(field, fromFile, file));
    setting[field.key] = value;
  }
  for (const field of info.settings) {
    if (!field.required || !isMissing(setting[field.key])) continue;
    if (field.secret && prompter) {
      setting[field.key] = await prompter(`${info.name} ${field.label} (${field.key}): `, { password: true });
      if (!isMissing(setting[field.key])) continue;
    }
    throw new TradingError(
      "BAD_SETTING",
      `${info.name} needs ${field.label} (${field.key}): set it in ${file} or pass ${field.key}=... to %connect`,
    );
  }
  return { setting, given };
}

/** A field by its vn.py key, or by its English label written with spaces or underscores (case-insensitive). */
function fieldByName(info: GatewayInfo, name: string): SettingField {
  const wanted = normalise(name);
  const field = info.settings.find((f) => f.key === name || normalise(f.key) === wanted || normalise(f.label) === wanted);
  if (field) return field;
  const known = info.settings.map((f) => `${f.key} (${f.label})`).join(", ");
  throw new TradingError("BAD_SETTING", `${info.name} has no setting "${name}"; its settings are: ${known}`);
}

/** An empty text, or a port or id left at 0, counts as not given. */
function isMissing(value: string | number | boolean): boolean {
  return value === "" || value === 0;
}

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, "_");
}

function defaultOf(field: SettingField): string | number | boolean {
  return field.choices ? field.choices[0] : field.default;
}

/** vn.py converts with type(default)(text); we do the same but refuse what does not convert. */
function coerce(field: SettingField, raw: unknown, source: string): string | number | boolean {
  const text = typeof raw === "string" ? raw.trim() : raw;
  if (field.choices) {
    const value = String(text);
    if (!field.choices.includes(value)) {
      throw new TradingError("BAD_SETTING", `${field.key} (${field.label}) in ${source} is "${value}"; choose one of: ${field.choices.join(", ")}`);
    }
    return value;
  }
  switch (typeof field.default) {
    case "number": {
      const value = typeof text === "number" ? text : Number(text);
      if (text === "" || !Number.isFinite(value)) {
        throw new TradingError("BAD_SETTING", `${field.key} (${field.label}) in ${source} must be a number, got "${String(raw)}"`);
      }
      return value;
    }
    case "boolean":
      if (text === true || text === "true" || text === "True" || text === "1") return true;
      if (text === false || text === "false" || text === "False" || text === "0") return false;
      throw new TradingError("BAD_SETTING", `${field.key} (${field.label}) in ${source} must be true or false, got "${String(raw)}"`);
    default:
      return String(text ?? "");
  }
}
