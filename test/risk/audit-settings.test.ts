// The audit trail (one JSON line per order and cancel request, accepted or refused, nothing secret) and the
// risk settings file (a corrupt or unknown setting refuses to trade; rules are turned off by name).
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { RECHECK_MS } from "../../src/risk/settings-file";
import { only, refusal, startSim, type Harness } from "./harness";

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** An edit made outside the engine is in force once the file is looked at again. */
const pickedUp = () => new Promise((resolve) => setTimeout(resolve, RECHECK_MS + 20));

const PASSWORD = "Pa55-w0rd-never-logged";
const AUTH_CODE = "AUTH-0000-SECRET-CODE";

function auditLines(s: Harness): Array<Record<string, unknown>> {
  s.engine.risk.audit.flush();
  const text = readFileSync(s.engine.risk.audit.fileFor(), "utf8");
  return text.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("audit trail", () => {
  it("writes one line per order and cancel request, accepted or refused, with nothing secret", async () => {
    h = await startSim({
      gatewayName: "CTPTEST",
      risk: { gateways: { CTPTEST: { confirm: { mode: "never" } } } },
      connectSetting: {
        用户名: "000001", 密码: PASSWORD, 经纪商代码: "9999", 交易服务器: "tcp://127.0.0.1:1",
        行情服务器: "tcp://127.0.0.1:2", 产品名称: "client_test", 授权编码: AUTH_CODE,
      },
    });
    const s = h;
    const price = s.tick.bid_price_1 - 20; // SIM's market moves here (2 ticks a second): stay clear of a fill
    const [accepted] = await s.engine.buy(s.symbol, 1, price);
    await refusal(s.engine.buy(s.symbol, 21, price)); // risk rule
    await refusal(s.engine.buy("xx9999.SHFE", 1, 100)); // the engine's own validation
    await refusal(s.engine.buy(s.symbol, 1, price + 0.5)); // off the price tick
    await s.idle();
    s.engine.cancelOrder(accepted);
    expect(() => s.engine.cancelOrder("CTPTEST.nope")).toThrow(/no order CTPTEST\.nope/);
    const [second] = await s.engine.buy(s.symbol, 1, price);
    await s.engine.kill();
    await refusal(s.engine.buy(s.symbol, 1, price)); // locked

    const lines = auditLines(s);
    const summary = lines.map((l) => [l.kind, l.outcome, l.code ?? "", l.rule ?? "", l.source ?? ""]);
    expect(summary).toEqual([
      ["order", "accepted", "", "", ""],
      ["order", "refused", "RISK_REFUSED", "max_order_volume", ""],
      ["order", "refused", "UNKNOWN_SYMBOL", "", ""],
      ["order", "refused", "BAD_PRICE", "", ""],
      ["cancel", "accepted", "", "", ""],
      ["cancel", "refused", "UNKNOWN_ORDER", "", ""],
      ["order", "accepted", "", "", ""],
      ["cancel", "accepted", "", "", "kill"],
      ["order", "refused", "TRADING_LOCKED", "kill_switch", ""],
    ]);
    expect(lines[0]).toMatchObject({ gateway: "CTPTEST", vt_orderids: [accepted], request: { vt_symbol: s.symbol, volume: 1, price } });
    expect(lines[1].message).toBe("refused: volume 21 exceeds the per-order limit of 20 lots (risk rule max_order_volume)");
    expect(lines[7]).toMatchObject({ request: { vt_orderid: second } });
    for (const line of lines) expect(Date.parse(line.time as string)).not.toBeNaN();

    const file = s.engine.risk.audit.fileFor();
    const raw = readFileSync(file, "utf8");
    expect(raw).not.toContain(PASSWORD);
    expect(raw).not.toContain(AUTH_CODE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(file).toMatch(/\.vntrader\/log\/audit_\d{8}\.jsonl$/);
    const logs = s.engine.getLogs(1000).map((log) => log.msg).join("\n");
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain(AUTH_CODE);
  });
});

describe("risk settings file", () => {
  it("refuses every order while the file is corrupt, naming the file, and trades once it is fixed", async () => {
    h = await startSim();
    const s = h;
    const path = s.engine.risk.file.path;
    writeFileSync(path, "{ \"rules\": { oops");
    await pickedUp();
    const price = s.tick.bid_price_1 - 5;
    const error = await refusal(s.engine.buy(s.symbol, 1, price));
    expect(error.code).toBe("RISK_REFUSED");
    expect(error.message).toContain(`refused: the risk settings ${path} cannot be used (${path} is not valid JSON`);
    expect(error.message).toContain("no order is sent until it is fixed or deleted");
    await s.idle();
    expect(s.orders()).toHaveLength(0);
    writeFileSync(path, JSON.stringify({ rules: { max_order_volume: { limit: 2 } } }));
    await pickedUp();
    expect(await s.engine.buy(s.symbol, 2, price)).toHaveLength(1);
  });

  it("refuses a rule name it does not know rather than ignoring it", async () => {
    h = await startSim({ risk: { rules: { price_bnd: { enabled: false } } } });
    const error = await refusal(h.engine.buy(h.symbol, 1, h.tick.bid_price_1 - 5));
    expect(error.message).toContain(`unknown key "price_bnd" in rules; known keys: max_order_volume, max_order_notional, price_band`);
  });

  it("refuses an unknown key in a gateway's section, naming the section", async () => {
    h = await startSim({ risk: { gateways: { SIM: { rulez: { max_order_volume: { limit: 1 } } } } } });
    const error = await refusal(h.engine.buy(h.symbol, 1, h.tick.bid_price_1 - 5));
    expect(error.message).toContain(`unknown key "rulez" in gateways.SIM; known keys: rules, confirm`);
  });

  it("refuses a limit of the wrong type", async () => {
    h = await startSim({ risk: { rules: { max_order_volume: { limit: "20" } } } });
    const error = await refusal(h.engine.buy(h.symbol, 1, h.tick.bid_price_1 - 5));
    expect(error.message).toContain(`rules.max_order_volume.limit must be a positive number, got "20"`);
  });

  it("turns a rule off only by name, and applies per-gateway overrides", async () => {
    h = await startSim({ risk: { rules: { max_order_volume: { enabled: false } } } });
    const s = h;
    const price = s.tick.bid_price_1 - 5;
    expect(await s.engine.buy(s.symbol, 25, price)).toHaveLength(1);
    s.engine.risk.file.update({ gateways: { sim: { rules: { max_order_volume: { enabled: true, limit: 2 } } } } });
    const error = await refusal(s.engine.buy(s.symbol, 3, price));
    expect(error.message).toBe("refused: volume 3 exceeds the per-order limit of 2 lots (risk rule max_order_volume)");
  });

  it("writes changes owner-only and refuses an invalid change, leaving the file as it was", async () => {
    h = await startSim({ risk: { rules: only({ max_order_volume: { limit: 5 } }) } });
    const s = h;
    const before = readFileSync(s.engine.risk.file.path, "utf8");
    expect(() => s.engine.risk.file.update({ confirm: { mode: "sometimes" } })).toThrow(/confirm\.mode is "sometimes"; use one of always, above_threshold, never/);
    expect(readFileSync(s.engine.risk.file.path, "utf8")).toBe(before);
    s.engine.risk.file.update({ rules: { max_order_volume: { limit: 7 } } });
    expect(statSync(s.engine.risk.file.path).mode & 0o777).toBe(0o600);
    expect(await s.engine.buy(s.symbol, 7, s.tick.bid_price_1 - 5)).toHaveLength(1);
  });
});
