// event-engine: events per second through the EventEngine to one trivial handler, queued in batches.
import { EventEngine } from "../src/core/event-engine";

const DURATION_MS = 3000;
const EVENTS_PER_TURN = 50_000;
const EVENT_TYPE = "eBench.";

async function main(): Promise<void> {
  const events = new EventEngine({ timerIntervalMs: 0 });
  let handled = 0;
  events.register(EVENT_TYPE, () => { handled += 1; });
  events.start();
  const started = performance.now();
  while (performance.now() - started < DURATION_MS) {
    for (let i = 0; i < EVENTS_PER_TURN; i++) events.put(EVENT_TYPE, i);
    await events.whenIdle();
  }
  const seconds = (performance.now() - started) / 1000;
  events.stop();
  console.log(JSON.stringify({ bench: "event-engine", events_per_sec: Math.round(handled / seconds), seconds: Number(seconds.toFixed(2)) }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
