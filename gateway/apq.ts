import { LRUCache } from 'lru-cache';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { createHash } from 'node:crypto';

export interface AutomaticPersistedQueries {
  plugin: GatewayPlugin;
  /** The query a caller stored under this hash, if still kept (read by the runtime's persisted-documents lookup). */
  lookup(hash: string): string | undefined;
}

/**
 * Automatic persisted queries (Apollo's APQ protocol, `extensions.persistedQuery { version: 1, sha256Hash }`),
 * development and tests only: in production the trusted documents (persisted-documents.ts) are the only documents by
 * id, and no caller can add one. A client sends the hash alone; unknown → `PERSISTED_QUERY_NOT_FOUND` (answered by the
 * runtime's persisted-documents plugin, which asks `lookup`), and it sends hash + query once, which this plugin checks
 * (sha256) and keeps in a bounded LRU. Runs after authentication: only authenticated callers can store a query.
 */
export function useAutomaticPersistedQueries(opts: { maxEntries?: number } = {}): AutomaticPersistedQueries {
  const maxEntries = opts.maxEntries ?? 1000;
  const store = new LRUCache<string, string>({ max: maxEntries });
  return {
    lookup: (hash) => store.get(hash),
    plugin: {
      onParams({ params }) {
        const persisted = (params.extensions as { persistedQuery?: unknown } | undefined)?.persistedQuery;
        if (persisted === undefined) return;
        const { version, sha256Hash } = (persisted ?? {}) as { version?: unknown; sha256Hash?: unknown };
        if (version !== 1 || typeof sha256Hash !== 'string' || !/^[0-9a-f]{64}$/i.test(sha256Hash)) {
          throw new GraphQLError('PersistedQueryNotSupported: version 1 with a sha256Hash is expected.', {
            extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED', http: { status: 400 } },
          });
        }
        if (typeof params.query !== 'string') return;
        const hash = sha256Hash.toLowerCase();
        if (createHash('sha256').update(params.query).digest('hex') !== hash) {
          throw new GraphQLError('provided sha does not match query', {
            extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH', http: { status: 400 } },
          });
        }
        store.set(hash, params.query);
      },
    },
  };
}
