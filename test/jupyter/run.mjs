// Jupyter-level tests: the official conformance suite, then every notebooks/*.ipynb executed headlessly with
// nbconvert, both against the kernelspec installed into test/.tmp. Exits non-zero if anything fails.
//
// A notebook runs in its own working directory under test/.tmp/notebooks/<name>/. When
// test/notebooks/<name>.fixture.ts exists, its `setup(workdir)` runs first (simulators, .vntrader files) in a
// child process (test/jupyter/fixture-host.ts under tsx), which tears it down when the notebook is done.
// Needs Debian's python3-jupyter-kernel-test and jupyter-nbconvert (they belong to /usr/bin/python3).
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const python = process.env.JUPYTER_PYTHON ?? "/usr/bin/python3";
const tmp = join(root, "test", ".tmp");
const prefix = join(tmp, "jupyter");
const env = {
  ...process.env,
  JUPYTER_PATH: join(prefix, "share", "jupyter"),
  VNTRADER_KERNEL_HISTORY: join(tmp, "history.jsonl"),
  PYTHONWARNINGS: "ignore",
};
const only = process.argv.slice(2);
// A hung kernel must fail the run in minutes, not use up CI's time: every step has a deadline.
const STEP_TIMEOUT_MS = 10 * 60 * 1000;

function report(title, status) {
  process.stdout.write(`== ${status === 0 ? "PASS" : `FAIL (exit ${status})`}: ${title}\n`);
  return status === 0;
}

function runSync(title, command, args, options = {}) {
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(command, args, { stdio: "inherit", env, timeout: STEP_TIMEOUT_MS, killSignal: "SIGKILL", ...options });
  if (result.error?.code === "ETIMEDOUT") process.stdout.write(`${title}: no result after ${STEP_TIMEOUT_MS / 60000} minutes, killed\n`);
  return report(title, result.status ?? result.signal);
}

function runAsync(title, command, args, options = {}) {
  process.stdout.write(`\n== ${title}\n`);
  return new Promise((done) => {
    const child = spawn(command, args, { stdio: "inherit", env, ...options });
    const deadline = setTimeout(() => {
      process.stdout.write(`${title}: no result after ${STEP_TIMEOUT_MS / 60000} minutes, killing it\n`);
      child.kill("SIGKILL");
    }, STEP_TIMEOUT_MS);
    child.on("exit", (code, signal) => {
      clearTimeout(deadline);
      done(report(title, code ?? signal));
    });
  });
}

/** Starts a notebook's fixture host; resolves with a stop function once the fixture says READY. */
function startFixture(fixturePath, workdir) {
  const host = spawn(process.execPath, ["--import", "tsx", join(root, "test", "jupyter", "fixture-host.ts"), fixturePath, workdir], {
    cwd: root, env, stdio: ["pipe", "pipe", "inherit"],
  });
  const stop = () => new Promise((done) => {
    if (host.exitCode !== null) return done();
    host.once("exit", () => done());
    host.stdin.end();
  });
  return new Promise((ready, fail) => {
    let output = "";
    host.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("READY\n")) ready(stop);
    });
    host.once("exit", (code) => fail(new Error(`fixture ${fixturePath} exited with ${code} before it was ready`)));
  });
}

async function runNotebook(name) {
  const base = name.replace(/\.ipynb$/, "");
  const workdir = join(tmp, "notebooks", base);
  rmSync(workdir, { recursive: true, force: true });
  mkdirSync(workdir, { recursive: true });
  copyFileSync(join(root, "notebooks", name), join(workdir, name));
  const fixturePath = join(root, "test", "notebooks", `${base}.fixture.ts`);
  let stopFixture = async () => undefined;
  if (existsSync(fixturePath)) {
    try {
      stopFixture = await startFixture(fixturePath, workdir);
    } catch (err) {
      process.stdout.write(`\n== notebook ${name}\n${err.message}\n`);
      return report(`notebook ${name} (fixture)`, 1);
    }
  }
  try {
    return await runAsync(`notebook ${name}`, python, [
      "-m", "nbconvert", "--to", "notebook", "--execute",
      "--ExecutePreprocessor.kernel_name=vntrader", "--ExecutePreprocessor.timeout=300",
      "--output", `${base}.executed.ipynb`, join(workdir, name),
    ], { cwd: workdir });
  } finally {
    await stopFixture();
  }
}

if (!existsSync(join(root, "dist", "kernel", "main.js"))) {
  runSync("build (tsc)", process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.json")]);
}
if (!runSync("install kernelspec", process.execPath, [join(root, "bin", "vntrader-kernel.js"), "install", "--prefix", prefix])) process.exit(1);

const results = [];
if (only.length === 0 || only.includes("conformance")) {
  results.push(runSync("jupyter_kernel_test conformance", python, ["-m", "unittest", "-v", "test_conformance"], { cwd: join(root, "test", "jupyter") }));
}
const notebooks = readdirSync(join(root, "notebooks"))
  .filter((f) => f.endsWith(".ipynb") && !f.includes(".executed.") && !f.endsWith(".nbconvert.ipynb"))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ipynb$/, "")))
  .sort();
for (const name of notebooks) results.push(await runNotebook(name));

const failed = results.filter((ok) => !ok).length;
process.stdout.write(`\nJupyter: ${results.length - failed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
