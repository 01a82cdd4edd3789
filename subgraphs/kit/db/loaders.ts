import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import { Pool, types as pgTypes } from 'pg';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { requestStats } from './data-source';

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

// ---------------------------------------------------------------------------------------------------------------
// Raw reads: the hot read loaders' statements without typeorm's query builder and entity hydration (issue 21 §4,
// test/bench/levers/README.md). typeorm stays for writes and migrations.

/** pg's type parsers, except `date` (OID 1082) kept as the `YYYY-MM-DD` string PostgreSQL sends: no Date in between. */
const DATE_OID = 1082;
const identity = (value: string) => value;
export const DATE_AS_STRING_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    return oid === DATE_OID ? identity : pgTypes.getTypeParser(oid, format);
  },
};

/**
 * Runs one read statement on the subgraph's pool, counted in the request's statements as typeorm's logger counts its
 * own; `date` columns come back as strings (the scalar LocalDate's wire form), never as Date objects.
 */
export async function readRows<T = Record<string, unknown>>(
  ds: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const stats = requestStats.getStore();
  if (stats) stats.statements += 1;
  const pool = (ds.driver as unknown as { master: Pool }).master;
  const { rows } = await pool.query({ name: statementName(text), text, values, types: DATE_AS_STRING_TYPES });
  return rows as T[];
}

/**
 * A read sent again and again (a page's statements are the same text at every request) is prepared once per
 * connection, under a name of its text: PostgreSQL then parses and rewrites it once, and plans it from there (the
 * caseload's alerts statement: about 4 ms of planning unprepared, 1.5 prepared). A text is named from its second use,
 * up to PREPARED_MAX texts per process; beyond, or for a text seen once, the statement stays unnamed.
 */
const PREPARED_MAX = 500;
const seenTexts = new Map<string, string | null>();
function statementName(text: string): string | undefined {
  const known = seenTexts.get(text);
  if (known) return known;
  if (known === undefined) {
    if (seenTexts.size < PREPARED_MAX) seenTexts.set(text, null);
    return undefined;
  }
  const name = `r${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  seenTexts.set(text, name);
  return name;
}

type ColumnPlan = { db: string; prop: string; column?: ColumnMetadata; meta: ColumnMetadata };
interface EntityPlan {
  from: string;
  columns: ColumnPlan[];
  create: () => ObjectLiteral;
}
/** Column types pg already hands over as typeorm would hydrate them (no transformer): copied as they come. */
const AS_IS = new Set<unknown>([
  'uuid',
  'text',
  'varchar',
  'character varying',
  'char',
  'int',
  'integer',
  'int4',
  'smallint',
  'int2',
  'boolean',
  'bool',
  'date',
  'timestamptz',
  'timestamp with time zone',
  'jsonb',
  'json',
  'enum',
  String,
  Number,
  Boolean,
]);
const plans = new WeakMap<object, Map<string, EntityPlan>>();

function planOf(ds: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string): EntityPlan {
  let byAlias = plans.get(entity as object);
  if (!byAlias) plans.set(entity as object, (byAlias = new Map()));
  let plan = byAlias.get(alias);
  if (plan) return plan;
  const meta = ds.getMetadata(entity);
  const columns: ColumnPlan[] = meta.columns
    .filter((c) => c.isSelect && !c.relationMetadata && !c.embeddedMetadata)
    .map((c) => ({
      db: c.databaseName,
      prop: c.propertyName,
      column: c.transformer || !AS_IS.has(c.type) || c.isArray ? c : undefined,
      meta: c,
    }));
  const list = columns.map((c) => `"${alias}"."${c.db}"`).join(', ');
  const target = meta.target;
  plan = {
    from: `SELECT ${list} FROM ${meta.schema ? `"${meta.schema}".` : ''}"${meta.tableName}" "${alias}"`,
    columns,
    create: typeof target === 'function' ? () => new (target as new () => ObjectLiteral)() : () => ({}),
  };
  byAlias.set(alias, plan);
  return plan;
}

/**
 * `select(ds, Entity, 'x').where(…).andWhere(…).orderBy(…).getMany()`: the subset of typeorm's SelectQueryBuilder the
 * read loaders use (named parameters `:name` as typeorm binds them, conditions in SQL over column names), as one raw
 * statement whose rows become entity instances column by column (typeorm's own conversion for the columns that need
 * one: transformers, simple-json…).
 */
export class RawSelect<T extends ObjectLiteral> implements TogetherRead<T> {
  private readonly conditions: string[] = [];
  private readonly params: Record<string, unknown> = {};
  private readonly orders: string[] = [];
  private max?: number;

  constructor(
    private readonly ds: DataSource,
    private readonly entity: EntityTarget<T>,
    readonly alias: string,
  ) {}

  where(sql: string, params?: object): this {
    this.conditions.length = 0;
    return this.andWhere(sql, params);
  }

  andWhere(sql: string, params?: object): this {
    this.conditions.push(sql);
    if (params) Object.assign(this.params, params);
    return this;
  }

  orderBy(sort: string, order: 'ASC' | 'DESC' = 'ASC'): this {
    this.orders.length = 0;
    return this.addOrderBy(sort, order);
  }

  addOrderBy(sort: string, order: 'ASC' | 'DESC' = 'ASC'): this {
    this.orders.push(`${sort} ${order}`);
    return this;
  }

  limit(n: number): this {
    this.max = n;
    return this;
  }

  /** The statement and its positional values. */
  getQueryAndParameters(): [string, unknown[]] {
    const plan = planOf(this.ds, this.entity, this.alias);
    let sql = plan.from;
    if (this.conditions.length) sql += ` WHERE ${this.conditions.map((c) => `(${c})`).join(' AND ')}`;
    if (this.orders.length) sql += ` ORDER BY ${this.orders.join(', ')}`;
    if (this.max !== undefined) sql += ` LIMIT ${Math.trunc(this.max)}`;
    return this.ds.driver.escapeQueryWithParameters(sql, this.params as ObjectLiteral) as [string, unknown[]];
  }

  /**
   * For `selectTogether`: the statement with its rank in its order as a column (`__n`: the order may name columns
   * the entity does not select), and the ORDER BY over it.
   */
  togetherQuery(): [string, unknown[], string] {
    const [sql, values] = this.getQueryAndParameters();
    if (!this.orders.length) return [sql, values, ''];
    const ranked = sql.replace(/^SELECT /, `SELECT row_number() OVER (ORDER BY ${this.orders.join(', ')}) AS "__n", `);
    return [ranked, values, `"${this.alias}"."__n"`];
  }

  /** An entity from the row `to_jsonb` made of one of this statement's rows (`selectTogether`). */
  fromJson(row: Record<string, unknown>): T {
    const plan = planOf(this.ds, this.entity, this.alias);
    const driver = this.ds.driver;
    const e = plan.create();
    for (const c of plan.columns) {
      let value = row[c.db] ?? null;
      // arrays come as JSON arrays, already what pg's parser makes of them (an enum array it leaves as text)
      if (Array.isArray(value) && !c.meta.transformer) {
        e[c.prop] = value;
        continue;
      }
      // JSON carries numbers where pg hands over bigint and numeric as strings
      if (typeof value === 'number' && BIG_TYPES.has(c.meta.type)) value = String(value);
      // timestamps come as ISO strings: typeorm's conversion makes them Dates, as pg's parser does
      e[c.prop] = value === null ? null : driver.prepareHydratedValue(value, c.meta);
    }
    return e as T;
  }

  /**
   * Its rows as entities. Within a request, the raw reads its resolvers start in the same tick go to PostgreSQL as
   * one statement (`createTogetherLoader`, issue 21 §3): a page's sibling loaders cost one round trip.
   */
  async getMany(): Promise<T[]> {
    const stats = requestStats.getStore();
    return stats ? readTogether(togetherOf(stats, this.ds), this) : this.getManyAlone();
  }

  /** Its rows as entities, in a statement of its own. */
  async getManyAlone(): Promise<T[]> {
    const plan = planOf(this.ds, this.entity, this.alias);
    const [sql, values] = this.getQueryAndParameters();
    const rows = await readRows<Record<string, unknown>>(this.ds, sql, values);
    const driver = this.ds.driver;
    const out = new Array<T>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const e = plan.create();
      for (const c of plan.columns)
        e[c.prop] = c.column ? driver.prepareHydratedValue(row[c.db], c.column) : (row[c.db] ?? null);
      out[i] = e as T;
    }
    return out;
  }
}

const BIG_TYPES = new Set<unknown>(['bigint', 'int8', 'numeric', 'decimal']);

/** A read `selectTogether` can run with others: a RawSelect, or a raw statement (`rawRead`). */
export interface TogetherRead<T = unknown> {
  readonly alias: string;
  /** Its statement, its positional values, and its order as an ORDER BY over its output columns under `alias`. */
  togetherQuery(): [string, unknown[], string];
  /** One of its rows, as `to_jsonb` made it, as the read's result. */
  fromJson(row: Record<string, unknown>): T;
}

/**
 * A raw statement as a `TogetherRead`: its rows as they come through JSON, `map`ped (they must be JSON-safe as they
 * are: text, numbers, booleans; no Date, bigint or numeric columns, which JSON would carry differently than pg).
 */
export function rawRead<T>(
  sql: string,
  values: unknown[],
  order: string,
  map: (row: Record<string, unknown>) => T,
  alias = 'r',
): TogetherRead<T> {
  return {
    alias,
    togetherQuery: () => [sql, values, order],
    fromJson: map,
  };
}

type Results<Q extends readonly TogetherRead[]> = { [K in keyof Q]: Q[K] extends TogetherRead<infer T> ? T[] : never };

/**
 * Several raw reads in ONE statement (issue 21 §3: statements per page): each read's rows aggregated as a JSON array
 * in its own column, in its own order, then made entities as `getMany` makes them. For reads a request always needs
 * together (a person's leases, their payment orders and payments), one round trip instead of one per read.
 */
export async function selectTogether<Q extends readonly TogetherRead[]>(ds: DataSource, reads: Q): Promise<Results<Q>> {
  // alone, a read keeps its own statement (no JSON in between)
  if (reads.length === 1 && reads[0] instanceof RawSelect) return [await reads[0].getManyAlone()] as never;
  const values: unknown[] = [];
  const columns = reads.map((read, i) => {
    const [sql, params, order] = read.togetherQuery();
    const offset = values.length;
    values.push(...params);
    const renumbered = offset ? sql.replace(/\$(\d+)\b/g, (_, n: string) => `$${Number(n) + offset}`) : sql;
    return `(SELECT coalesce(json_agg(to_jsonb("${read.alias}")${order ? ` ORDER BY ${order}` : ''}), '[]'::json) FROM (${renumbered}) "${read.alias}") AS r${i}`;
  });
  const [row] = await readRows<Record<string, Array<Record<string, unknown>>>>(
    ds,
    `SELECT ${columns.join(', ')}`,
    values,
  );
  return reads.map((read, i) => row[`r${i}`].map((r) => read.fromJson(r))) as never;
}

/**
 * The reads a request's resolvers start in the same tick (the root fields of one page: the caseload and its alerts),
 * run as one statement (`selectTogether`): `load(read)` resolves to the read's rows. Per request, nothing cached.
 */
export function createTogetherLoader(ds: DataSource): DataLoader<TogetherRead, unknown[]> {
  return new DataLoader<TogetherRead, unknown[]>((reads) => selectTogether(ds, reads), { cache: false });
}

/** The request's together-loader of `ds` (one per request and data source, kept as long as the request). */
const togethers = new WeakMap<object, Map<DataSource, DataLoader<TogetherRead, unknown[]>>>();
function togetherOf(request: object, ds: DataSource): DataLoader<TogetherRead, unknown[]> {
  let byDs = togethers.get(request);
  if (!byDs) togethers.set(request, (byDs = new Map()));
  let loader = byDs.get(ds);
  if (!loader) byDs.set(ds, (loader = createTogetherLoader(ds)));
  return loader;
}

/** `together.load` typed by its read. */
export const readTogether = <T>(together: DataLoader<TogetherRead, unknown[]>, read: TogetherRead<T>) =>
  together.load(read) as Promise<T[]>;

/** A raw read of `entity` under `alias` (typeorm's `getRepository(entity).createQueryBuilder(alias)` for reads). */
export const select = <T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>, alias: string) =>
  new RawSelect<T>(ds, entity, alias);
