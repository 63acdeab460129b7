// Formatting values into MIME bundles and publishing them to the cell that owns the running code.
import pl from "nodejs-polars";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { display, format, publishBundle } from "../../kernel/display";
import { flushStreams, runInCell, setPublisher, writeStream } from "../../kernel/output";
import type { Header, Message } from "../../kernel/wire";
import { DISPLAY, DISPLAY_ID } from "../../src/frame/jupyter";

interface Sent {
  msgType: string;
  content: any;
  parent: string;
}

let sent: Sent[] = [];

function request(id: string): Message {
  const header: Header = { msg_id: id, session: "s", username: "u", date: "", msg_type: "execute_request", version: "5.3" };
  return { identities: [], header, parent_header: {}, metadata: {}, content: {}, buffers: [] };
}

beforeEach(() => {
  sent = [];
  setPublisher((msgType, content, parent) => sent.push({ msgType, content, parent: parent.msg_id }));
});
afterEach(() => flushStreams());

describe("format", () => {
  it("uses the object's Symbol.for('Jupyter.display') bundle and adds text/plain when missing", () => {
    const value = { [DISPLAY]: () => ({ "text/html": "<b>x</b>" }), kind: "chart" };
    const formatted = format(value);
    expect(formatted).not.toBeInstanceOf(Promise);
    expect((formatted as { data: Record<string, string> }).data["text/html"]).toBe("<b>x</b>");
    expect((formatted as { data: Record<string, string> }).data["text/plain"]).toContain("kind: 'chart'");
  });

  it("awaits an async display method and carries the object's display id", async () => {
    const value = { [DISPLAY]: async () => ({ "text/plain": "live" }), [DISPLAY_ID]: "chart-1" };
    expect(await format(value)).toEqual({ data: { "text/plain": "live" }, displayId: "chart-1" });
  });

  it("renders a nodejs-polars DataFrame as an escaped HTML table plus polars' text", () => {
    const df = pl.DataFrame({ symbol: ["rb2510", "<script>"], last: [3500, 3501] });
    const { data } = format(df) as { data: Record<string, string> };
    expect(data["text/html"]).toContain("<table");
    expect(data["text/html"]).toMatch(/&(lt|#60);script&(gt|#62);/);
    expect(data["text/html"]).not.toContain("<script>");
    expect(data["text/plain"]).toContain("shape: (2, 2)");
  });

  it("adds the rows as a dataresource table with typed fields", () => {
    const df = pl.DataFrame({ symbol: ["rb2510"], last: [3500.5], volume: pl.Series("volume", [7], pl.Int64), open: [true] });
    const { data } = format(df) as { data: Record<string, unknown> };
    expect(data["application/vnd.dataresource+json"]).toEqual({
      schema: { fields: [{ name: "symbol", type: "string" }, { name: "last", type: "number" }, { name: "volume", type: "integer" }, { name: "open", type: "boolean" }] },
      data: [{ symbol: "rb2510", last: 3500.5, volume: 7, open: true }],
    });
  });

  it("shows plain values as util.inspect text without ANSI colours", () => {
    expect(format({ a: [1, 2], s: "x" })).toEqual({ data: { "text/plain": "{ a: [ 1, 2 ], s: 'x' }" } });
    expect(format("text")).toEqual({ data: { "text/plain": "'text'" } });
    expect(JSON.stringify(format(new Map([[1, { deep: { deeper: true } }]])))).not.toContain("\\u001b[");
  });
});

describe("display and publishing", () => {
  it("sends display_data with an empty transient, or the display id", () => {
    runInCell(request("cell-1"), () => {
      display(42);
      publishBundle({ "text/plain": "v1" }, { displayId: "d" });
      publishBundle({ "text/plain": "v2" }, { displayId: "d", update: true });
    });
    expect(sent).toEqual([
      { msgType: "display_data", content: { data: { "text/plain": "42" }, metadata: {}, transient: {} }, parent: "cell-1" },
      { msgType: "display_data", content: { data: { "text/plain": "v1" }, metadata: {}, transient: { display_id: "d" } }, parent: "cell-1" },
      { msgType: "update_display_data", content: { data: { "text/plain": "v2" }, metadata: {}, transient: { display_id: "d" } }, parent: "cell-1" },
    ]);
  });

  it("refuses an update without a display id", () => {
    expect(() => publishBundle({ "text/plain": "x" }, { update: true })).toThrow("needs a displayId");
  });

  it("sends output of a callback to the cell that registered it, not the cell running now", async () => {
    let fire: () => void = () => undefined;
    runInCell(request("registrar"), () => {
      const tick = new Promise<void>((resolve) => (fire = resolve));
      void tick.then(() => {
        writeStream("stdout", "tick in registrar\n");
        void display("shown in registrar");
      });
    });
    await runInCell(request("later"), async () => {
      writeStream("stdout", "later's own line\n");
      fire();
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    flushStreams();
    const byParent = sent.map((m) => [m.parent, m.msgType, m.content.text ?? m.content.data?.["text/plain"]]);
    expect(byParent).toEqual([
      ["later", "stream", "later's own line\n"],
      ["registrar", "stream", "tick in registrar\n"],
      ["registrar", "display_data", "'shown in registrar'"],
    ]);
  });

  it("joins consecutive writes to one stream message and flushes it before other output", () => {
    runInCell(request("c"), () => {
      writeStream("stdout", "a");
      writeStream("stdout", "b\n");
      display(1);
      writeStream("stderr", "oops\n");
    });
    flushStreams();
    expect(sent.map((m) => [m.msgType, m.content.name ?? "", m.content.text ?? ""])).toEqual([
      ["stream", "stdout", "ab\n"],
      ["display_data", "", ""],
      ["stream", "stderr", "oops\n"],
    ]);
  });
});
