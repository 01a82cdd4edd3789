import 'reflect-metadata';
import { createServer } from 'node:http';
import { ConfigError } from '../subgraphs/kit/env';
import { serviceLogger } from '../subgraphs/kit/logger';
import { readGatewayConfig } from './env';
import { createHubGateway, GRAPHQL_ENDPOINT } from './gateway';

/** Runs the gateway alone (docker-compose, production). */
async function main(): Promise<void> {
  const log = serviceLogger('gateway');
  try {
    const config = readGatewayConfig();
    const gateway = await createHubGateway(config);
    const server = createServer(gateway);
    await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
    log.info({ endpoint: `http://${config.host}:${config.port}${GRAPHQL_ENDPOINT}` }, 'gateway ready');
    const shutdown = async (signal: string) => {
      log.info({ signal }, 'shutting down: draining in-flight requests');
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else log.fatal({ err }, 'gateway failed to start');
    process.exit(1);
  }
}

void main();
