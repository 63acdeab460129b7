// The IB contracts this gateway knows: IB has no "all contracts" query, so a contract becomes known when it is
// looked up (reqContractDetails 9 -> contractData 10 ... contractDataEnd 52). Known contracts are pushed to the
// engine and kept in .vntrader/ib_contracts.json, so a restart does not ask again.
import type { Contract, ContractDetails } from "@stoqey/ib";
import { Exchange, isExchange } from "../../core/constant";
import { TradingError } from "../../core/errors";
import { splitVtSymbol, type ContractData } from "../../core/object";
import type { SettingsStore } from "../../settings";
import type { IbConnection } from "./connection";
import { EXCHANGE_IB2VT, EXCHANGE_VT2IB } from "./mappings";
import type { IbMessage } from "./messages";
import { contractDataOf, contractFromSymbol, tradingContract } from "./symbols";

export const CONTRACT_CACHE_FILE = "ib_contracts.json";

export interface KnownContract {
  readonly data: ContractData;
  /** What orders, quotes and history requests send: ConId + exchange. */
  readonly ib: Contract;
  readonly conId: number;
  readonly secType: string;
}

interface Lookup {
  readonly details: ContractDetails[];
  resolve(details: ContractDetails[]): void;
  reject(error: Error): void;
}

export class ContractBook {
  private readonly known = new Map<string, KnownContract>();
  private readonly byConId = new Map<number, KnownContract>();
  private readonly lookups = new Map<number, Lookup>();
  private readonly inFlight = new Map<string, Promise<ContractData>>();

  constructor(
    private readonly connection: IbConnection,
    private readonly store: SettingsStore,
    private readonly gatewayName: string,
    private readonly push: (contract: ContractData) => void,
    private readonly timeoutMs: number,
  ) {}

  find(vtSymbol: string): KnownContract | undefined {
    return this.known.get(vtSymbol);
  }

  findByConId(conId: number): KnownContract | undefined {
    return this.byConId.get(conId);
  }

  get size(): number {
    return this.known.size;
  }

  /** The vt_symbol parts IB's own contract maps to: a known contract's symbol, else its ConId (vn.py's rule). */
  symbolOf(contract: Contract): { symbol: string; exchange: Exchange } {
    const known = contract.conId ? this.byConId.get(contract.conId) : undefined;
    if (known) return { symbol: known.data.symbol, exchange: known.data.exchange };
    const exchange = EXCHANGE_IB2VT[contract.exchange ?? ""] ?? EXCHANGE_IB2VT[contract.primaryExch ?? ""] ?? Exchange.SMART;
    return { symbol: String(contract.conId ?? contract.symbol ?? "?"), exchange };
  }

  /**
   * The contract for a vt_symbol, asking IB if it is not known yet. Undefined for exchanges IB does not trade
   * (another gateway's symbol); a TradingError when IB has no or several matching contracts.
   */
  resolve(vtSymbol: string): Promise<ContractData | undefined> {
    const dot = vtSymbol.lastIndexOf(".");
    const exchangeText = vtSymbol.slice(dot + 1);
    if (dot <= 0 || !isExchange(exchangeText) || !EXCHANGE_VT2IB[exchangeText]) return Promise.resolve(undefined);
    const known = this.known.get(vtSymbol);
    if (known) return Promise.resolve(known.data);
    const running = this.inFlight.get(vtSymbol);
    if (running) return running;
    const lookup = this.lookUp(vtSymbol).finally(() => this.inFlight.delete(vtSymbol));
    this.inFlight.set(vtSymbol, lookup);
    return lookup;
  }

  onDetails(reqId: number, details: ContractDetails): void {
    this.lookups.get(reqId)?.details.push(details);
  }

  onEnd(reqId: number): void {
    const lookup = this.lookups.get(reqId);
    this.lookups.delete(reqId);
    lookup?.resolve(lookup.details);
  }

  onError(reqId: number, message: IbMessage): boolean {
    const lookup = this.lookups.get(reqId);
    if (!lookup) return false;
    this.lookups.delete(reqId);
    lookup.reject(new TradingError(message.kind === "no-definition" ? "UNKNOWN_SYMBOL" : "BAD_REQUEST", message.text));
    return true;
  }

  failAll(reason: string): void {
    for (const [reqId, lookup] of this.lookups) {
      this.lookups.delete(reqId);
      lookup.reject(new TradingError("NOT_CONNECTED", reason));
    }
  }

  /** Loads the disk cache and pushes every contract in it. */
  loadCache(): void {
    const file = this.store.load(CONTRACT_CACHE_FILE);
    const entries = Array.isArray(file.contracts) ? (file.contracts as StoredContract[]) : [];
    for (const entry of entries) {
      if (!entry?.data?.vt_symbol || !entry.ib?.conId) continue;
      const data = { ...reviveDates(entry.data), gateway_name: this.gatewayName };
      this.remember({ data, ib: entry.ib, conId: entry.ib.conId, secType: entry.secType });
    }
  }

  private async lookUp(vtSymbol: string): Promise<ContractData> {
    const [symbol, exchange] = splitVtSymbol(vtSymbol);
    const query = contractFromSymbol(symbol, exchange);
    const details = await this.requestDetails(query, vtSymbol);
    if (details.length === 0) throw new TradingError("UNKNOWN_SYMBOL", `IB has no contract for ${vtSymbol}; check symbol, currency, security type and exchange`);
    if (details.length > 1) {
      const choices = details.slice(0, 8).map((d) => `${d.contract.conId}.${exchange} (${d.contract.localSymbol} ${d.contract.primaryExch ?? ""} ${d.longName ?? ""})`.trim());
      throw new TradingError("UNKNOWN_SYMBOL", `${vtSymbol} matches ${details.length} IB contracts; name one by ConId: ${choices.join(", ")}`);
    }
    const known: KnownContract = {
      data: contractDataOf(details[0], symbol, exchange, this.gatewayName), ib: tradingContract(details[0], exchange),
      conId: details[0].contract.conId ?? 0, secType: details[0].contract.secType ?? "",
    };
    this.remember(known);
    this.save();
    return known.data;
  }

  private requestDetails(query: Contract, vtSymbol: string): Promise<ContractDetails[]> {
    const ib = this.connection.ib;
    const reqId = this.connection.nextRequestId();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.lookups.delete(reqId)) reject(new TradingError("BAD_REQUEST", `IB did not describe ${vtSymbol} within ${this.timeoutMs / 1000} s; retry`));
      }, this.timeoutMs);
      this.lookups.set(reqId, {
        details: [],
        resolve: (details) => { clearTimeout(timer); resolve(details); },
        reject: (error) => { clearTimeout(timer); reject(error); },
      });
      ib.reqContractDetails(reqId, query);
    });
  }

  private remember(known: KnownContract): void {
    this.known.set(known.data.vt_symbol, known);
    if (!this.byConId.has(known.conId) || /^\d+$/.test(this.byConId.get(known.conId)!.data.symbol)) this.byConId.set(known.conId, known);
    this.push(known.data);
  }

  private save(): void {
    const contracts: StoredContract[] = [...this.known.values()].map((k) => ({ data: k.data, ib: k.ib as StoredContract["ib"], secType: k.secType }));
    this.store.save(CONTRACT_CACHE_FILE, { version: 1, contracts });
  }
}

interface StoredContract {
  data: ContractData;
  ib: { conId: number; exchange: string };
  secType: string;
}

function reviveDates(data: ContractData): ContractData {
  const revived: Record<string, unknown> = { ...data };
  for (const key of ["option_expiry", "option_listed"] as const) if (data[key]) revived[key] = new Date(data[key] as unknown as string);
  return revived as unknown as ContractData;
}
