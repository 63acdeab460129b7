// Runs every bench/*.bench.ts in its own process; each prints one JSON line {"bench": NAME, ...figures}.
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();
let failed = 0;
for (const file of benches) {
  const run = spawnSync(process.execPath, ["--import", "tsx", join(here, file)], { stdio: ["ignore", "inherit", "inherit"] });
  if (run.status !== 0) {
    failed += 1;
    console.log(JSON.stringify({ bench: file.replace(/\.bench\.ts$/, ""), error: `exited with ${run.status}` }));
  }
}
process.exit(failed ? 1 : 0);
