/**
 * The GraphQL client (urql): the signed-in caller's token on every request, and each operation sent by the id of its
 * trusted document (`documentId`, sha256 of the registered text), never as free text.
 */
import { Client, CombinedError, fetchExchange } from '@urql/core';
import persisted from './gql/persisted-documents.json';

/** Operation name → `sha256:<hash>` of its registered text. */
const ids: Record<string, string> = Object.fromEntries(
  Object.entries(persisted as Record<string, string>).map(([hash, text]) => [
    /^(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1] ?? '',
    hash,
  ]),
);

export function documentIdOf(operationName: string): string | undefined {
  return ids[operationName];
}

export function createClient(endpoint: string, token: string): Client {
  return new Client({
    url: endpoint,
    exchanges: [fetchExchange],
    requestPolicy: 'network-only',
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    fetch: (input, init) => {
      if (typeof init?.body === 'string') {
        const body = JSON.parse(init.body) as { query?: string; operationName?: string; documentId?: string };
        const id = body.operationName ? documentIdOf(body.operationName) : undefined;
        if (id) {
          delete body.query;
          body.documentId = id;
          return fetch(input, { ...init, body: JSON.stringify(body) });
        }
      }
      return fetch(input, init);
    },
  });
}

export type Path = ReadonlyArray<string | number>;

/** A refusal as the hub words it: its message, stable code and rule (the article, or DEPARTMENTAL_PRACTICE). */
export interface Refusal {
  message: string;
  code?: string;
  rule?: string;
  domain?: string;
  path?: Path;
}

export function refusalsOf(error: CombinedError | undefined): Refusal[] {
  if (!error) return [];
  if (error.networkError && !error.graphQLErrors.length) return [{ message: error.networkError.message }];
  return error.graphQLErrors.map((e) => ({
    message: e.message,
    code: typeof e.extensions?.code === 'string' ? e.extensions.code : undefined,
    rule: typeof e.extensions?.rule === 'string' ? e.extensions.rule : undefined,
    domain: typeof e.extensions?.domain === 'string' ? e.extensions.domain : undefined,
    path: e.path as Path | undefined,
  }));
}

/**
 * The domain refused at `path` (a field the role may not read), if any. The gateway removes such a field before
 * planning and names it by its place in the document, without list indices: indices are ignored on both sides.
 */
export function reservedAt(refusals: Refusal[], path: Path): string | undefined {
  const names = path.filter((p) => typeof p === 'string');
  const hit = refusals.find((r) => {
    if (r.code !== 'FORBIDDEN' || !r.path) return false;
    const at = r.path.filter((p) => typeof p === 'string');
    return at.length === names.length && at.every((p, i) => p === names[i]);
  });
  return hit ? (hit.domain ?? 'accès') : undefined;
}
