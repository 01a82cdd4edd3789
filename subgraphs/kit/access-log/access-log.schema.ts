import DataLoader from 'dataloader';
import type { GraphQLFieldResolver } from 'graphql';
import { Domain, OrgKind, publicTagSdl, requiresScopesSdl } from '../../../schema/policy';
import type { SubgraphContext } from '../server/context.type';
import { notReachable, userError, ErrorCode } from '../rules/errors';
import { isUuid } from '../db/loaders';
import { pageSize } from '../schema/pagination';

/**
 * `Beneficiary.accessLog`, the answer to "who looked at my file?" (schema/policy.md › Audit), across the four
 * subgraphs:
 * the département's Beneficiary has `accessLog: AccessLog` (AUDIT); `AccessLog @key(fields: "beneficiaryId")` is an
 * entity to which every subgraph contributes its own AUDIT list field, named after it (`department`, `association`,
 * `bailleur`, `mandataire`), read from its own `access_log`. A subgraph hooks it up with one option of
 * `buildFederatedSchema`: `accessLog: { field: '<subgraph>' }` (plus `ownsPerson: true` in the département).
 */
export interface AccessLogOptions {
  /** The field this subgraph contributes to AccessLog (its name). */
  field: string;
  /** The subgraph owning Beneficiary: adds `Beneficiary.accessLog` and checks the person's reach there. */
  ownsPerson?: boolean;
}

const audit = requiresScopesSdl(Domain.AUDIT);
const publicTag = publicTagSdl();

/** The SDL the kit adds to a subgraph for its part of the access log. */
export function accessLogSdl(opts: AccessLogOptions): string {
  return `
"""Who did what with one person's file, newest first (schema/policy.md › Audit). One field per subgraph, each from its own log."""
type AccessLog @key(fields: "beneficiaryId") {
  beneficiaryId: ID! ${publicTag}
  """What ${opts.field} served or recorded about this person, newest first; \`before\` is the id of the last entry of the previous page."""
  ${opts.field}(first: Int! = 50, before: ID): [AccessLogEntry!] ${audit}
}

"""One read or write of a person's file."""
type AccessLogEntry @shareable {
  id: ID! ${publicTag}
  """When (ISO 8601, UTC)."""
  at: String ${audit}
  """The user (\`sub\` of their token)."""
  sub: String ${audit}
  orgId: ID ${audit}
  orgKind: String ${audit}
  roles: [String!] ${audit}
  domains: [AuditDomain!] ${audit}
  action: AccessAction ${audit}
  """The operation name for reads; the mutation for writes."""
  detail: String ${audit}
}

enum AccessAction { READ WRITE }

enum AuditDomain { ${Object.values(Domain).join(' ')} }
${opts.ownsPerson ? `\nextend type Beneficiary {\n  """Who looked at this person's file (every subgraph's log)."""\n  accessLog: AccessLog ${audit}\n}\n` : ''}`;
}

interface EntryRow {
  id: string;
  at: Date;
  sub: string;
  org_id: string;
  org_kind: string;
  roles: string;
  beneficiary_id: string;
  domains: string[];
  action: string;
  detail: string | null;
}

/** An entry as served; `beneficiaryId` makes reading the log itself an AUDIT read of that person. */
const toEntry = (r: EntryRow) => ({
  id: String(r.id),
  at: new Date(r.at).toISOString(),
  sub: r.sub,
  orgId: r.org_id,
  orgKind: r.org_kind,
  roles: r.roles.split(',').filter(Boolean),
  domains: r.domains,
  action: r.action,
  detail: r.detail,
  beneficiaryId: r.beneficiary_id,
});

/** Per request: one statement per page shape for all the persons asked (no N+1 over a caseload). */
const entryLoaders = new WeakMap<object, DataLoader<string, ReturnType<typeof toEntry>[]>>();
function entryLoader(ctx: SubgraphContext) {
  let loader = entryLoaders.get(ctx);
  if (loader) return loader;
  const schema = (ctx.dataSource.options as { schema?: string }).schema;
  loader = new DataLoader(async (keys: readonly string[]) => {
    const groups = new Map<string, string[]>();
    for (const key of keys) {
      const [id, shape] = [key.slice(0, 36), key.slice(37)];
      groups.set(shape, [...(groups.get(shape) ?? []), id]);
    }
    const found = new Map<string, ReturnType<typeof toEntry>[]>();
    for (const [shape, ids] of groups) {
      const [first, before] = shape.split('|');
      const rows: EntryRow[] = await ctx.dataSource.query(
        `SELECT id, at, sub, org_id, org_kind, roles, beneficiary_id, domains, action, detail FROM (
           SELECT l.*, row_number() OVER (PARTITION BY l.beneficiary_id ORDER BY l.id DESC) AS rn
           FROM "${schema}".access_log l WHERE l.beneficiary_id = ANY($1::uuid[]) AND ($2::bigint IS NULL OR l.id < $2::bigint)
         ) t WHERE rn <= $3 ORDER BY beneficiary_id, id DESC`,
        [ids, before || null, Number(first)],
      );
      for (const r of rows) {
        const key = `${r.beneficiary_id}|${shape}`;
        found.set(key, [...(found.get(key) ?? []), toEntry(r)]);
      }
    }
    return keys.map((k) => found.get(k) ?? []);
  });
  entryLoaders.set(ctx, loader);
  return loader;
}

type Resolver = GraphQLFieldResolver<unknown, SubgraphContext>;
type ReferenceResolver = (ref: { id?: string }, ctx: SubgraphContext, info: unknown) => unknown;

/**
 * The resolvers of a subgraph's access-log part. Row reach: in the subgraph owning Beneficiary, the person's
 * reach there (its own Beneficiary reference resolver); elsewhere only the département's staff (the only holders
 * of AUDIT), for a person the département's registry says they reach (kit/department-registry.ts).
 */
export function accessLogResolvers(
  opts: AccessLogOptions,
  personReference?: ReferenceResolver,
): Record<string, Record<string, unknown>> {
  const reachable = async (beneficiaryId: unknown, ctx: SubgraphContext, info: unknown): Promise<boolean> => {
    if (!isUuid(beneficiaryId)) return false;
    if (opts.ownsPerson) {
      if (!personReference) return false;
      try {
        return Boolean(await personReference({ id: beneficiaryId }, ctx, info));
      } catch {
        return false;
      }
    }
    // The département's staff, for a person the département's registry says they reach (référent / territory).
    return ctx.caller.orgKind === OrgKind.DEPARTEMENT && (await ctx.registry.reaches(beneficiaryId));
  };
  const entries: Resolver = async (log, args, ctx) => {
    const { beneficiaryId } = log as { beneficiaryId: string };
    const first = pageSize(args.first as number);
    const before = args.before as string | null | undefined;
    if (before != null && !/^\d{1,18}$/.test(before)) {
      throw userError(
        ErrorCode.BAD_USER_INPUT,
        '« before » doit être l\'id d\'une entrée du journal. / "before" must be the id of a log entry.',
        { field: 'before' },
      );
    }
    if (!opts.ownsPerson && ctx.caller.orgKind !== OrgKind.DEPARTEMENT) throw notReachable('AccessLog');
    return entryLoader(ctx).load(`${beneficiaryId.toLowerCase()}|${first}|${before ?? ''}`);
  };
  const resolvers: Record<string, Record<string, unknown>> = {
    AccessLog: {
      async __resolveReference(ref: { beneficiaryId: string }, ctx: SubgraphContext, info: unknown) {
        if (!(await reachable(ref.beneficiaryId, ctx, info))) throw notReachable('AccessLog');
        return { beneficiaryId: ref.beneficiaryId.toLowerCase() };
      },
      [opts.field]: entries,
    },
  };
  if (opts.ownsPerson) resolvers.Beneficiary = { accessLog: (b: { id: string }) => ({ beneficiaryId: b.id }) };
  return resolvers;
}
