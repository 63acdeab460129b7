// The MT5 half of a notebook fixture: starts the simulated terminal and writes <workdir>/.vntrader/
// connect_mt5.json pointing at it, so `%connect mt5` in the notebook reaches it. Returns the teardown.
import { join } from "node:path";
import { findGateway } from "../../../src/catalogue";
import { SettingsStore } from "../../../src/settings";
import { Mt5SimServer } from "./server";

const ZONE_KEY = "服务器时区";

export async function setupMt5Notebook(workdir: string): Promise<() => Promise<void>> {
  // The server runs on UTC+2 like most brokers, which only a catalogue that knows the time-zone setting can
  // pass on to the gateway; without it the gateway assumes UTC, so the simulator then runs on UTC too.
  const zoneKnown = findGateway("MT5")?.settings.some((field) => field.key === ZONE_KEY) ?? false;
  const sim = new Mt5SimServer({ serverOffset: () => (zoneKnown ? 7200 : 0) });
  await sim.start();
  const store = new SettingsStore(join(workdir, ".vntrader"));
  store.save(SettingsStore.connectFile("MT5"), {
    通讯地址: "127.0.0.1", 请求端口: String(sim.reqPort), 订阅端口: String(sim.subPort),
    ...(zoneKnown ? { [ZONE_KEY]: "UTC+2" } : {}),
  });
  return () => sim.stop();
}
