/**
 * Tokens from any OpenID Connect provider (ProConnect for public agents, Keycloak or similar for partners): the
 * provider is found by its discovery document, its keys by the document's `jwks_uri`, and its claims are mapped onto
 * the hub's caller claims (`sub`, `org_kind`, `org_id`, `roles`, `territory`) by a documented, configurable mapping.
 */

export interface OidcProvider {
  /** The `issuer` of the discovery document: tokens must carry exactly this `iss`. */
  issuer: string;
  jwksUri: string;
}

export class OidcDiscoveryError extends Error {
  /** A network failure, a timeout or an HTTP 5xx/429: worth retrying (a wrong document is not). */
  constructor(
    message: string,
    public readonly retryable = false,
  ) {
    super(message);
  }
}

/**
 * Reads `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4) and checks that its `issuer` is
 * the one configured (§4.3) and that it names a JWKS.
 */
export async function discoverOidcProvider(
  issuerUrl: string,
  opts: {
    fetch?: typeof fetch;
    timeoutMs?: number;
    /** Production: the JWKS must be served over https. */ requireHttps?: boolean;
  } = {},
): Promise<OidcProvider> {
  const url = `${issuerUrl.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let doc: { issuer?: unknown; jwks_uri?: unknown };
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
    });
  } catch (e) {
    throw new OidcDiscoveryError(`OIDC discovery failed at ${url}: ${(e as Error).message}`, true);
  }
  if (!res.ok)
    throw new OidcDiscoveryError(
      `OIDC discovery failed at ${url}: HTTP ${res.status}`,
      res.status >= 500 || res.status === 429,
    );
  try {
    doc = (await res.json()) as typeof doc;
  } catch (e) {
    throw new OidcDiscoveryError(`OIDC discovery failed at ${url}: ${(e as Error).message}`);
  }
  if (typeof doc.issuer !== 'string' || doc.issuer.replace(/\/+$/, '') !== issuerUrl.replace(/\/+$/, '')) {
    throw new OidcDiscoveryError(`OIDC discovery at ${url}: issuer ${JSON.stringify(doc.issuer)} is not ${issuerUrl}`);
  }
  if (typeof doc.jwks_uri !== 'string' || !/^https?:\/\//.test(doc.jwks_uri))
    throw new OidcDiscoveryError(`OIDC discovery at ${url}: no jwks_uri`);
  if (opts.requireHttps && !doc.jwks_uri.startsWith('https://'))
    throw new OidcDiscoveryError(`OIDC discovery at ${url}: jwks_uri ${doc.jwks_uri} must use https: in production`);
  return { issuer: doc.issuer, jwksUri: doc.jwks_uri };
}

/**
 * Discovery at start-up, retried with exponential backoff (`delaysMs`, default 0.5, 1, 2, 4, 8 s) while the failure is
 * transient (the provider restarting with the hub, a network hiccup); each failure logged with its reason. A wrong
 * document fails at once.
 */
export async function discoverOidcProviderWithRetry(
  issuerUrl: string,
  opts: Parameters<typeof discoverOidcProvider>[1] & {
    delaysMs?: number[];
    onRetry?: (error: OidcDiscoveryError, attempt: number, delayMs: number) => void;
  } = {},
): Promise<OidcProvider> {
  const delays = opts.delaysMs ?? [500, 1000, 2000, 4000, 8000];
  for (let attempt = 1; ; attempt++) {
    try {
      return await discoverOidcProvider(issuerUrl, opts);
    } catch (e) {
      const delay = delays[attempt - 1];
      if (!(e instanceof OidcDiscoveryError) || !e.retryable || delay === undefined) throw e;
      opts.onRetry?.(e, attempt, delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * Where each caller claim comes from in the provider's token. A source is a claim path with dots for nested objects
 * (`realm_access.roles`, `masp.org_id`) or a constant written `=VALUE` (`=DEPARTEMENT` when a provider serves one kind
 * of organisation only). The default mapping is the identity: the hub's own claim names.
 */
export interface ClaimMapping {
  orgKind: string;
  orgId: string;
  roles: string;
  territory: string;
  /** Only roles starting with this prefix are kept, without it (`masp:DELEGUE` → `DELEGUE`); '' keeps every role. */
  rolePrefix: string;
  /** Provider organisation ids (e.g. a SIRET) → the hub's organisation uuids; ids not listed pass unchanged. */
  orgIdMap: Record<string, string>;
}

export const IDENTITY_CLAIM_MAPPING: ClaimMapping = {
  orgKind: 'org_kind',
  orgId: 'org_id',
  roles: 'roles',
  territory: 'territory',
  rolePrefix: '',
  orgIdMap: {},
};

function pick(payload: Record<string, unknown>, source: string): unknown {
  if (source.startsWith('=')) return source.slice(1);
  let value: unknown = payload;
  for (const key of source.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key))
      return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The hub's caller claims read from a provider token's payload (then checked by schema/caller.ts parseCallerClaims).
 */
export function mapProviderClaims(payload: Record<string, unknown>, mapping: ClaimMapping): Record<string, unknown> {
  let roles = pick(payload, mapping.roles);
  if (typeof roles === 'string') roles = roles.split(/[\s,]+/).filter(Boolean); // space- or comma-separated claim
  if (Array.isArray(roles) && mapping.rolePrefix) {
    roles = roles
      .filter((r) => typeof r === 'string' && r.startsWith(mapping.rolePrefix))
      .map((r: string) => r.slice(mapping.rolePrefix.length));
  }
  const orgId = pick(payload, mapping.orgId);
  const territory = pick(payload, mapping.territory);
  return {
    sub: payload.sub,
    org_kind: pick(payload, mapping.orgKind),
    org_id: typeof orgId === 'string' ? (mapping.orgIdMap[orgId] ?? orgId) : orgId,
    roles,
    ...(territory === undefined || territory === null || territory === '' ? {} : { territory }),
  };
}
