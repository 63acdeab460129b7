// China time (UTC+8, no daylight saving) as text for chart axes: Plotly reads zone-less date strings as wall
// time, and China's exchanges stamp ticks and bars in China time, which is what traders read.
const CHINA_OFFSET_MS = 8 * 3600_000;

/** "2025-01-02 09:02:03.045" (ms), "2025-01-02 09:02:03" (s) or "2025-01-02 09:02" (minute). */
export function chinaTimeText(time: Date | number, precision: "ms" | "s" | "minute" = "ms"): string {
  const epochMs = typeof time === "number" ? time : time.getTime();
  const text = new Date(epochMs + CHINA_OFFSET_MS).toISOString().replace("T", " ");
  return text.slice(0, precision === "ms" ? 23 : precision === "s" ? 19 : 16);
}
