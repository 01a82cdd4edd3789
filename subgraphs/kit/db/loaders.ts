import DataLoader from 'dataloader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * One row per id, fetched in one statement per batch (`WHERE id = ANY($1)`). `fetch` receives only well-formed
 * uuids and applies the caller's reach: an id out of reach resolves to null, exactly like an id that does not exist.
 */
export function createRowLoader<T>(
  fetch: (ids: string[]) => Promise<T[]>,
  idOf: (row: T) => string,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const rows = valid.length ? await fetch(valid) : [];
    const byId = new Map(rows.map((r) => [idOf(r), r]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}

/** The rows attached to each parent id (a one-to-many relation), one statement per batch. */
export function createGroupLoader<T>(
  fetch: (parentIds: string[]) => Promise<T[]>,
  parentIdOf: (row: T) => string,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (parentIds) => {
    const valid = [...new Set(parentIds.filter(isUuid).map((id) => id.toLowerCase()))];
    const rows = valid.length ? await fetch(valid) : [];
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const key = parentIdOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return parentIds.map((id) => groups.get(id.toLowerCase()) ?? []);
  });
}
