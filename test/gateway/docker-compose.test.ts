import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { consumersOf, EVENT_ROUTES, EventType, PartnerName } from '../../schema/events';
import { defaultPortOf } from '../../schema/supergraph';
import { SUBGRAPHS } from '../../subgraphs';

/** docker-compose.yml, checked as data (CI has no Docker engine): least privilege in PostgreSQL. */
const ROOT = join(__dirname, '..', '..');
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
const services: Record<string, any> = compose.services;
const userOf = (url: string) => new URL(url.replace(/\$\{[^}]+\}/g, 'pw')).username;
const entry = (service: any) =>
  join(ROOT, (service.command[1] as string).replace(/^dist\//, '').replace(/\.js$/, '.ts'));

describe('deployment › docker-compose.yml › least privilege in PostgreSQL', () => {
  it('creates the roles as the superuser, then migrates as the owners, before any subgraph starts', () => {
    const roles = services['db-roles'];
    const migrate = services['db-migrate'];
    expect(roles.command).toEqual(['node', 'dist/subgraphs/migrate.cli.js', '--roles']);
    expect(migrate.command).toEqual(['node', 'dist/subgraphs/migrate.cli.js']);
    expect(existsSync(entry(migrate))).toBe(true);
    expect(userOf(roles.environment.DB_ADMIN_URL)).toBe(services.postgres.environment.POSTGRES_USER);
    // the superuser's password is the one PostgreSQL was started with, not a literal shipped in this file
    expect(roles.environment.DB_ADMIN_URL).toMatch(/^postgres:\/\/[^:@]+:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:/);
    expect(services.postgres.environment.POSTGRES_PASSWORD).toBe('${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}');
    // production: a placeholder password in the owners' or applications' URLs stops it before it creates a role
    expect(roles.environment.NODE_ENV).toBe('production');
    expect(migrate.environment.DB_ADMIN_URL).toBeUndefined();
    expect(roles.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(migrate.depends_on).toEqual({ 'db-roles': { condition: 'service_completed_successfully' } });
    for (const s of SUBGRAPHS) {
      const name = s.name.toUpperCase();
      expect(userOf(migrate.environment[`${name}_DATABASE_OWNER_URL`])).toBe(`masp_${s.name}_owner`);
      expect(userOf(migrate.environment[`${name}_DATABASE_URL`])).toBe(`masp_${s.name}_app`);
    }
  });

  it.each(SUBGRAPHS.map((s) => s.name))('%s serves as its own application role, and does not migrate', (name) => {
    const service = services[name];
    const env: Record<string, string> = service.environment;
    expect(userOf(env[`${name.toUpperCase()}_DATABASE_URL`])).toBe(`masp_${name}_app`);
    expect(Object.keys(env).filter((k) => /DATABASE_URL|OWNER|ADMIN/.test(k))).toEqual([
      `${name.toUpperCase()}_DATABASE_URL`,
    ]);
    expect(env.MIGRATE_ON_START).toBe('false');
    expect(env.NODE_ENV).toBe('production'); // so a superuser or owner connection is refused
    expect(service.depends_on).toEqual({ 'db-migrate': { condition: 'service_completed_successfully' } });
  });
});

/** The partners a producer delivers its facts to (schema/events.ts). */
const deliversTo = (producer: string): PartnerName[] => [
  ...new Set((Object.keys(EVENT_ROUTES) as EventType[]).flatMap((type) => consumersOf(type, producer as PartnerName))),
];

describe('deployment › docker-compose.yml › facts between partners (schema/events.ts)', () => {
  it.each(SUBGRAPHS.map((s) => s.name))(
    "%s signs with its own key, knows the partners' public keys and reaches those it delivers to",
    (name) => {
      const env: Record<string, string> = services[name].environment;
      const own = `${name.toUpperCase()}_EVENTS_SIGNING_KEY`;
      // required from the .env file (compose stops without it), never a literal key in this file
      expect(env.EVENTS_SIGNING_KEY).toBe(`\${${own}:?set ${own}}`);
      expect(env.PARTNER_EVENTS_JWKS).toBe('${PARTNER_EVENTS_JWKS:?set PARTNER_EVENTS_JWKS}');
      for (const to of deliversTo(name))
        expect({ to, url: env[`${to.toUpperCase()}_URL`] }).toEqual({
          to,
          url: `http://${to}:${defaultPortOf(to)}/graphql`,
        });
    },
  );

  it('the department delivers to the three others; the gateway holds no events key', () => {
    expect(deliversTo('department').sort()).toEqual(['association', 'bailleur', 'mandataire']);
    expect(Object.keys(services.gateway.environment).filter((k) => /EVENTS/.test(k))).toEqual([]);
    for (const other of ['postgres', 'db-roles', 'db-migrate'])
      expect(Object.keys(services[other].environment).filter((k) => /EVENTS/.test(k))).toEqual([]);
  });
});
