// %connect with a missing password: asked through the engine's prompter as a hidden prompt, handed to the
// gateway, and never shown in what the cell prints or in the engine's log.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Exchange, Product } from "../../src/core/constant";
import type { EventEngine } from "../../src/core/event-engine";
import { BaseGateway, type GatewaySetting } from "../../src/core/gateway";
import { createContract } from "../../src/core/object";
import { MainEngine } from "../../src/engine";
import { SettingsStore } from "../../src/settings";
import { tradingMagics } from "../../kernel/magics/trading";

const SECRET = "pa55-w0rd!";

/** A CTP stand-in that logs in when given any password, and says so in the log like a counter would. */
class LoginGateway extends BaseGateway {
  readonly exchanges = [Exchange.SHFE] as const;
  setting: GatewaySetting | undefined;

  async connect(setting: GatewaySetting): Promise<void> {
    this.setting = setting;
    this.writeLog(`login ok for ${setting["用户名"]}`);
    this.onContract(createContract({ gateway_name: this.name, symbol: "rb2601", exchange: Exchange.SHFE, name: "rb2601", product: Product.FUTURES, size: 10, pricetick: 1 }));
    this.setConnectionState("connected");
  }
  async close(): Promise<void> { this.setConnectionState("disconnected"); }
  subscribe(): void {}
  sendOrder(): string { throw new Error("not used"); }
  cancelOrder(): void {}
  queryAccount(): void {}
  queryPosition(): void {}
}

describe("%connect with a missing password", () => {
  it("asks for it hidden, passes it to the gateway and never prints or logs it", async () => {
    let gateway: LoginGateway | undefined;
    const engine = new MainEngine({
      settings: new SettingsStore(mkdtempSync(join(tmpdir(), "vntrader-secret-"))),
      timerIntervalMs: 0,
      adapters: { CTP: async () => (events: EventEngine, name: string) => (gateway = new LoginGateway(events, name)) },
    });
    const questions: Array<{ question: string; password: boolean }> = [];
    engine.setPrompter(async (question, options) => {
      questions.push({ question, password: options.password });
      return SECRET;
    });
    const printed: string[] = [];
    const connect = tradingMagics(engine).find((m) => m.name === "connect")!;
    await connect.run("ctp 用户名=000001 经纪商代码=9999 交易服务器=tcp://127.0.0.1:1 行情服务器=tcp://127.0.0.1:2", {
      print: (text) => printed.push(text),
      display: () => undefined,
      input: () => Promise.reject(new Error("the engine's prompter asks, not the magic")),
    });
    expect(questions).toEqual([{ question: expect.stringContaining("密码"), password: true }]);
    expect(gateway?.setting?.["密码"]).toBe(SECRET);
    const text = printed.join("");
    expect(text).toContain("login ok for 000001");
    expect(text).toContain("CTP connected: 1 contracts");
    expect(text).not.toContain(SECRET);
    expect(engine.getLogs(100).map((log) => log.msg).join("\n")).not.toContain(SECRET);
    await engine.close();
  });
});
