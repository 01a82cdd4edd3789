import { Arg, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import type { RegistryField } from '../../../schema/upstream-signature';
import { badInput, DEPARTMENTAL_PRACTICE, ErrorCode, refusal } from '../../kit/rules/errors';
import { isUuid } from '../../kit/db/loaders';
import { Beneficiary } from '../entities';
import { beneficiaryReach } from '../permissions/reach';
import { Ctx as Context } from './support';

/** The most persons one registry question may name (a partner subgraph's DataLoader asks in batches of this size). */
export const MAX_REGISTRY_IDS = 1000;

/**
 * A registry question is answered only under the gateway's registry grant for this caller and this question, which
 * the partner forwards (kit/access/caller.ts verified it and made its caller the request's): a request the gateway
 * signed, even for the department, does not carry one, and a grant does not reach any other field.
 */
function requireGrant(ctx: Context, field: RegistryField): void {
  if (ctx.grant?.scope.includes(field)) return;
  throw refusal(
    ErrorCode.FORBIDDEN,
    DEPARTMENTAL_PRACTICE,
    `Question au registre refusée : elle doit porter l'autorisation de la passerelle pour « ${field} ». / Registry question refused: it must carry the gateway's grant for "${field}".`,
    { reason: 'no_grant' },
  );
}

/** The distinct well-formed ids of a registry question (at most MAX_REGISTRY_IDS asked). */
function idsOf(ids: string[]): string[] {
  if (ids.length > MAX_REGISTRY_IDS) {
    throw badInput(
      'ids',
      `Au plus ${MAX_REGISTRY_IDS} personnes par demande.`,
      `At most ${MAX_REGISTRY_IDS} persons per request.`,
    );
  }
  return [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
}

/**
 * The registry of habilitations as a service: the partner subgraphs ask it, on their caller's behalf and under the
 * gateway's grant, which persons that caller reaches (schema/policy.md › Row rules: référent / territory rules live
 * with the département's data), and which ids are persons of the register. `@inaccessible`: composed into the
 * supergraph but not part of the graph clients see.
 */
@Resolver()
export class RegistryResolver {
  @Directive('@inaccessible')
  @Query(() => [ID], {
    description:
      "Service to service: the subset of these persons within the calling subgraph's caller's reach. An unknown id is simply absent (no existence oracle). Ids only: not a read of personal data.",
  })
  async reachablePersons(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context): Promise<string[]> {
    requireGrant(ctx, 'reachablePersons');
    const valid = idsOf(ids);
    if (!valid.length) return [];
    const reach = beneficiaryReach(ctx.caller);
    const rows = await ctx.dataSource
      .getRepository(Beneficiary)
      .createQueryBuilder('b')
      .select('b.id', 'id')
      .where('b.id = ANY(:ids)', { ids: valid })
      .andWhere(reach.sql, reach.params)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  @Directive('@inaccessible')
  @Query(() => [ID], {
    description:
      "Service to service: the subset of these ids that are persons of the département's register (e.g. a lease's tenant), whoever the caller. Ids only: not a read of personal data.",
  })
  async knownPersons(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context): Promise<string[]> {
    requireGrant(ctx, 'knownPersons');
    const valid = idsOf(ids);
    if (!valid.length) return [];
    const rows = await ctx.dataSource
      .getRepository(Beneficiary)
      .createQueryBuilder('b')
      .select('b.id', 'id')
      .where('b.id = ANY(:ids)', { ids: valid })
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }
}
