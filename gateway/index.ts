import 'reflect-metadata';
import { ConfigError } from '../subgraphs/kit/runtime/env';
import { serviceLogger } from '../subgraphs/kit/runtime/logger';
import { onTerminationSignal } from '../subgraphs/kit/runtime/shutdown';
import { shutdownTracing } from '../subgraphs/kit/runtime/tracing';
import { readGatewayConfig } from './env';
import { createHubGateway } from './gateway';
import { serveGateway } from './serve';

/** Runs the gateway alone (docker-compose, production). */
async function main(): Promise<void> {
  const log = serviceLogger('gateway');
  try {
    const config = readGatewayConfig();
    const gateway = await createHubGateway(config);
    const served = await serveGateway(gateway, { port: config.port, host: config.host });
    log.info({ endpoint: served.url, metrics: served.metricsUrl }, 'gateway ready');
    const shutdown = async (signal: string) => {
      log.info({ signal, inFlight: served.inFlight() }, 'shutting down: draining in-flight requests');
      await served.stop();
      await shutdownTracing(); // the last requests' spans, before exit drops them
      process.exit(0);
    };
    // The runtime (its Yoga server adapter) registers its own SIGTERM/SIGINT listener that disposes it at once,
    // aborting the subgraph calls of requests in flight; serveGateway's stop() disposes it after draining instead.
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    onTerminationSignal(shutdown);
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else {
      log.fatal({ err }, 'gateway failed to start');
      console.error(`gateway failed to start: ${(err as Error)?.message ?? err}`); // one line, even with logs off
    }
    process.exit(1);
  }
}

void main();
