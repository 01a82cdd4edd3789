import { createHash } from 'node:crypto';
import { useAutomaticPersistedQueries } from '../../gateway/apq';

const sha = (query: string) => createHash('sha256').update(query).digest('hex');
const store = (apq: ReturnType<typeof useAutomaticPersistedQueries>, query: string) =>
  (apq.plugin.onParams as (p: unknown) => void)({
    params: { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha(query) } } },
  });

describe('gateway › automatic persisted queries (development)', () => {
  it('keeps at most maxEntries queries, the least recently used forgotten first', () => {
    const apq = useAutomaticPersistedQueries({ maxEntries: 2 });
    const [a, b, c] = ['{ a }', '{ b }', '{ c }'];
    store(apq, a);
    store(apq, b);
    expect(apq.lookup(sha(a))).toBe(a); // a used again: b is now the least recent
    store(apq, c);
    expect(apq.lookup(sha(b))).toBeUndefined();
    expect(apq.lookup(sha(a))).toBe(a);
    expect(apq.lookup(sha(c))).toBe(c);
  });

  it('stores under the lower-case hash, and refuses a hash that is not the query’s', () => {
    const apq = useAutomaticPersistedQueries();
    const query = '{ d }';
    (apq.plugin.onParams as (p: unknown) => void)({
      params: { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha(query).toUpperCase() } } },
    });
    expect(apq.lookup(sha(query))).toBe(query);
    expect(() =>
      (apq.plugin.onParams as (p: unknown) => void)({
        params: { query: '{ e }', extensions: { persistedQuery: { version: 1, sha256Hash: sha(query) } } },
      }),
    ).toThrow('provided sha does not match query');
  });
});
