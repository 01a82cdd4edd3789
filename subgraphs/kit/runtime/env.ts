import { join } from 'node:path';

/**
 * Typed configuration from the environment, read once at start-up. A missing or malformed variable stops the
 * process with one line naming it (subgraphs/README.md › House style: fail fast on configuration). Every variable is in
 * .env.example.
 */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

export function envString(name: string, opts: { default?: string; env?: Source } = {}): string {
  const raw = (opts.env ?? process.env)[name];
  if (raw === undefined || raw === '') {
    if (opts.default !== undefined) return opts.default;
    throw new ConfigError(name, 'is required but not set');
  }
  return raw;
}

export function envOptional(name: string, env: Source = process.env): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

export function envInt(
  name: string,
  opts: { default?: number; min?: number; max?: number; env?: Source } = {},
): number {
  const raw = envOptional(name, opts.env);
  if (raw === undefined) {
    if (opts.default !== undefined) return opts.default;
    throw new ConfigError(name, 'is required but not set');
  }
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (opts.min !== undefined && value < opts.min) throw new ConfigError(name, `must be ≥ ${opts.min}, got ${value}`);
  if (opts.max !== undefined && value > opts.max) throw new ConfigError(name, `must be ≤ ${opts.max}, got ${value}`);
  return value;
}

export function envUrl(name: string, opts: { default?: string; protocols?: string[]; env?: Source } = {}): string {
  const raw = envString(name, opts);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL, got "${raw}"`);
  }
  if (opts.protocols && !opts.protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must use ${opts.protocols.join(' or ')}, got "${url.protocol}"`);
  }
  return raw;
}

export function envEnum<T extends string>(
  name: string,
  values: readonly T[],
  opts: { default?: T; env?: Source } = {},
): T {
  const raw = envString(name, opts);
  if (!values.includes(raw as T)) throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** A secret shared between the gateway and the subgraphs: long enough to resist guessing. */
export function envSecret(name: string, opts: { default?: string; env?: Source } = {}): string {
  const value = envString(name, opts);
  if (value.length < 32) throw new ConfigError(name, 'must be at least 32 characters long');
  return value;
}

export const isProduction = (env: Source = process.env): boolean => env.NODE_ENV === 'production';

/** The repository root, whether running from sources (tests, swc) or from dist/ (npm start). */
export const PROJECT_ROOT: string = join(__dirname, '..', '..', '..').replace(/[\\/]dist$/, '');

/** Default of REGISTRY_CACHE_MS. */
export const REGISTRY_CACHE_MS_DEFAULT = 5000;

/** REGISTRY_CACHE_MS: how long a partner subgraph remembers the registry's answer per caller and person (0: never). */
export function envRegistryCacheMs(env: Source = process.env): number {
  return envInt('REGISTRY_CACHE_MS', { env, default: REGISTRY_CACHE_MS_DEFAULT, min: 0, max: 60_000 });
}

/**
 * Where the partner subgraphs reach the department subgraph's registry of habilitations (`reachablePersons`):
 * DEPARTMENT_URL, the same variable the gateway reads for the department subgraph. Required in production; elsewhere
 * the department's default local address.
 */
export function envDepartmentUrl(env: Source = process.env): string {
  if (isProduction(env) && envOptional('DEPARTMENT_URL', env) === undefined) {
    throw new ConfigError(
      'DEPARTMENT_URL',
      'is required in production (the association, bailleur and mandataire subgraphs ask the department subgraph which persons a département agent reaches)',
    );
  }
  return envUrl('DEPARTMENT_URL', { env, default: 'http://127.0.0.1:4001/graphql', protocols: ['http:', 'https:'] });
}
