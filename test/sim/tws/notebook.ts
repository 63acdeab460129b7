// The IB half of a notebook fixture: starts the TWS simulator with quotes that move, and writes
// <workdir>/.vntrader/connect_ib.json pointing at it, so `%connect ib` in the notebook reaches it.
import { join } from "node:path";
import { SettingsStore } from "../../../src/settings";
import { TwsSimulator } from "./server";

const WALK_MS = 250;

export async function setupTwsNotebook(workdir: string): Promise<() => Promise<void>> {
  const sim = new TwsSimulator();
  const port = await sim.start();
  const walk = setInterval(() => moveQuotes(sim), WALK_MS);
  walk.unref();
  new SettingsStore(join(workdir, ".vntrader")).save(SettingsStore.connectFile("IB"), {
    "TWS地址": "127.0.0.1", "TWS端口": port, "客户号": 1, "交易账户": "",
  });
  return async () => {
    clearInterval(walk);
    await sim.stop();
  };
}

/** A small deterministic walk of every quote, one tick size at a time, so live charts have something to show. */
function moveQuotes(sim: TwsSimulator): void {
  const step = Math.floor(Date.now() / WALK_MS);
  for (const contract of sim.contracts) {
    const direction = Math.sin(step * 0.7 + contract.conId) > 0 ? 1 : -1;
    const tick = contract.minTick;
    if (contract.quote.last === 0) continue;
    const decimals = (String(tick).split(".")[1] ?? "").length;
    const onTick = (price: number) => Number(price.toFixed(decimals));
    const last = onTick(contract.quote.last + direction * tick);
    sim.setQuote(contract.conId, {
      last, bid: onTick(last - tick), ask: onTick(last + tick), volume: contract.quote.volume + 100, lastSize: 100,
    });
  }
}
