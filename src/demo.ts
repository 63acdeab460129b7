// The main job on SIM in a terminal, for machines without Jupyter: connect the embedded SIM exchange, list
// contracts, stream ticks, fill an order, and show orders, trades, positions and the account.
import { Direction } from "./core/constant";
import { EVENT_LOG, EVENT_TICK, type Event } from "./core/event";
import type { TickData } from "./core/object";
import { engine } from "./index";

const TICKS_TO_SHOW = 8;

function time(date: Date): string {
  return date.toLocaleTimeString("en-GB", { timeZone: "Asia/Shanghai", hour12: false });
}

function table(title: string, rows: object[], columns: string[]): void {
  console.log(`\n${title} (${rows.length})`);
  if (rows.length) console.table(rows.map((row) => Object.fromEntries(columns.map((c) => [c, (row as Record<string, unknown>)[c]]))));
}

function waitForTicks(vtSymbol: string, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const onTick = (event: Event<`eTick.${string}`>) => {
      const tick: TickData = event.data;
      console.log(`${time(tick.datetime)}  ${tick.vt_symbol}  last ${tick.last_price}  bid ${tick.bid_price_1} x ${tick.bid_volume_1}  ask ${tick.ask_price_1} x ${tick.ask_volume_1}`);
      if (++seen === count) {
        engine.events.unregister(`${EVENT_TICK}${vtSymbol}`, onTick);
        resolve();
      }
    };
    engine.events.register(`${EVENT_TICK}${vtSymbol}`, onTick);
  });
}

/** Runs the job; resolves true when the order filled and the position is held. */
export async function runSimDemo(): Promise<boolean> {
  engine.events.register(EVENT_LOG, (event: Event<typeof EVENT_LOG>) => console.log(`[${event.data.gateway_name}] ${event.data.msg}`));
  await engine.connect("sim");

  const rebar = engine.getContracts({ pattern: "rb" });
  table("rebar contracts on SHFE", rebar, ["vt_symbol", "name", "size", "pricetick", "min_volume"]);
  const vtSymbol = rebar[0].vt_symbol;

  console.log(`\nticks of ${vtSymbol}:`);
  await engine.subscribe(vtSymbol);
  await waitForTicks(vtSymbol, TICKS_TO_SHOW);

  const ask = engine.getTick(vtSymbol)!.ask_price_1;
  console.log(`\nbuying 1 lot of ${vtSymbol} at the best ask ${ask}`);
  const [vtOrderId] = await engine.buy(vtSymbol, 1, ask);
  await waitForTicks(vtSymbol, 2);

  table("orders", engine.getAllOrders(), ["vt_orderid", "direction", "offset", "price", "volume", "traded", "status"]);
  table("trades", engine.getAllTrades(), ["vt_tradeid", "vt_orderid", "direction", "offset", "price", "volume"]);
  table("positions", engine.getAllPositions().filter((p) => p.volume > 0), ["vt_positionid", "volume", "yd_volume", "price", "pnl"]);
  table("account", engine.getAllAccounts(), ["vt_accountid", "balance", "frozen", "available"]);

  const filled = engine.getOrder(vtOrderId)?.status === "ALLTRADED";
  const held = engine.oms.getPositionBySymbol(vtSymbol, Direction.LONG)?.volume ?? 0;
  await engine.close();
  console.log(filled && held > 0
    ? `\nSIM works: the order filled and you hold ${held} lot(s) of ${vtSymbol}. Next: the notebook (see README).`
    : `\nthe order did not fill (status ${engine.getOrder(vtOrderId)?.status}); see the log above`);
  return filled && held > 0;
}

if (require.main === module) {
  runSimDemo().then(
    (ok) => { process.exitCode = ok ? 0 : 1; },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
