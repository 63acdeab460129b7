// Builds the native parts (CTP bridge, CTP-compatible simulated counter) with the machine's g++ into build/native/.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, statSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "native");
const ctp = join(root, "native", "ctp");
const include = join(ctp, "include");
const CXX = process.env.CXX ?? "g++";
const FLAGS = ["-std=c++17", "-O2", "-fPIC", "-shared", "-Wall", "-Wno-unused-parameter", `-I${include}`, "-pthread"];

// The simulated counter ships under the SDK's own file names, so it is loaded exactly like SFIT's libraries.
const TARGETS = [
  { output: join(out, "libvnctpbridge.so"), sources: [join(ctp, "bridge", "bridge.cpp")], libs: ["-ldl"] },
  {
    output: join(out, "ctp-sim", "libthosttraderapi_se.so"),
    sources: ["trader_api.cpp", "exchange.cpp", "exchange_reports.cpp"].map((f) => join(ctp, "counter", f)),
    libs: [],
  },
  { output: join(out, "ctp-sim", "libthostmduserapi_se.so"), sources: [join(ctp, "counter", "md_api.cpp")], libs: [] },
];

function mtime(path) {
  try { return statSync(path).mtimeMs; } catch { return 0; }
}

// Headers are shared by every target, so any header change rebuilds everything.
function newestInput(target) {
  const dirs = [include, join(ctp, "bridge"), join(ctp, "counter")];
  const headers = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".h")).map((f) => join(d, f)));
  return Math.max(...[...target.sources, ...headers].map(mtime));
}

function haveCompiler() {
  return spawnSync(CXX, ["--version"], { stdio: "ignore" }).status === 0;
}

if (!haveCompiler()) {
  console.warn(`native: no C++ compiler found (tried "${CXX}"). The CTP gateway needs build/native/libvnctpbridge.so:`
    + " install g++ (Debian/Ubuntu: apt-get install g++) or set CXX, then run `npm run build` again.");
  process.exit(0);
}
for (const target of TARGETS) {
  if (mtime(target.output) > newestInput(target)) continue;
  mkdirSync(dirname(target.output), { recursive: true });
  console.log(`native: building ${target.output.slice(root.length + 1)}`);
  execFileSync(CXX, [...FLAGS, ...target.sources, "-o", target.output, ...target.libs], { stdio: "inherit" });
}
