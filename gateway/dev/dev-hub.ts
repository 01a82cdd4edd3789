import { PROJECT_ROOT } from '../../subgraphs/kit/runtime/env';
import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, envInt, envOptional } from '../../subgraphs/kit/runtime/env';
import { serviceLogger } from '../../subgraphs/kit/runtime/logger';
import { ensureDatabase, startEmbeddedPostgres } from '../../subgraphs/kit/db/embedded-postgres';
import { shutdownTracing } from '../../subgraphs/kit/runtime/tracing';
import { loadOrCreateDevKeys } from '../auth/dev-keys';
import { mintDevToken } from '../auth/mint-token';
import type { GatewayConfig } from '../env';
import { DEMO_CALLERS } from './dev-tokens';
import { startLocalHub } from './local-hub';
import { SAMPLE_QUERIES } from '../sample-queries';

const ROOT = PROJECT_ROOT;

/**
 * What `npm start` prints once the hub runs: where it is, then how to call it. With the generated development key
 * pair, a token per demo caller and a `curl` per journey using them. With a real token source (OIDC_ISSUER,
 * JWT_JWKS_URL, JWT_PUBLIC_KEY) development tokens would all be refused (401): it names the source and what the
 * gateway checks instead, and the same `curl`s with a token the caller brings from its provider.
 */
export async function startupLines(config: GatewayConfig, gatewayUrl: string): Promise<string> {
  const demoCallers = config.tokenKeys.kind === 'dev' ? 'demo callers' : 'no demo callers with these tokens';
  const explorer = config.explorer
    ? [`Explorer (GraphiQL, ${demoCallers}, offline): ${gatewayUrl.replace(/\/graphql$/, '/explorer')}`]
    : [];
  const signIn =
    config.tokenKeys.kind === 'dev'
      ? 'sign in as a demo caller'
      : config.tokenKeys.kind === 'oidc' && process.env.CONSOLE_OIDC_CLIENT_ID
        ? 'sign in with the OIDC provider'
        : 'set CONSOLE_OIDC_CLIENT_ID to sign in';
  const consoleLine = [`Console (partners' web application, ${signIn}): ${gatewayUrl.replace(/\/graphql$/, '/app')}`];
  const lines: string[] = [
    '',
    `masp-hub is running: ${gatewayUrl}`,
    ...consoleLine,
    ...explorer,
    `Metrics: http://${config.metrics.host === '0.0.0.0' ? '127.0.0.1' : config.metrics.host}:${config.metrics.port}/metrics (METRICS_PORT; not on the GraphQL port)`,
    '',
  ];
  const curl = (tokenVar: string, query: string, variables?: Record<string, unknown>) => [
    `curl -s ${gatewayUrl} -H "Authorization: Bearer $${tokenVar}" -H 'content-type: application/json' \\`,
    `  -d '${JSON.stringify({ query: query.replace(/\s+/g, ' '), variables })}'`,
  ];
  if (config.tokenKeys.kind !== 'dev') {
    const source =
      config.tokenKeys.kind === 'oidc'
        ? `the OIDC provider ${config.tokenKeys.issuerUrl} (OIDC_ISSUER)`
        : config.tokenKeys.kind === 'jwks'
          ? `the keys at ${config.tokenKeys.url} (JWT_JWKS_URL)`
          : 'the public key in JWT_PUBLIC_KEY';
    lines.push(
      `Tokens come from ${source}: no development token is printed, the gateway would refuse it (401).`,
      `A caller signs in with that provider and sends its access token as \`Authorization: Bearer <token>\`; the gateway checks`,
      `its signature, iss = ${config.tokenIssuer}, aud = ${config.tokenAudience}, exp and nbf, and maps its claims with OIDC_CLAIM_* (README › Partners' identity providers).`,
      '',
      'A query per journey, for a caller holding the role named (export TOKEN=<access token> first):',
    );
    for (const sample of Object.values(SAMPLE_QUERIES))
      lines.push('', `# ${sample.journey} — as ${sample.role}`, ...curl('TOKEN', sample.query, sample.variables));
  } else {
    const keys = await loadOrCreateDevKeys(config.tokenKeys.dir);
    lines.push('Development tokens (valid 8 hours; `npm run token -- --help` mints others):');
    const tokens: Record<string, string> = {};
    for (const [label, claims] of Object.entries(DEMO_CALLERS)) {
      tokens[
        claims.roles[0] + (claims.org_kind === 'ASSOCIATION' ? `_${claims.sub.split('-')[1].toUpperCase()}` : '')
      ] = await mintDevToken(keys, claims);
      lines.push(`  ${label}`, `    export TOKEN_${Object.keys(tokens).at(-1)}=${Object.values(tokens).at(-1)}`);
    }
    lines.push('', 'A query per journey (paste the export line of the role first):');
    for (const sample of Object.values(SAMPLE_QUERIES)) {
      lines.push(
        '',
        `# ${sample.journey} — as ${sample.role}`,
        ...curl(`TOKEN_${sample.role}${sample.role === 'DELEGUE' ? '_A' : ''}`, sample.query, sample.variables),
      );
    }
  }
  lines.push('', 'Ctrl-C stops everything.', '');
  return lines.join('\n');
}

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
      const pg = await startEmbeddedPostgres({ dir: join(ROOT, '.data', 'pg'), port, persistent: true }).catch(
        (err: Error) => {
          throw new ConfigError(
            'EMBEDDED_PG_PORT',
            `(${port}): ${err.message}. Free that port, or set EMBEDDED_PG_PORT to another one, or DATABASE_URL to a PostgreSQL of yours.`,
          );
        },
      );
      stops.push(() => pg.stop());
      databaseUrl = await ensureDatabase(pg.url('postgres'), 'masp');
      log.info({ port, dir: '.data/pg' }, 'embedded PostgreSQL started');
    }
    // The gateway's signing key: GATEWAY_SIGNING_KEYS, else generated into the dev-keys folder.
    const hub = await startLocalHub({ databaseUrl, env: process.env, listen: true, seed: true });
    stops.unshift(() => hub.stop());

    process.stdout.write(await startupLines(hub.config, hub.gatewayUrl!));

    const shutdown = async () => {
      log.info('stopping the hub');
      for (const stop of stops) await stop().catch((err) => log.error({ err }, 'stop failed'));
      await shutdownTracing(); // the last requests' spans, before exit drops them
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

// Run, unless imported (the tests read startupLines).
if (require.main === module) void main();
