// %kill, %unlock and %risk over an engine on SIM: what a notebook user sees printed and tabulated.
import { afterEach, describe, expect, it } from "vitest";
import { riskMagics } from "../../kernel/magics/risk";
import type { MagicContext, MagicDefinition } from "../../kernel/magics/registry";
import { Status } from "../../src/index";
import { refusal, startSim, type Harness } from "./harness";

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

function magics(s: Harness): Record<string, MagicDefinition> {
  return Object.fromEntries(riskMagics(s.engine).map((magic) => [magic.name, magic]));
}

function capture(): MagicContext & { text: () => string } {
  let out = "";
  return {
    print: (text) => void (out += text),
    display: () => undefined,
    input: () => Promise.reject(new Error("no stdin in this test")),
    text: () => out,
  };
}

describe("risk magics", () => {
  it("%kill cancels and locks, %unlock releases", async () => {
    h = await startSim();
    const s = h;
    const m = magics(s);
    const [id] = await s.engine.buy(s.symbol, 1, s.tick.bid_price_1 - 5);
    const out = capture();
    await m.kill.run("", out);
    expect(out.text()).toBe(`kill switch ON: trading locked; asked to cancel 1 active order(s): ${id}. %unlock to trade again.\n`);
    await s.idle();
    expect(s.engine.getOrder(id)!.status).toBe(Status.CANCELLED);
    expect((await refusal(s.engine.buy(s.symbol, 1, s.tick.bid_price_1 - 5))).code).toBe("TRADING_LOCKED");
    const after = capture();
    await m.unlock.run("", after);
    expect(after.text()).toBe("kill switch OFF: orders are accepted again.\n");
    expect(await s.engine.buy(s.symbol, 1, s.tick.bid_price_1 - 5)).toHaveLength(1);
    await expect(m.kill.run("now", capture()) as Promise<unknown>).rejects.toThrow(/%kill takes no arguments/);
    expect(s.engine.risk.locked).toBe(false);
  });

  it("%risk tabulates rules, limits and today's counters", async () => {
    h = await startSim({ risk: { rules: { max_order_volume: { limit: 7 } } } });
    const s = h;
    await s.engine.buy(s.symbol, 1, s.tick.bid_price_1 - 5);
    await s.engine.short(s.symbol, 2, s.tick.bid_price_1 - 5); // crosses the bid: fills at once
    await s.idle();
    const frame = (await magics(s).risk.run("", capture())) as { columns: string[]; toRecords(): Array<Record<string, unknown>> };
    // The kernel shows a DataFrame through polars' own display method, which a column named "limit" breaks.
    expect(Object.keys((frame as unknown as Record<symbol, () => object>)[Symbol.for("Jupyter.display")]())).toContain("text/html");
    expect(frame.columns).toEqual(["gateway", "rule", "enabled", "limits", "today"]);
    const rows = frame.toRecords();
    const byRule = Object.fromEntries(rows.filter((r) => r.gateway === "SIM").map((r) => [r.rule, r]));
    expect(byRule.max_order_volume).toMatchObject({ enabled: true, limits: "7 lots per order" });
    expect(byRule.daily_order_count).toMatchObject({ today: "2 sent today" });
    expect(byRule.max_active_orders).toMatchObject({ today: "1 active" });
    expect(byRule.position_limit).toMatchObject({ today: `${s.symbol} 2 short` });
    expect(byRule.confirm).toMatchObject({ enabled: false, today: "simulated: never asks" });
    expect(rows.at(-1)).toMatchObject({ rule: "kill_switch", today: "unlocked" });
    expect(() => magics(s).risk.run("ctp", capture())).toThrow(/no gateway "ctp" is added \(added: sim\)/);
  });
});
