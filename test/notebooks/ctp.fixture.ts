// Fixture of notebooks/ctp.ipynb: the simulated CTP counter's libraries linked into <workdir>/.vntrader/lib/ctp/
// (where a user drops the SDK's) and connect_ctp.json with vn.py's keys, so `%connect ctp` reaches the counter.
import { execFileSync } from "node:child_process";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { SettingsStore } from "../../src/settings";
import { simulatedCounterDir } from "../../src/gateways/ctp";

const LIBRARIES = ["libthosttraderapi_se.so", "libthostmduserapi_se.so"];

export async function setup(workdir: string): Promise<() => Promise<void>> {
  execFileSync(process.execPath, [join(__dirname, "..", "..", "native", "build.mjs")], { stdio: "ignore" });
  const store = new SettingsStore(join(workdir, ".vntrader"));
  const libDir = store.folder(join("lib", "ctp"));
  for (const file of LIBRARIES) symlinkSync(join(simulatedCounterDir(), file), join(libDir, file));
  store.save(SettingsStore.connectFile("CTP"), {
    用户名: "000001", 密码: "simulated", 经纪商代码: "9999", 交易服务器: "tcp://127.0.0.1:41205",
    行情服务器: "tcp://127.0.0.1:41213", 产品名称: "", 授权编码: "", 柜台环境: "实盘",
  });
  return async () => undefined;
}
