// The kill switch (cancels every active order, blocks new ones until unlock) and the y/N confirmation that
// live gateways ask before large orders, on the SIM counter (added under the live name CTPTEST for the latter).
import { afterEach, describe, expect, it } from "vitest";
import { Status } from "../../src/index";
import type { Prompter } from "../../src/connect-settings";
import { only, refusal, startSim, type Harness } from "./harness";

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("kill switch", () => {
  it("cancels every active order, refuses new ones until unlock, then trades again", async () => {
    h = await startSim();
    const s = h;
    const price = s.tick.bid_price_1 - 5;
    const resting = [...(await s.engine.buy(s.symbol, 1, price)), ...(await s.engine.buy(s.symbol, 2, price - 1))];
    const cancelled = await s.engine.kill();
    expect(cancelled.sort()).toEqual([...resting].sort());
    await s.idle();
    expect(resting.map((id) => s.engine.getOrder(id)!.status)).toEqual([Status.CANCELLED, Status.CANCELLED]);
    expect(s.engine.risk.locked).toBe(true);

    const sent = s.orders().length;
    const error = await refusal(s.engine.buy(s.symbol, 1, price));
    expect(error.code).toBe("TRADING_LOCKED");
    expect(error.message).toMatch(/^refused: trading is locked by the kill switch since .*; run %unlock \(or engine\.unlock\(\)\) to send orders again$/);
    await s.idle();
    expect(s.orders().length).toBe(sent);

    s.engine.unlock();
    expect(s.engine.risk.locked).toBe(false);
    expect(await s.engine.buy(s.symbol, 1, price)).toHaveLength(1);
  });

  it("also catches an order sent just before it, whose events were not yet dispatched", async () => {
    h = await startSim();
    const [id] = await h.engine.buy(h.symbol, 1, h.tick.bid_price_1 - 5);
    expect(await h.engine.kill()).toEqual([id]);
  });
});

interface Asked {
  question: string;
}

function answering(answer: string, asked: Asked[]): Prompter {
  return async (question, options) => {
    expect(options.password).toBe(false);
    asked.push({ question });
    return answer;
  };
}

async function live(confirm: Record<string, unknown>, prompter: Prompter | undefined): Promise<Harness> {
  h = await startSim({ gatewayName: "CTPTEST", prompter, risk: { rules: only({}), confirm } });
  return h;
}

describe("confirmation on a live gateway", () => {
  const threshold = { mode: "above_threshold", notional_threshold: 50_000 };

  it("asks with a preview and sends when the answer is y", async () => {
    const asked: Asked[] = [];
    const s = await live(threshold, answering("y", asked));
    const price = s.tick.bid_price_1 - 5;
    const ids = await s.engine.buy(s.symbol, 2, price); // 2 x price x 10 is above 50,000
    expect(ids).toHaveLength(1);
    expect(asked).toHaveLength(1);
    const question = asked[0].question;
    for (const part of [s.symbol, "buy (LONG)", "OPEN", "volume    2", `price     ${price} (LIMIT)`,
      `notional  ${(price * 20).toLocaleString("en-US")}`, "margin", "Send it? (y/N)"]) {
      expect(question).toContain(part);
    }
  });

  it("refuses and sends nothing when the answer is not y", async () => {
    const asked: Asked[] = [];
    const s = await live(threshold, answering("n", asked));
    const error = await refusal(s.engine.buy(s.symbol, 2, s.tick.bid_price_1 - 5));
    expect(error.code).toBe("CONFIRMATION_REQUIRED");
    expect(error.message).toBe(`refused: the CTPTEST order for 2 ${s.symbol} was not confirmed (answer was "n", not y); nothing was sent`);
    await s.idle();
    expect(s.orders()).toHaveLength(0);
  });

  it("does not ask below the threshold", async () => {
    const asked: Asked[] = [];
    const s = await live({ ...threshold, notional_threshold: 1_000_000 }, answering("n", asked));
    expect(await s.engine.buy(s.symbol, 1, s.tick.bid_price_1 - 5)).toHaveLength(1);
    expect(asked).toHaveLength(0);
  });

  it("refuses without a prompter, saying which setting allows it", async () => {
    const s = await live(threshold, undefined);
    const error = await refusal(s.engine.buy(s.symbol, 2, s.tick.bid_price_1 - 5));
    expect(error.code).toBe("CONFIRMATION_REQUIRED");
    expect(error.message).toContain("there is no stdin to ask on");
    expect(error.message).toContain(`"gateways": {"CTPTEST": {"confirm": {"mode": "never"}}}`);
    expect(error.message).toContain("risk_setting.json");
    await s.idle();
    expect(s.orders()).toHaveLength(0);
  });

  it("refuses when the prompter cannot ask (stdin not allowed)", async () => {
    const s = await live(threshold, async () => {
      throw new Error("stdin is not allowed by the frontend");
    });
    const error = await refusal(s.engine.buy(s.symbol, 2, s.tick.bid_price_1 - 5));
    expect(error.code).toBe("CONFIRMATION_REQUIRED");
    expect(error.message).toContain("stdin is not available (stdin is not allowed by the frontend)");
  });

  it("asks for every order in mode always and never in mode never", async () => {
    const asked: Asked[] = [];
    const s = await live({ mode: "always" }, answering("yes", asked));
    await s.engine.buy(s.symbol, 1, s.tick.bid_price_1 - 5);
    expect(asked).toHaveLength(1);
    await s.engine.risk.file.update({ confirm: { mode: "never" } });
    await s.engine.buy(s.symbol, 5, s.tick.bid_price_1 - 5);
    expect(asked).toHaveLength(1);
  });

  it("refuses an order confirmed after the kill switch was pulled", async () => {
    let release: (answer: string) => void = () => undefined;
    const s = await live({ mode: "always" }, () => new Promise((resolve) => (release = resolve)));
    const pending = s.engine.buy(s.symbol, 1, s.tick.bid_price_1 - 5);
    await new Promise((resolve) => setImmediate(resolve));
    await s.engine.kill();
    release("y");
    expect((await refusal(pending)).code).toBe("TRADING_LOCKED");
  });

  it("asks once for a SHFE close split into close-today and close-yesterday, with the whole volume", async () => {
    const asked: Asked[] = [];
    h = await startSim({ gatewayName: "CTPTEST", prompter: answering("y", asked), yesterdayLong: 3, risk: { rules: only({}), confirm: { mode: "always" } } });
    const s = h;
    await s.engine.buy(s.symbol, 2, s.tick.ask_price_1 + 5); // today's 2 lots, filled at once
    await s.idle();
    expect(asked).toHaveLength(1);
    const ids = await s.engine.sell(s.symbol, 5, s.tick.bid_price_1 + 50); // rests: 5 lots above the market
    await s.idle();
    expect(ids.map((id) => s.engine.getOrder(id)!.offset).sort()).toEqual(["CLOSETODAY", "CLOSEYESTERDAY"]);
    expect(asked).toHaveLength(2);
    expect(asked[1].question).toContain("volume    5");
    expect(asked[1].question).toContain("offset    CLOSE\n");
  });

  it("never asks on SIM, which is not live", async () => {
    const asked: Asked[] = [];
    h = await startSim({ prompter: answering("n", asked), risk: { confirm: { mode: "always" } } });
    expect(await h.engine.buy(h.symbol, 1, h.tick.bid_price_1 - 5)).toHaveLength(1);
    expect(asked).toHaveLength(0);
  });
});
