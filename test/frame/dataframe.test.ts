// DataFrames of trading objects: vn.py's columns in field order, codes for constants, China-time datetimes,
// empty lists with columns, and HTML that escapes what it shows.
import { describe, expect, it } from "vitest";
import pl from "nodejs-polars";
import { Direction, Exchange, Interval, LogLevel, Offset, OrderType, Product, Status } from "../../src/core/constant";
import {
  createAccount, createBar, createContract, createLog, createOrder, createPosition, createTick, createTrade,
} from "../../src/core/object";
import {
  accountsFrame, barsFrame, contractsFrame, isDataFrame, logsFrame, ordersFrame, positionsFrame, renderDataFrame,
  ticksFrame, tradesFrame,
} from "../../src/frame/dataframe";

const at = new Date(Date.UTC(2025, 0, 2, 1, 30, 0, 250)); // 09:30:00.250 in China

describe("object frames", () => {
  it("orders have vn.py's OrderData columns in field order, with derived ids and enum codes", () => {
    const order = createOrder({
      gateway_name: "SIM", symbol: "rb2505", exchange: Exchange.SHFE, orderid: "7", direction: Direction.LONG,
      offset: Offset.OPEN, type: OrderType.LIMIT, price: 3500, volume: 2, status: Status.NOTTRADED, datetime: at,
    });
    const df = ordersFrame([order]);
    expect(df.columns).toEqual([
      "gateway_name", "symbol", "exchange", "orderid", "type", "direction", "offset", "price", "volume", "traded",
      "status", "datetime", "reference", "status_msg", "vt_symbol", "vt_orderid",
    ]);
    const row = df.toRecords()[0];
    expect(row.vt_orderid).toBe("SIM.7");
    expect(row.vt_symbol).toBe("rb2505.SHFE");
    expect(row.direction).toBe("LONG");
    expect(row.status).toBe("NOTTRADED");
    expect(String(df.getColumn("datetime").dtype)).toContain("Asia/Shanghai");
    expect(df.getColumn("datetime").date.strftime("%H:%M:%S%.3f").toArray()).toEqual(["09:30:00.250"]);
  });

  it("every empty list still gives its columns", () => {
    const frames = [ticksFrame([]), barsFrame([]), ordersFrame([]), tradesFrame([]), positionsFrame([]),
      accountsFrame([]), contractsFrame([]), logsFrame([])];
    for (const df of frames) {
      expect(df.height).toBe(0);
      expect(df.width).toBeGreaterThan(3);
    }
    expect(ticksFrame([]).columns).toHaveLength(38);
    expect(tradesFrame([]).columns.slice(-3)).toEqual(["vt_symbol", "vt_orderid", "vt_tradeid"]);
    expect(positionsFrame([]).columns.at(-1)).toBe("vt_positionid");
    expect(accountsFrame([]).columns).toEqual(["gateway_name", "accountid", "balance", "frozen", "available", "vt_accountid"]);
  });

  it("ticks keep the order of vn.py's TickData and contracts leave unset option fields null", () => {
    const tick = createTick({ gateway_name: "SIM", symbol: "rb2505", exchange: Exchange.SHFE, datetime: at, last_price: 3512, bid_price_1: 3511 });
    const df = ticksFrame([tick]);
    expect(df.columns.slice(0, 5)).toEqual(["gateway_name", "symbol", "exchange", "datetime", "name"]);
    expect(df.columns.indexOf("bid_price_5")).toBeLessThan(df.columns.indexOf("ask_price_1"));
    expect(df.getColumn("last_price").toArray()).toEqual([3512]);
    const contract = createContract({ gateway_name: "SIM", symbol: "rb2505", exchange: Exchange.SHFE, name: "螺纹钢2505", product: Product.FUTURES, size: 10, pricetick: 1 });
    const c = contractsFrame([contract]).toRecords()[0];
    expect(c.product).toBe("FUTURES");
    expect(c.option_strike).toBeNull();
    expect(c.net_position).toBe(false);
  });

  it("log levels show as vn.py's level names", () => {
    const df = logsFrame([createLog("SIM", "connected", LogLevel.WARNING)]);
    expect(df.columns).toEqual(["gateway_name", "msg", "level", "time"]);
    expect(df.getColumn("level").toArray()).toEqual(["WARNING"]);
  });
});

describe("renderDataFrame", () => {
  it("escapes cell text and column names in text/html and has text/plain", () => {
    const df = pl.DataFrame([pl.Series("<b>name</b>", ["<script>alert(1)</script>", "a&b"], pl.Utf8)]);
    const bundle = renderDataFrame(df);
    const html = String(bundle["text/html"]);
    expect(html).toContain('<table border="1" class="dataframe">');
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(html).toContain("&#60;b&#62;name&#60;/b&#62;");
    expect(html).toContain("a&#38;b");
    expect(String(bundle["text/plain"])).toContain("shape: (2, 1)");
  });

  it("shows head and tail of a long frame with a row count note, and datetimes in China time", () => {
    const bars = Array.from({ length: 200 }, (_, i) =>
      createBar({ gateway_name: "SIM", symbol: "rb2505", exchange: Exchange.SHFE, interval: Interval.MINUTE,
        datetime: new Date(at.getTime() - 250 + i * 60_000), close_price: 3500 + i }),
    );
    const html = String(renderDataFrame(barsFrame(bars))["text/html"]);
    expect(html).toContain("200 rows × 13 columns");
    expect(html).toContain("<th>0</th>");
    expect(html).toContain("<th>199</th>");
    expect(html).not.toContain("<th>100</th>");
    expect(html).toContain("<td>2025-01-02 09:30:00</td>");
    expect(html).toContain("<td>3699</td>");
  });

  it("every object frame renders every column (no column name shadows a DataFrame method the renderer uses)", () => {
    const base = { gateway_name: "SIM", symbol: "rb2505", exchange: Exchange.SHFE };
    const frames = [
      ticksFrame([createTick({ ...base, datetime: at })]),
      barsFrame([createBar({ ...base, datetime: at, interval: Interval.MINUTE })]),
      ordersFrame([createOrder({ ...base, orderid: "1", direction: Direction.LONG })]),
      tradesFrame([createTrade({ ...base, orderid: "1", tradeid: "2", direction: Direction.SHORT })]),
      positionsFrame([createPosition({ ...base, direction: Direction.LONG })]),
      accountsFrame([createAccount({ gateway_name: "SIM", accountid: "A1", balance: 10 })]),
      contractsFrame([createContract({ ...base, name: "rb", product: Product.FUTURES, size: 10, pricetick: 1 })]),
      logsFrame([createLog("SIM", "hello")]),
    ];
    for (const df of frames) {
      const html = String(renderDataFrame(df)["text/html"]);
      expect(html.match(/<th>[a-z][a-z_0-9]*<\/th>/g)).toHaveLength(df.width);
      expect(html.match(/<td>/g)).toHaveLength(df.width);
    }
  });

  it("an empty frame renders its header and no rows", () => {
    const html = String(renderDataFrame(ordersFrame([]))["text/html"]);
    expect(html).toContain("<th>vt_orderid</th>");
    expect(html).toContain("<tbody></tbody>");
  });

  it("recognizes DataFrames by shape only", () => {
    expect(isDataFrame(ordersFrame([]))).toBe(true);
    expect(isDataFrame({ columns: [], height: 0 })).toBe(false);
    expect(isDataFrame(null)).toBe(false);
    expect(isDataFrame(pl.Series("a", [1]))).toBe(false);
  });
});
