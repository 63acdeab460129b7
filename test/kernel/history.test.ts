// History: tail/range/search as history_request asks, sessions carried over in the file, secrets masked.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { History, maskSecretArguments } from "../../kernel/history";

function fileIn(): string {
  return join(mkdtempSync(join(tmpdir(), "vt-history-")), "history.jsonl");
}

describe("History", () => {
  it("answers tail, range and search like IPython", () => {
    const history = new History(undefined);
    ["const a = 1", "a + 1", "a + 2", "a + 1"].forEach((code, i) => history.add(i + 1, code));
    history.setOutput(2, "2");
    expect(history.query({ hist_access_type: "tail", n: 2 })).toEqual([[1, 3, "a + 2"], [1, 4, "a + 1"]]);
    expect(history.query({ hist_access_type: "tail", n: 3, output: true })[0]).toEqual([1, 2, ["a + 1", "2"]]);
    expect(history.query({ hist_access_type: "range", session: 0, start: 2, stop: 4 })).toEqual([[1, 2, "a + 1"], [1, 3, "a + 2"]]);
    expect(history.query({ hist_access_type: "search", pattern: "a + *" })).toHaveLength(3);
    expect(history.query({ hist_access_type: "search", pattern: "a + *", unique: true })).toEqual([[1, 3, "a + 2"], [1, 4, "a + 1"]]);
    expect(history.query({ hist_access_type: "search", pattern: "a ?? 1" })).toEqual([]);
    expect(history.query({ hist_access_type: "search", pattern: "*", n: 1 })).toEqual([[1, 4, "a + 1"]]);
  });

  it("numbers a new session after the ones in its file and can read them back", () => {
    const file = fileIn();
    const first = new History(file);
    first.add(1, "old cell");
    const second = new History(file);
    second.add(1, "new cell");
    expect(second.session).toBe(first.session + 1);
    expect(second.query({ hist_access_type: "range", session: -1 })).toEqual([[first.session, 1, "old cell"]]);
    expect(second.query({ hist_access_type: "tail", n: 10 })).toEqual([[first.session, 1, "old cell"], [second.session, 1, "new cell"]]);
  });

  it("never writes a secret typed on a magic line to the file", () => {
    const file = fileIn();
    new History(file).add(1, "%connect ctp 用户名=000001 密码=hunter2 auth_code=XYZ\nconst password = 'kept: not a magic line'");
    const stored = readFileSync(file, "utf8");
    expect(stored).not.toContain("hunter2");
    expect(stored).not.toContain("XYZ");
    expect(stored).toContain("用户名=000001");
    expect(maskSecretArguments("%connect ib token=abc")).toBe("%connect ib token=******");
  });
});
