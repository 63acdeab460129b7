// The simulator's own check of IB's historical-data pacing rules (independent of the gateway's governor, so a
// governor bug shows up as a 162 from the simulator).

export interface HistoryKey {
  /** Everything that makes two requests identical (contract, end, duration, bar size, what to show, ...). */
  readonly identical: string;
  /** Contract + exchange + tick type, for the "six within two seconds" rule. */
  readonly contract: string;
}

export const PACING_RULES = {
  identicalWindowMs: 15_000,
  sameContractWindowMs: 2_000,
  sameContractMax: 5,
  windowMs: 600_000,
  windowMax: 60,
  openMax: 50,
} as const;

export class PacingCheck {
  private readonly sent: Array<{ at: number; key: HistoryKey }> = [];
  violations = 0;

  /** Records a request at `now`; returns the rule it breaks, or undefined if it is within the rules. */
  check(now: number, key: HistoryKey, openRequests: number): string | undefined {
    const recent = this.sent.filter((s) => now - s.at < PACING_RULES.windowMs);
    this.sent.splice(0, this.sent.length, ...recent, { at: now, key });
    const broken = this.brokenRule(now, key, recent, openRequests);
    if (broken) this.violations += 1;
    return broken;
  }

  private brokenRule(now: number, key: HistoryKey, recent: Array<{ at: number; key: HistoryKey }>, open: number): string | undefined {
    if (recent.some((s) => s.key.identical === key.identical && now - s.at < PACING_RULES.identicalWindowMs)) return "identical request within 15 s";
    const sameContract = recent.filter((s) => s.key.contract === key.contract && now - s.at < PACING_RULES.sameContractWindowMs);
    if (sameContract.length >= PACING_RULES.sameContractMax) return "six or more requests for one contract within 2 s";
    if (recent.length >= PACING_RULES.windowMax) return "more than 60 requests within 10 minutes";
    if (open >= PACING_RULES.openMax) return "more than 50 open requests";
    return undefined;
  }
}
