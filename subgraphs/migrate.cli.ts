import 'reflect-metadata';
import { SUBGRAPHS } from './index';
import { databaseUrlFor } from './kit/db/data-source';
import { adminDatabaseUrlFor, bootstrapRoles, ownerDatabaseUrlFor, roleOfUrl } from './kit/db/roles';
import { openSubgraphDatabase } from './kit/server/open-database';
import { checkUrlPassword, ConfigError } from './kit/runtime/env';
import { serviceLogger } from './kit/runtime/logger';
import { buildDemoPlan } from './kit/seed/demo-plan';
import { seedingWithoutEvents } from './kit/events/outbox';

/**
 * Each subgraph's database, in three steps (README › Running in production):
 * - `npm run db:roles` (this file with `--roles`): as a superuser (`<NAME>_DATABASE_ADMIN_URL` or `DB_ADMIN_URL`),
 *   creates the owner role (user of `<NAME>_DATABASE_OWNER_URL` or `DB_OWNER_URL`) and the application role (user of
 *   `<NAME>_DATABASE_URL` or `DATABASE_URL`) with the passwords of those URLs, and the schemas, owned by the owner;
 * - `npm run db:migrate`: as the owner, applies pending migrations and grants the application role its privileges;
 * - `npm run db:seed` (`--seed`): also writes the demo data where a subgraph has none, as the owner.
 * Without an owner URL, migrations run as `DATABASE_URL`'s user (development with one role).
 */
function required(variable: string, url: string | undefined): string {
  if (!url) throw new ConfigError(variable, 'is required but not set');
  if (!/^postgres(ql)?:\/\/[^/]/.test(url)) throw new ConfigError(variable, 'must be a postgres:// URL');
  // production: no placeholder password (CHANGE-ME), before `--roles` creates a role with it
  checkUrlPassword(variable, url);
  return url;
}

async function main(): Promise<void> {
  const roles = process.argv.includes('--roles');
  const seed = process.argv.includes('--seed');
  const plan = seed ? buildDemoPlan() : undefined;
  for (const def of SUBGRAPHS) {
    const log = serviceLogger(def.name);
    const name = def.database.schema.toUpperCase();
    const appVariable = `DATABASE_URL (or ${name}_DATABASE_URL)`;
    const ownerVariable = `DB_OWNER_URL (or ${name}_DATABASE_OWNER_URL)`;
    const owner = ownerDatabaseUrlFor(def.database.schema);
    if (roles) {
      const admin = required(
        `DB_ADMIN_URL (or ${name}_DATABASE_ADMIN_URL)`,
        adminDatabaseUrlFor(def.database.schema)?.url,
      );
      const made = await bootstrapRoles(admin, def.database.schema, {
        ownerUrl: required(ownerVariable, owner?.url),
        appUrl: required(appVariable, databaseUrlFor(def.database.schema)),
      });
      console.log(`${def.name}: roles ${made.owner} (owner) and ${made.app} (application) ready`);
      continue;
    }
    const app = owner
      ? databaseUrlFor(def.database.schema)
      : required(appVariable, databaseUrlFor(def.database.schema));
    if (owner && !app)
      throw new ConfigError(appVariable, `is required with ${owner.variable}: its user is the role granted`);
    const ds = await openSubgraphDatabase(
      def.database,
      required(owner?.variable ?? appVariable, owner?.url ?? app),
      log,
      {
        migrate: true,
        poolSize: 2,
        appRole: owner && app && roleOfUrl(app) !== roleOfUrl(owner.url) ? roleOfUrl(app) : undefined,
      },
    );
    try {
      const wrote = plan ? await seedingWithoutEvents(() => def.seed(ds, plan)) : false;
      console.log(
        `${def.name}: migrated${plan ? (wrote ? ', demo data written' : ', demo data already present') : ''}`,
      );
    } finally {
      await ds.destroy();
    }
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `db: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
