// Fixture of notebooks/safety.ipynb: an empty `.vntrader` in the notebook's working directory, so the demo
// limits the notebook writes (for SIM only) and the audit trail land there, never in the runner's home.
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export async function setup(workdir: string): Promise<() => Promise<void>> {
  mkdirSync(join(workdir, ".vntrader"), { recursive: true, mode: 0o700 });
  return async () => undefined;
}
