// ProgressDisplay: one display id, display_data first then updates, throttled, the final line always shown.
import { describe, expect, it } from "vitest";
import type { DisplayOptions, MimeBundle } from "../../src/frame/jupyter";
import { ProgressDisplay } from "../../src/frame/progress";

describe("ProgressDisplay", () => {
  it("shows, updates in place at most every 100 ms, and always shows completion and the final line", () => {
    const sent: Array<{ bundle: MimeBundle; options: DisplayOptions }> = [];
    let now = 0;
    const progress = new ProgressDisplay("history rb2505.SHFE 1m", (bundle, options) => sent.push({ bundle, options }), () => now);
    for (let done = 1; done <= 50; done += 1) {
      now += 10;
      progress.update(done, 50);
    }
    progress.finish("1200 bars");
    progress.update(1, 2);
    const ids = new Set(sent.map((s) => s.options.displayId));
    expect(ids.size).toBe(1);
    expect(sent[0].options.update).toBe(false);
    expect(sent.slice(1).every((s) => s.options.update === true)).toBe(true);
    // 50 updates over 500 ms: 5 throttled ones, plus 50/50 (complete) which is never skipped.
    expect(sent.length).toBeLessThanOrEqual(1 + 6 + 1);
    expect(sent.map((s) => s.bundle["text/plain"])).toContain("history rb2505.SHFE 1m: 50/50 (100%)");
    expect(sent.at(-1)!.bundle["text/plain"]).toBe("history rb2505.SHFE 1m: 1200 bars");
    expect(String(sent.at(-1)!.bundle["text/html"])).toBe("<pre>history rb2505.SHFE 1m: 1200 bars</pre>");
  });
});
