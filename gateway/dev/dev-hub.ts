import { PROJECT_ROOT } from '../../subgraphs/kit/runtime/env';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, envInt, envOptional } from '../../subgraphs/kit/runtime/env';
import { serviceLogger } from '../../subgraphs/kit/runtime/logger';
import { ensureDatabase, startEmbeddedPostgres } from '../../subgraphs/kit/db/embedded-postgres';
import { loadOrCreateDevKeys } from '../auth/dev-keys';
import { mintDevToken } from '../auth/mint-token';
import { DEMO_CALLERS } from './dev-tokens';
import { startLocalHub } from './local-hub';
import { SAMPLE_QUERIES } from '../sample-queries';

const ROOT = PROJECT_ROOT;

/**
 * `npm start`: the whole hub in one process on a fresh machine — an embedded PostgreSQL (unless DATABASE_URL is set),
 * migrations, the demo département, the four subgraphs and the gateway — then a token per role and a query per journey.
 */
async function main(): Promise<void> {
  const log = serviceLogger('dev-hub');
  const stops: Array<() => Promise<void>> = [];
  try {
    let databaseUrl = envOptional('DATABASE_URL');
    if (!databaseUrl) {
      const port = envInt('EMBEDDED_PG_PORT', { default: 54320, min: 1024, max: 65535 });
      const pg = await startEmbeddedPostgres({ dir: join(ROOT, '.data', 'pg'), port, persistent: true });
      stops.push(() => pg.stop());
      databaseUrl = await ensureDatabase(pg.url('postgres'), 'masp');
      log.info({ port, dir: '.data/pg' }, 'embedded PostgreSQL started');
    }
    const env = { ...process.env, UPSTREAM_SIGNING_SECRET: process.env.UPSTREAM_SIGNING_SECRET ?? randomBytes(32).toString('hex') };
    const hub = await startLocalHub({ databaseUrl, env, listen: true, seed: true });
    stops.unshift(() => hub.stop());

    const keys = await loadOrCreateDevKeys(hub.config.tokenKeys.kind === 'dev' ? hub.config.tokenKeys.dir : join(ROOT, '.data', 'dev-keys'));
    const explorer = hub.config.explorer ? [`Explorer (GraphiQL, demo callers, offline): ${hub.gatewayUrl!.replace(/\/graphql$/, '/explorer')}`] : [];
    const lines: string[] = ['', `masp-hub is running: ${hub.gatewayUrl}`, ...explorer, `Metrics: ${hub.gatewayUrl!.replace(/\/graphql$/, '/metrics')}`, '', 'Development tokens (valid 8 hours; `npm run token -- --help` mints others):'];
    const tokens: Record<string, string> = {};
    for (const [label, claims] of Object.entries(DEMO_CALLERS)) {
      tokens[claims.roles[0] + (claims.org_kind === 'ASSOCIATION' ? `_${claims.sub.split('-')[1].toUpperCase()}` : '')] = await mintDevToken(keys, claims);
      lines.push(`  ${label}`, `    export TOKEN_${Object.keys(tokens).at(-1)}=${Object.values(tokens).at(-1)}`);
    }
    lines.push('', 'A query per journey (paste the export line of the role first):');
    for (const sample of Object.values(SAMPLE_QUERIES)) {
      const tokenVar = `TOKEN_${sample.role}${sample.role === 'DELEGUE' ? '_A' : ''}`;
      lines.push('', `# ${sample.journey} — as ${sample.role}`);
      lines.push(`curl -s ${hub.gatewayUrl} -H "Authorization: Bearer $${tokenVar}" -H 'content-type: application/json' \\`);
      lines.push(`  -d '${JSON.stringify({ query: sample.query.replace(/\s+/g, ' ') })}'`);
    }
    lines.push('', 'Ctrl-C stops everything.', '');
    process.stdout.write(lines.join('\n'));

    const shutdown = async () => {
      log.info('stopping the hub');
      for (const stop of stops) await stop().catch((err) => log.error({ err }, 'stop failed'));
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown());
    process.once('SIGTERM', () => void shutdown());
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else log.fatal({ err }, 'the hub failed to start');
    for (const stop of stops) await stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
