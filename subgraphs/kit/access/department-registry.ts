import { LRUCache } from 'lru-cache';
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { isDepartmentCaseWorker } from '../../../schema/policy';
import { GRANT_EXTENSION } from '../../../schema/upstream-signature';
import type { Caller } from './caller';
import { REGISTRY_CACHE_MS_DEFAULT } from '../runtime/env';
import { currentRequestId } from '../runtime/request-log';
import { activeTraceHeaders } from '../runtime/tracing';
import { ErrorCode, notReachable } from '../rules/errors';
import { isUuid } from '../db/loaders';

/**
 * The department subgraph as the registry of habilitations (schema/decisions/0004-row-rules-with-the-data.md): a
 * partner subgraph (association,
 * bailleur, mandataire) cannot tell which persons a département agent reaches — the référent and the territory are the
 * département's data — so it asks, on the caller's behalf, over HTTP, with the registry grant the gateway gave it for
 * this request (schema/upstream-signature.ts): the partner signs nothing and holds no key, and the grant names the
 * caller, the partner and the questions allowed, so a partner learns nothing its own callers could not, and can ask
 * nothing else of the department. At most one call per request: the ids asked during
 * a request are batched and deduplicated by a DataLoader, and each answer is kept for the rest of the request and,
 * per caller and person, for REGISTRY_CACHE_MS across requests (a question costs the partner a few milliseconds,
 * a third to a half of its answer on the caseload page: `npm run bench`).
 */

/** How the partner subgraphs reach the registry: the department's URL. */
export interface RegistryConfig {
  url: string;
  /** Per call; beyond it the registry counts as down (default 5 s). */
  timeoutMs?: number;
  /**
   * How long an answer is remembered, per caller and person, across requests (REGISTRY_CACHE_MS, default
   * 5000; 0: ask on every request). A habilitation the département withdraws stops reaching partner rows within it.
   */
  cacheMs?: number;
}

/** Answers remembered at most, per subgraph process (oldest dropped first). */
const CACHE_MAX_ENTRIES = 100_000;

/**
 * The registry's answers, remembered for `ttlMs` per (caller, person): the caller is all of its claims (sub,
 * organisation, roles, territory), so that another caller, or the same one with other roles, is asked afresh. Only
 * clean answers are kept (a failure is never cached: the next read asks again and fails closed).
 */
class RegistryCache {
  private readonly entries = new LRUCache<string, { reached: boolean; until: number }>({ max: CACHE_MAX_ENTRIES });
  constructor(private readonly ttlMs: number) {}

  static callerKey(caller: Caller): string {
    return JSON.stringify([
      caller.sub,
      caller.orgKind,
      caller.orgId,
      [...caller.roles].sort(),
      caller.territory ?? null,
    ]);
  }

  get(callerKey: string, personId: string, now: number): boolean | undefined {
    const key = `${callerKey}|${personId}`;
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until > now) return hit.reached;
    this.entries.delete(key);
    return undefined;
  }

  set(callerKey: string, personId: string, reached: boolean, now: number): void {
    const key = `${callerKey}|${personId}`;
    this.entries.set(key, { reached, until: now + this.ttlMs });
  }
}

/** One cache per configured registry (a subgraph process has one), created on first use. */
const caches = new WeakMap<RegistryConfig, RegistryCache>();
function cacheOf(config: RegistryConfig): RegistryCache | undefined {
  const ttl = config.cacheMs ?? REGISTRY_CACHE_MS_DEFAULT;
  if (ttl <= 0) return undefined;
  let cache = caches.get(config);
  if (!cache) caches.set(config, (cache = new RegistryCache(ttl)));
  return cache;
}

/** What a partner subgraph's code sees, per request. */
export interface PersonRegistry {
  /** This caller's partner rows are checked person by person at the département (TRAVAILLEUR_SOCIAL, ENCADRANT). */
  readonly checksPersons: boolean;
  /** Does the caller reach this person? (Always false for a caller the registry does not cover.) */
  reaches(personId: string): Promise<boolean>;
  /**
   * Starts asking about a person now, with every other person named in the same tick (the Beneficiary references of
   * one `_entities` call), so that the rows read later find the answer cached: one registry call per request.
   */
  warm(personId: string): void;
  /**
   * The rows whose person the caller reaches. For a caller the registry does not cover, the rows as they are: the
   * subgraph's own SQL rule already applied.
   */
  keep<T extends { beneficiaryId: string }>(rows: T[]): Promise<T[]>;
  /**
   * Is this id a person of the département's register? For any caller (e.g. checking a lease's tenant); an id that
   * is not, or is malformed, is false. Batched per request like `reaches`; not cached across requests.
   */
  knows(personId: string): Promise<boolean>;
}

export const REGISTRY_QUERY = 'query RegistryReachablePersons($ids: [ID!]!) { reachablePersons(ids: $ids) }';
export const REGISTRY_KNOWN_QUERY = 'query RegistryKnownPersons($ids: [ID!]!) { knownPersons(ids: $ids) }';
/**
 * The row rule of a partner subgraph for département staff: every row is a candidate (REACH_ALL in SQL) only when the
 * request holds a registry that checks persons, and the rows read then go through `registry.keep`; without it, none.
 */
export function candidatesForDepartementStaff(caller: Caller, registry: PersonRegistry | undefined): boolean {
  return isDepartmentCaseWorker(caller) && !!registry?.checksPersons;
}

/** The department answers at most this many ids per question (department/resolvers/registry.resolver.ts). */
const MAX_IDS_PER_CALL = 1000;

function registryDown(reason: string): GraphQLError {
  return new GraphQLError(
    'Registre des habilitations du Département momentanément indisponible : rien n’a été lu ni enregistré, réessayez. / The département’s registry of habilitations is temporarily unavailable: nothing was read or saved, please retry.',
    { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true, reason } },
  );
}

function requestIdHeader(): Record<string, string> {
  const id = currentRequestId();
  return id ? { 'x-request-id': id } : {};
}

type Question = 'reachablePersons' | 'knownPersons';
const QUESTIONS: Record<Question, { query: string; operationName: string }> = {
  reachablePersons: { query: REGISTRY_QUERY, operationName: 'RegistryReachablePersons' },
  knownPersons: { query: REGISTRY_KNOWN_QUERY, operationName: 'RegistryKnownPersons' },
};

/**
 * One question to the registry under the request's grant: the subset of `ids` the caller reaches (or that the
 * register knows). Anything but a clean answer throws (fail closed).
 */
async function askRegistry(
  config: RegistryConfig,
  grant: string | undefined,
  question: Question,
  ids: string[],
): Promise<Set<string>> {
  if (!grant) throw registryDown('no_grant');
  const body = { ...QUESTIONS[question], variables: { ids }, extensions: { [GRANT_EXTENSION]: grant } };
  let response: Response;
  try {
    response = await fetch(config.url, {
      method: 'POST',
      // The caller's trace and request id go along, so the registry's work shows in the same trace and log lines.
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...activeTraceHeaders(),
        ...requestIdHeader(),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(config.timeoutMs ?? 5000),
    });
  } catch {
    throw registryDown('unreachable');
  }
  let json: { data?: Partial<Record<Question, unknown>>; errors?: unknown[] };
  try {
    json = (await response.json()) as typeof json;
  } catch {
    throw registryDown(`http_${response.status}`);
  }
  const reached = json?.data?.[question];
  if (!response.ok || json.errors?.length || !Array.isArray(reached) || !reached.every((id) => typeof id === 'string'))
    throw registryDown(`http_${response.status}`);
  return new Set((reached as string[]).map((id) => id.toLowerCase()));
}

/** `knows`, per request: one `knownPersons` question per batch of ids. */
function knownPersonsLoader(config: RegistryConfig | undefined, grant: string | undefined) {
  const loader = new DataLoader<string, boolean>(
    async (ids) => {
      if (!config) throw registryDown('not_configured');
      const known = await askRegistry(config, grant, 'knownPersons', [...ids]);
      return ids.map((id) => known.has(id));
    },
    { maxBatchSize: MAX_IDS_PER_CALL },
  );
  return (personId: string) => (isUuid(personId) ? loader.load(personId.toLowerCase()) : Promise.resolve(false));
}

/**
 * The registry for one request, asking under the gateway's grant for this request (`grant`). For département
 * staff, a DataLoader over the department's `reachablePersons` (one call per batch of ids, deduplicated, cached for
 * the request, and across requests for `cacheMs`); without a configured URL it refuses every person (fail closed).
 * `knows` asks `knownPersons`, for any caller. For any other caller the subgraph's own SQL rule is the whole
 * reach: nothing is asked.
 */
export function createPersonRegistry(
  caller: Caller,
  config: RegistryConfig | undefined,
  grant?: string,
): PersonRegistry {
  let knows: ((personId: string) => Promise<boolean>) | undefined;
  const knowsLazily = (personId: string) => (knows ??= knownPersonsLoader(config, grant))(personId);
  if (!isDepartmentCaseWorker(caller))
    return {
      checksPersons: false,
      reaches: async () => false,
      warm: () => undefined,
      keep: async (rows) => rows,
      knows: knowsLazily,
    };
  const cache = config ? cacheOf(config) : undefined;
  const callerKey = cache ? RegistryCache.callerKey(caller) : '';
  const loader = new DataLoader<string, boolean>(
    async (ids) => {
      if (!config) throw registryDown('not_configured');
      const now = Date.now();
      const known = ids.map((id) => cache?.get(callerKey, id, now));
      const unknown = ids.filter((_, i) => known[i] === undefined);
      if (!unknown.length) return known as boolean[];
      const reached = await askRegistry(config, grant, 'reachablePersons', unknown);
      for (const id of unknown) cache?.set(callerKey, id, reached.has(id), now);
      return ids.map((id, i) => known[i] ?? reached.has(id));
    },
    { maxBatchSize: MAX_IDS_PER_CALL },
  );
  const reaches = (personId: string) =>
    isUuid(personId) ? loader.load(personId.toLowerCase()) : Promise.resolve(false);
  return {
    checksPersons: true,
    reaches,
    warm(personId) {
      // a failure is not cached: the read that needs the answer asks again, and fails closed
      reaches(personId).catch(() => undefined);
    },
    async keep(rows) {
      if (!rows.length) return rows;
      const verdicts = await Promise.all(rows.map((r) => reaches(r.beneficiaryId)));
      return rows.filter((_, i) => verdicts[i]);
    },
    knows: knowsLazily,
  };
}

/**
 * For a write département staff perform on a partner row: the person must be within the caller's reach, or the
 * same FORBIDDEN as an unknown row answers (no existence oracle). A no-op for other callers (their SQL rule applied).
 */
export async function assertPersonReached(registry: PersonRegistry, personId: string, typeName: string): Promise<void> {
  if (registry.checksPersons && !(await registry.reaches(personId))) throw notReachable(typeName);
}

/**
 * The lists that are a partner organisation's own (`myLeases`, `expectedPayments`, `myJudicialMeasures`,
 * `myDelegatedFiles`) are not département staff's: refused, with where to look instead (through the person).
 */
export function refuseOwnListToDepartementStaff(caller: Caller, list: string, throughPerson: string): void {
  if (!isDepartmentCaseWorker(caller)) return;
  throw new GraphQLError(
    `« ${list} » est la liste d'un partenaire : un agent du Département consulte ces données par la personne, \`beneficiary(id) { ${throughPerson} }\`. / "${list}" is a partner's own list: a département agent reads this through the person, \`beneficiary(id) { ${throughPerson} }\`.`,
    { extensions: { code: ErrorCode.FORBIDDEN, throughPerson: `beneficiary(id) { ${throughPerson} }` } },
  );
}
