// Fixture of notebooks/history.ipynb: the TWS simulator (connect_ib.json) and, when its simulator is in the
// tree, the MT5 bridge simulator (connect_mt5.json), both on free loopback ports. Returns one teardown.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { setupTwsNotebook } from "../sim/tws/notebook";

export async function setup(workdir: string): Promise<() => Promise<void>> {
  const teardowns = [await setupTwsNotebook(workdir)];
  if (existsSync(join(__dirname, "..", "sim", "mt5"))) {
    const mt5 = await import("../sim/mt5");
    teardowns.push(await mt5.setupMt5Notebook(workdir));
  }
  return async () => {
    for (const teardown of teardowns.reverse()) await teardown();
  };
}
