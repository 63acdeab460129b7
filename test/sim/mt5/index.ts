// Starts the simulated MT5 terminal + Expert Advisor on loopback, for tests, notebooks and benchmarks.
import { Mt5SimServer, type Mt5SimulatorOptions } from "./server";

export type { Mt5SimulatorOptions } from "./server";
export { Mt5SimServer } from "./server";

export interface Mt5Simulator {
  readonly reqPort: number;
  readonly subPort: number;
  /** Scripts and faults: quotes (server.market.setBid), slowNext, dropNext, pausePushes, received requests. */
  readonly server: Mt5SimServer;
  stop(): Promise<void>;
}

export async function startMt5Simulator(options: Mt5SimulatorOptions = {}): Promise<Mt5Simulator> {
  const server = new Mt5SimServer(options);
  await server.start();
  return { reqPort: server.reqPort, subPort: server.subPort, server, stop: () => server.stop() };
}

export { setupMt5Notebook } from "./notebook";
