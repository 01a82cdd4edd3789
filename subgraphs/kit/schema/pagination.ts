import { userError, ErrorCode } from '../rules/errors';
import { isUuid } from '../db/loaders';

export const MAX_PAGE_SIZE = 100;

/** Validates a page size: 1 to MAX_PAGE_SIZE, so that no list is unbounded. */
export function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      `« first » doit être entre 1 et ${MAX_PAGE_SIZE}. / "first" must be between 1 and ${MAX_PAGE_SIZE}.`,
      { field: 'first' },
    );
  }
  return first;
}

/** Validates the `after` cursor of an id-ordered list (the last id of the previous page). */
export function afterCursor(after: string | undefined | null): string | undefined {
  if (after == null) return undefined;
  if (!isUuid(after))
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      '« after » doit être un identifiant renvoyé par la page précédente. / "after" must be an id returned by the previous page.',
      { field: 'after' },
    );
  return after;
}
