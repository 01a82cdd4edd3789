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

/**
 * Placeholders: the values shipped in .env.example, docker-compose.yml and kubernetes.yaml (`CHANGE-ME`,
 * `change-me-…`) and their like. A deployment that copied one must not start.
 */
const PLACEHOLDER =
  /change[-_. ]?me|change[-_. ]?it|replace[-_. ]?me|placeholder|to[-_. ]?be[-_. ]?set|x{4,}|<[^>]*>|\$\{/i;
/** Words a guessed secret is made of; a value made of nothing else is refused. */
const DICTIONARY = [
  'secret',
  'password',
  'passwd',
  'pass',
  'changeme',
  'change',
  'me',
  'admin',
  'root',
  'default',
  'example',
  'test',
  'dev',
  'prod',
  'production',
  'masp',
  'hub',
  'upstream',
  'signing',
  'key',
  'token',
  'postgres',
  'letmein',
  'qwerty',
];
const DICTIONARY_ONLY = new RegExp(`^(?:${DICTIONARY.join('|')}|\\d)+$`);

/** Why a value is a placeholder or a dictionary word (undefined when it is neither). */
export function placeholderSecretReason(value: string): string | undefined {
  if (PLACEHOLDER.test(value)) return 'is a placeholder (as in .env.example, docker-compose.yml or kubernetes.yaml)';
  const letters = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (letters === '' || DICTIONARY_ONLY.test(letters)) return 'is made of dictionary words';
  return undefined;
}

/**
 * In production, the password of a connection string (`postgres://user:password@host/db`) must not be a placeholder
 * or a dictionary word (`CHANGE-ME` in kubernetes.yaml, `masp` in docker-compose.yml). The value is never repeated.
 */
export function checkUrlPassword(name: string, url: string, env: Source = process.env): void {
  if (!isProduction(env)) return;
  let password: string;
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return; // malformed: its own check names it
  }
  if (password === '') return; // no password (peer or certificate authentication)
  const weak = placeholderSecretReason(password);
  if (weak) throw new ConfigError(name, `holds a password that ${weak}`);
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

/**
 * METRICS_PORT and METRICS_HOST: where a service serves Prometheus' /metrics (its own port, never the GraphQL one).
 * Default 9464 (a service on any free port, PORT=0, gets any free one too); host 127.0.0.1, or 0.0.0.0 in production.
 */
export function envMetrics(
  env: Source = process.env,
  opts: { servicePort?: number } = {},
): { port: number; host: string } {
  return {
    port: envInt('METRICS_PORT', { env, default: opts.servicePort === 0 ? 0 : 9464, min: 0, max: 65535 }),
    host: envString('METRICS_HOST', { env, default: isProduction(env) ? '0.0.0.0' : '127.0.0.1' }),
  };
}
