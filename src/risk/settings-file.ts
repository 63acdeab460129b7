// The risk settings file as the guard sees it: read once, re-read when it changes on disk (a stat at most
// every RECHECK_MS, so an edit is in force a moment later), and written owner-only through the SettingsStore
// when a notebook changes a setting (in force at once).
import { statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { JsonObject, SettingsStore } from "../settings";
import { RISK_SETTING_FILE, isObject, loadRiskSettings, type RiskSettings } from "./settings";

/** How often the file is looked at: a stat costs a few microseconds, too much for every order of a burst. */
export const RECHECK_MS = 100;

export class RiskSettingsFile {
  private cached: RiskSettings | undefined;
  private cachedError: Error | undefined;
  private stamp = "";
  private checkedAt = -Infinity;

  constructor(private readonly store: SettingsStore) {}

  get path(): string {
    return this.store.path(RISK_SETTING_FILE);
  }

  /** The settings in force; throws the load error (naming the file) for as long as the file is invalid. */
  current(): RiskSettings {
    const now = performance.now();
    if (now - this.checkedAt >= RECHECK_MS) {
      this.checkedAt = now;
      const stamp = this.fileStamp();
      if (stamp !== this.stamp || (!this.cached && !this.cachedError)) this.reload(stamp);
    }
    if (this.cachedError) throw this.cachedError;
    return this.cached!;
  }

  /**
   * Merges a change into the file and saves it (owner-only), e.g.
   * `update({rules: {price_band: {enabled: false}}})` or `update({gateways: {CTP: {confirm: {mode: "always"}}}})`.
   * The merged file is checked first: an invalid change is refused and the file is left as it was.
   */
  update(change: JsonObject): RiskSettings {
    const merged = deepMerge(this.store.load(RISK_SETTING_FILE), change);
    const probe = new MemoryStore(merged, this.path);
    loadRiskSettings(probe as unknown as SettingsStore);
    this.store.save(RISK_SETTING_FILE, merged);
    this.checkedAt = -Infinity; // in force for the very next order
    return this.current();
  }

  private reload(stamp: string): void {
    this.stamp = stamp;
    try {
      this.cached = loadRiskSettings(this.store);
      this.cachedError = undefined;
    } catch (error) {
      this.cached = undefined;
      this.cachedError = error instanceof Error ? error : new Error(String(error));
    }
  }

  private fileStamp(): string {
    const stat = statSync(this.path, { throwIfNoEntry: false });
    return stat ? `${stat.mtimeMs}:${stat.size}:${stat.ino}` : "missing";
  }
}

/** Just enough of a SettingsStore to check merged settings before they are written. */
class MemoryStore {
  constructor(
    private readonly data: JsonObject,
    private readonly file: string,
  ) {}

  path(): string {
    return this.file;
  }

  load(): JsonObject {
    return this.data;
  }
}

function deepMerge(base: JsonObject, change: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(change)) {
    const current = merged[key];
    merged[key] = isObject(value) && isObject(current) ? deepMerge(current, value) : value;
  }
  return merged;
}
