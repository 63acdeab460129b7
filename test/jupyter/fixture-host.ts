// Runs one notebook fixture in its own process (under tsx, as tests run them): `setup(workdir)`, then prints
// READY and keeps the simulators alive until stdin closes, then tears down. Used by test/jupyter/run.mjs.
import { resolve } from "node:path";

async function main(): Promise<void> {
  const [fixturePath, workdir] = process.argv.slice(2);
  const fixture = (await import(resolve(fixturePath))) as { setup(workdir: string): Promise<() => Promise<void>> };
  const teardown = await fixture.setup(workdir);
  process.stdout.write("READY\n");
  process.stdin.resume();
  process.stdin.on("end", () => {
    void teardown().finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`fixture failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
