import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
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
