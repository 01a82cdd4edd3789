/** A row rule as SQL: a condition on a table alias with its named parameters (typeorm query-builder style). */
export interface Condition {
  sql: string;
  params: Record<string, unknown>;
}

export const REACH_NONE: Condition = { sql: 'FALSE', params: {} };
export const REACH_ALL: Condition = { sql: 'TRUE', params: {} };
