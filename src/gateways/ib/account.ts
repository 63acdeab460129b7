// Account values (updateAccountValue 6, pushed on updateAccountTime 8 / accountDownloadEnd 54) and positions
// (position 61, with P&L from updatePortfolio 7), in vn.py's shape: accountid "<account>.<currency>", NET positions
// priced at average cost per unit.
import { Direction } from "../../core/constant";
import { createAccount, createPosition, type AccountData, type PositionData } from "../../core/object";
import type { Contract } from "@stoqey/ib";
import type { ContractBook } from "./contracts";

interface Balance { balance: number; available: number; frozen: number }

/** IB account keys -> AccountData fields. */
const ACCOUNT_KEYS: Readonly<Record<string, keyof Balance>> = {
  NetLiquidation: "balance", AvailableFunds: "available", MaintMarginReq: "frozen",
};

export class AccountBook {
  private readonly balances = new Map<string, Balance>();
  private readonly positions = new Map<number, PositionData>();

  constructor(
    private readonly contracts: ContractBook,
    private readonly gatewayName: string,
    private readonly pushAccount: (account: AccountData) => void,
    private readonly pushPosition: (position: PositionData) => void,
  ) {}

  onAccountValue(key: string, value: string, currency: string, account: string): void {
    const field = ACCOUNT_KEYS[key];
    const amount = Number(value);
    if (!field || !Number.isFinite(amount) || currency === "BASE") return;
    const id = `${account}.${currency}`;
    const balance = this.balances.get(id) ?? { balance: 0, available: 0, frozen: 0 };
    balance[field] = amount;
    this.balances.set(id, balance);
  }

  /** updateAccountTime / accountDownloadEnd: the values of this round are complete. */
  flushAccounts(): void {
    for (const [accountid, b] of this.balances) {
      this.pushAccount(createAccount({ gateway_name: this.gatewayName, accountid, balance: b.balance, frozen: b.frozen, available: b.available }));
    }
  }

  onPosition(contract: Contract, quantity: number | undefined, averageCost: number | undefined): void {
    this.update(contract, { volume: quantity ?? 0, price: perUnit(contract, averageCost) });
  }

  onPortfolio(contract: Contract, quantity: number | undefined, averageCost: number | undefined, unrealizedPnl: number | undefined): void {
    this.update(contract, { volume: quantity ?? 0, price: perUnit(contract, averageCost), pnl: unrealizedPnl ?? 0 });
  }

  private update(contract: Contract, change: { volume: number; price: number; pnl?: number }): void {
    const conId = contract.conId ?? 0;
    const previous = this.positions.get(conId);
    const { symbol, exchange } = this.contracts.symbolOf(contract);
    const position = createPosition({
      gateway_name: this.gatewayName, symbol, exchange, direction: Direction.NET,
      volume: change.volume, price: change.price, pnl: change.pnl ?? previous?.pnl ?? 0,
    });
    if (previous && previous.volume === position.volume && previous.price === position.price && previous.pnl === position.pnl) return;
    this.positions.set(conId, position);
    this.pushPosition(position);
  }
}

function perUnit(contract: Contract, averageCost: number | undefined): number {
  return (averageCost ?? 0) / (contract.multiplier || 1);
}
