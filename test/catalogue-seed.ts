// The seed document's gateway facts for test/catalogue.test.ts: parsed from ../shared/seeds/gateways-doc.zh.md
// when that file sits beside the repo, else taken from the transcription below (checked equal when both exist).
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

export interface SeedGateway {
  /** Section heading's code, e.g. "CTPTEST". */
  readonly name: string;
  /** The name in the 交易接口分类 table, e.g. "CTP测试". */
  readonly tableName: string;
  readonly operatingSystems: readonly string[];
  readonly assetClasses: readonly string[];
  readonly positionLines: readonly string[];
  readonly history: string;
  /** 相关字段: key and the value written after it ("" when none; "A、B" for choices). */
  readonly fields: readonly { readonly key: string; readonly value: string }[];
}

export const SEED_PATH = resolve(__dirname, "../../shared/seeds/gateways-doc.zh.md");

/** One gateway per line: name | table name | OS | asset classes | position lines | history | key[=value] ... */
const TRANSCRIPTION = `
CTP|CTP|Windows Ubuntu|期货 期货期权|只支持双向持仓|不提供|用户名 密码 经纪商代码 交易服务器 行情服务器 产品名称 授权编码
CTPTEST|CTP测试|Windows Ubuntu|期货 期货期权|只支持双向持仓|不提供|用户名 密码 经纪商代码 交易服务器 行情服务器 产品名称 授权编码
MINI|CTP Mini|Windows Ubuntu|期货 期货期权|只支持双向持仓|不提供|用户名 密码 经纪商代码 交易服务器 行情服务器 产品名称 授权编码
MINITEST|CTP Mini测试|Windows|期货 期货期权|只支持双向持仓|不提供|用户名 密码 经纪商代码 交易服务器 行情服务器 产品名称 授权编码 产品信息
FEMAS|飞马|Windows|期货|只支持双向持仓|不提供|用户名 密码 经纪商代码 交易服务器 行情服务器 产品名称 授权编码
SOPT|CTP期权|Windows Ubuntu|ETF期权|只支持双向持仓|不提供|用户名 密码 经纪商代码 交易服务器 行情服务器 产品名称 授权编码
SOPTTEST|CTP期权测试|Windows|ETF期权|只支持双向持仓|不提供|用户名 密码 经纪商代码 交易服务器 行情服务器 产品名称 授权编码 产品信息
SEC|飞创期权|Windows|ETF期权|股票只支持单向持仓 股票期权只支持双向持仓|不提供|账号 密码 行情地址 交易地址 行情协议=TCP、UDP 授权码 产品号 采集类型=顶点、恒生、金证、金仕达 行情压缩=N、Y
UFT|恒生UFT|Windows Ubuntu|期货 ETF期权|只支持双向持仓|不提供|用户名 密码 行情服务器 交易服务器 服务器类型=期货、ETF期权 产品名称 授权编码 委托类型=q
ESUNNY|易盛|Windows Ubuntu|期货 黄金TD|支持双向持仓|不支持|行情账号 行情密码 行情服务器 行情端口=0 行情授权码 交易账号 交易密码 交易服务器 交易端口=0 交易产品名称 交易授权编码 交易系统=内盘、外盘
HSOPTION|恒生期权|Windows|ETF期权|只支持双向持仓|不提供|交易用户名 交易密码 行情用户名 行情密码 行情经纪商代码 行情服务器
XTP|中泰XTP|Windows Ubuntu|A股 两融 ETF期权|股票只支持单向持仓 其余标的支持双向持仓|不提供|账号 密码 客户号=1 行情地址 行情端口=0 交易地址 交易端口=0 行情协议=TCP、UDP 日志级别=FATAL、ERROR、WARNING、INFO、DEBUG、TRACE 授权码
GTJA|国泰君安|Windows|A股|只支持单向持仓|不提供|交易用户名 交易密码 交易服务器 交易端口 机构代号 营业部代号 网关 行情用户名 行情密码 行情服务器 行情端口
TORASTOCK|华鑫奇点股票|Windows|A股|只支持单向持仓|不提供|账号 密码 行情服务器 交易服务器 账号类型=用户代码、资金账号 地址类型=前置地址、FENS地址
TORAOPTION|华鑫奇点期权|Windows|ETF期权|只支持双向持仓|不提供|账号 密码 行情服务器 交易服务器 账号类型=用户代码、资金账号 地址类型=前置地址、FENS地址
COMSTAR-XBOND|中亿汇达Comstar XBond|Windows|银行间市场|无|不提供|交易服务器 用户名 密码 Key
COMSTAR-QUOTE|中亿汇达Comstar 双边|Windows|银行间市场|无|不提供|交易服务器 用户名 密码 Key routing_type=5 valid_until_time=18:30:00.000
FUTU|富途证券|Windows Ubuntu Mac|港股 美股|只支持单向持仓|不提供|密码 地址=127.0.0.1 端口=11111 市场=HK、US 环境=REAL、SIMULATE
IB|盈透证券|Windows Ubuntu Mac|海外全品种|只支持单向持仓|提供|TWS地址=127.0.0.1 TWS端口=7497 客户号=1 交易账户
TAP|易盛9.0外盘|Windows|外盘期货|只支持单向持仓|不提供|行情账号 行情密码 行情服务器 行情端口=0 交易账号 交易密码 交易服务器 交易端口=0 授权码
DA|直达期货|Windows|外盘期货|只支持双向持仓|不提供|用户名 密码 交易服务器 行情服务器 授权码
MT5|MetaTrader 5|Windows Ubuntu Mac|外盘期货|只支持单向持仓|提供|通讯地址=localhost 请求端口=6888 订阅端口=8666
ROHON|融航|Windows Ubuntu|期货资管|只支持双向持仓|不提供|用户名 密码 经纪商代码 交易服务器 行情服务器 产品名称 授权编码
TTS|TTS|Windows Ubuntu|期货 期货期权|只支持双向持仓|不提供|用户名 密码 经纪商代码 交易服务器 行情服务器 产品名称 授权编码
SGIT|飞鼠|Ubuntu|黄金TD|只支持双向持仓|不提供|用户名 密码 交易服务器 行情服务器 产品名称 授权编码
KSGOLD|金仕达黄金|Ubuntu|黄金TD|只支持双向持仓|不提供|用户名 密码 交易服务器 行情服务器 账号类型=银行账号、黄金账号
`;

const words = (text: string): string[] => text.split(" ").filter(Boolean);

export function transcribedSeed(): SeedGateway[] {
  return TRANSCRIPTION.trim().split("\n").map((line) => {
    const [name, tableName, os, assets, position, history, fields] = line.split("|");
    return {
      name, tableName,
      operatingSystems: words(os), assetClasses: words(assets), positionLines: words(position), history,
      fields: words(fields).map((item) => {
        const [key, value = ""] = item.split("=");
        return { key, value };
      }),
    };
  });
}

/** The table of 交易接口分类: display names in document order. */
function tableNames(lines: readonly string[]): string[] {
  const start = lines.indexOf("## 交易接口分类") + 1;
  const end = lines.findIndex((line, i) => i >= start && line.startsWith("## "));
  const rows = lines.slice(start, end).filter((line) => line.startsWith("|"));
  return rows.slice(2).map((row) => row.split("|")[1].trim()); // after the header and the |---| row
}

/** "- 用户名：" / "- 客户号: 1" / "- valid_until_time：18:30:00.000" -> key and value (full-width colon first). */
function splitField(item: string): { key: string; value: string } {
  const colon = item.includes("：") ? "：" : ":";
  const at = item.indexOf(colon);
  return { key: item.slice(0, at).trim(), value: item.slice(at + 1).trim() };
}

/** The nested list under "- <heading>" inside one section (items indented by two spaces). */
function subItems(section: readonly string[], heading: string): string[] {
  const at = section.findIndex((line) => line.trim() === `- ${heading}`);
  const items: string[] = [];
  for (const line of section.slice(at + 1)) {
    if (!line.startsWith("  - ")) {
      if (line.trim() === "") continue;
      break;
    }
    items.push(line.slice(4).trim());
  }
  return items;
}

function fieldItems(section: readonly string[]): { key: string; value: string }[] {
  const at = section.indexOf("#### 相关字段");
  const items: { key: string; value: string }[] = [];
  for (const line of section.slice(at + 1)) {
    if (line.startsWith("#")) break;
    if (line.startsWith("- ")) items.push(splitField(line.slice(2)));
  }
  return items;
}

export function parseSeed(markdown: string): SeedGateway[] {
  const lines = markdown.split(/\r?\n/);
  const names = tableNames(lines);
  const detail = lines.slice(lines.indexOf("## 接口详解") + 1);
  const starts = detail.flatMap((line, i) => (line.startsWith("### ") ? [i] : []));
  return starts.map((start, n) => {
    const section = detail.slice(start, starts[n + 1] ?? detail.length);
    return {
      name: section[0].slice(4).split("（")[0].trim(),
      tableName: names[n],
      operatingSystems: subItems(section, "操作系统"),
      assetClasses: subItems(section, "交易品种"),
      positionLines: subItems(section, "持仓方向"),
      history: subItems(section, "历史数据")[0],
      fields: fieldItems(section),
    };
  });
}

/** The seed's gateways: parsed from the document when it is there, else the transcription. */
export function seedGateways(): { source: string; gateways: SeedGateway[] } {
  if (existsSync(SEED_PATH)) return { source: SEED_PATH, gateways: parseSeed(readFileSync(SEED_PATH, "utf8")) };
  return { source: "transcription in test/catalogue-seed.ts", gateways: transcribedSeed() };
}
