// Test harness: builds the bridge and simulated counter, binds the counter's test hooks, runs a gateway on it.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import koffi from "koffi";
import { afterEach, beforeAll } from "vitest";
import { EventEngine } from "../../src/core/event-engine";
import type { Event } from "../../src/core/event";
import type { LogData } from "../../src/core/object";
import { CtpGateway, FACTORIES, simulatedCounterDir, type FlavourName } from "../../src/gateways/ctp";

export const ROOT = join(__dirname, "..", "..");

/** Builds (incrementally) exactly as `npm run build` does, so tests load what users load. */
export function buildNative(): void {
  execFileSync(process.execPath, [join(ROOT, "native", "build.mjs")], { stdio: "inherit" });
}

export const TRADER_LIB = join(simulatedCounterDir(), "libthosttraderapi_se.so");
export const MD_LIB = join(simulatedCounterDir(), "libthostmduserapi_se.so");

/** The counter's exported test hooks (same library instance the bridge dlopen()s). */
export function counterHooks() {
  const td = koffi.load(TRADER_LIB);
  const md = koffi.load(MD_LIB);
  return {
    reset: td.func("void ctpsim_td_reset()"),
    setCredentials: td.func("void ctpsim_td_set_credentials(const char *, const char *)"),
    setQueryIntervalMs: td.func("void ctpsim_td_set_query_interval_ms(int)"),
    rejectNextQueries: td.func("void ctpsim_td_reject_next_queries(int)"),
    replayAllOnRelogin: td.func("void ctpsim_td_replay_all_on_relogin(int)"),
    skipFlowOnRelogin: td.func("void ctpsim_td_skip_flow_on_relogin(int)"),
    setPrice: td.func("void ctpsim_td_set_price(const char *, double)"),
    setLiquidity: td.func("void ctpsim_td_set_liquidity(const char *, int)"),
    setLotPerTrade: td.func("void ctpsim_td_set_lot_per_trade(int)"),
    lastProductionMode: td.func("int ctpsim_td_last_production_mode()"),
    requireProductionMode: td.func("void ctpsim_td_require_production_mode(int)"),
    tradeCount: td.func("int ctpsim_td_trade_count()"),
    orderCount: td.func("int ctpsim_td_order_count()"),
    dropTraderFront: td.func("void ctpsim_td_drop_front(int, int)"),
    restoreTraderFront: td.func("void ctpsim_td_restore_front()"),
    setTickRate: md.func("void ctpsim_md_set_tick_rate(double)"),
    injectTick: md.func("void ctpsim_md_inject_tick(const char *, double, const char *, const char *, int)"),
    burst: md.func("void ctpsim_md_burst(const char *, int, double)"),
    dropMdFront: md.func("void ctpsim_md_drop_front(int, int)"),
    restoreMdFront: md.func("void ctpsim_md_restore_front()"),
  };
}
export type CounterHooks = ReturnType<typeof counterHooks>;

export const SIM_SETTING = {
  用户名: "000001", 密码: "secret-pw", 经纪商代码: "9999", 交易服务器: "127.0.0.1:41205", 行情服务器: "127.0.0.1:41213",
  产品名称: "", 授权编码: "", lib_dir: simulatedCounterDir(),
} as const;

/** An event engine plus a gateway on it, recording every event for assertions. */
export class Rig {
  readonly events = new EventEngine({ timerIntervalMs: 1000 });
  readonly seen: Event[] = [];
  readonly gateway: CtpGateway;

  constructor(flavour: FlavourName = "CTP", name: string = flavour) {
    // A fresh working folder and .vntrader (flow files, library lookup) per rig, never the user's own.
    process.chdir(mkdtempSync(join(tmpdir(), "vntrader-ctp-")));
    process.env.VNTRADER_DIR = join(process.cwd(), ".vntrader");
    this.gateway = FACTORIES[flavour](this.events, name) as CtpGateway;
    this.events.registerGeneral((e) => { if (e.type !== "eTimer") this.seen.push(e); });
    this.events.start();
  }

  of<T>(type: string): T[] {
    return this.seen.filter((e) => e.type === type).map((e) => e.data as T);
  }

  logs(): string[] {
    return this.of<LogData>("eLog").map((l) => l.msg);
  }

  /** Polls until `check` returns a value (not undefined/false), or fails naming what it waited for. */
  async until<T>(what: string, check: () => T | undefined | false, timeoutMs = 8000): Promise<T> {
    const start = Date.now();
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; logs: ${this.logs().join(" | ")}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.events.stop();
  }
}

/**
 * Per test file: builds and binds the counter once; after each test closes every rig it made and resets the
 * counter (its book is process-wide), so tests never see each other's orders.
 */
export function useCounter() {
  let hooks: CounterHooks | undefined;
  const rigs: Rig[] = [];
  beforeAll(() => {
    buildNative();
    hooks = counterHooks();
  });
  afterEach(async () => {
    for (const rig of rigs.splice(0)) await rig.close();
    hooks?.reset();
  });
  return {
    get sim(): CounterHooks {
      if (!hooks) throw new Error("the counter is bound in beforeAll");
      return hooks;
    },
    rig(flavour: FlavourName = "CTP"): Rig {
      const rig = new Rig(flavour);
      rigs.push(rig);
      return rig;
    },
    /** A CTP rig logged in to the counter with generated ticks off (tests inject their own). */
    async connected(setting: Record<string, string> = SIM_SETTING): Promise<Rig> {
      this.sim.setTickRate(0);
      const rig = this.rig();
      await rig.gateway.connect(setting);
      return rig;
    },
  };
}
