// The catalogue's public face: the entries, lookup by name, the one-CTP-library-per-process rule and defaults.
import { GATEWAY_ENTRIES } from "./entries";
import type { GatewayInfo } from "./types";

export * from "./types";

/** Every gateway this product knows (SIM first, then the seed's order), whether or not its adapter is built. */
export const CATALOGUE: readonly GatewayInfo[] = GATEWAY_ENTRIES;

const BY_NAME: ReadonlyMap<string, GatewayInfo> = new Map(CATALOGUE.map((info) => [info.name.toUpperCase(), info]));

/** The catalogue entry for a gateway name, ignoring case ("ctp", "Ctp" and "CTP" are the same). */
export function findGateway(name: string): GatewayInfo | undefined {
  return BY_NAME.get(name.toUpperCase());
}

/**
 * The already loaded gateway that `name` cannot be loaded beside, if any. Gateways of one exclusive group
 * link native libraries exporting the same symbols; the same gateway loaded again is no conflict.
 */
export function exclusiveConflict(name: string, loadedNames: Iterable<string>): GatewayInfo | undefined {
  const wanted = findGateway(name);
  if (!wanted?.exclusiveGroup) return undefined;
  for (const loadedName of loadedNames) {
    const loaded = findGateway(loadedName);
    if (loaded && loaded !== wanted && loaded.exclusiveGroup === wanted.exclusiveGroup) return loaded;
  }
  return undefined;
}

/** Why `wanted` cannot be loaded while `loaded` is: one plain sentence naming both and the way out. */
export function exclusiveConflictMessage(wanted: GatewayInfo, loaded: GatewayInfo): string {
  return (
    `${wanted.name} cannot be loaded while ${loaded.name} is loaded: both export the same CTP API symbols, so the ` +
    `library loaded first serves both and the wrong one fails with front-disconnect 4097 or handshake errors; ` +
    `restart the kernel to switch from ${loaded.name} to ${wanted.name}.`
  );
}

/** A gateway's settings before the user changes anything, as vn.py builds them (a list field takes its first choice). */
export function defaultSetting(info: GatewayInfo): Record<string, string | number | boolean> {
  return Object.fromEntries(info.settings.map((field) => [field.key, field.choices ? field.choices[0] : field.default]));
}
