import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { createHash } from 'node:crypto';

/**
 * Automatic persisted queries (Apollo's APQ protocol, `extensions.persistedQuery { version: 1, sha256Hash }`): a client
 * sends the hash alone; unknown → `PERSISTED_QUERY_NOT_FOUND`, and it sends hash + query once, which the gateway
 * checks (sha256) and keeps in a bounded LRU. Lets clients use short GET URLs (cacheable) for queries.
 * Runs after authentication: only authenticated callers can store a query.
 */
export function useAutomaticPersistedQueries(opts: { maxEntries?: number } = {}): GatewayPlugin {
  const maxEntries = opts.maxEntries ?? 1000;
  const store = new Map<string, string>();
  const remember = (hash: string, query: string) => {
    store.delete(hash);
    store.set(hash, query);
    if (store.size > maxEntries) store.delete(store.keys().next().value as string);
  };
  return {
    onParams({ params, setParams }) {
      const persisted = (params.extensions as { persistedQuery?: unknown } | undefined)?.persistedQuery;
      if (persisted === undefined) return;
      const { version, sha256Hash } = (persisted ?? {}) as { version?: unknown; sha256Hash?: unknown };
      if (version !== 1 || typeof sha256Hash !== 'string' || !/^[0-9a-f]{64}$/i.test(sha256Hash)) {
        throw new GraphQLError('PersistedQueryNotSupported: version 1 with a sha256Hash is expected.', {
          extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED', http: { status: 400 } },
        });
      }
      const hash = sha256Hash.toLowerCase();
      if (typeof params.query === 'string') {
        if (createHash('sha256').update(params.query).digest('hex') !== hash) {
          throw new GraphQLError('provided sha does not match query', {
            extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH', http: { status: 400 } },
          });
        }
        remember(hash, params.query);
        return;
      }
      const query = store.get(hash);
      // Clients (Apollo, urql) expect this exact message and a 200 to retry with the query.
      if (!query)
        throw new GraphQLError('PersistedQueryNotFound', {
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 200 } },
        });
      remember(hash, query);
      setParams({ ...params, query });
    },
  };
}
