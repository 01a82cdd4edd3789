import { Arg, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import { badInput } from '../../kit/rules/errors';
import { DEPARTMENT_CASE_ROLES, Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { isUuid } from '../../kit/db/loaders';
import { Beneficiary } from '../entities';
import { beneficiaryReach } from '../permissions/reach';
import { Ctx as Context } from './support';

/** The most persons one registry question may name (a partner subgraph's DataLoader asks in batches of this size). */
export const MAX_REGISTRY_IDS = 1000;

/** Who may ask whether ids are persons of the register: the partners that record a fact naming one (a lease). */
const KNOWN_PERSONS_ROLES = [Role.GESTIONNAIRE_LOCATIF, ...DEPARTMENT_CASE_ROLES] as const;

/**
 * The registry of habilitations as a service: the partner subgraphs ask it, on their caller's behalf and signed like
 * the gateway, which persons that caller reaches (schema/policy.md › Row rules: référent / territory rules live with
 * the département's
 * data). `@inaccessible`: composed into the supergraph but not part of the graph clients see.
 */
@Resolver()
export class RegistryResolver {
  @Directive('@inaccessible')
  @Query(() => [ID], {
    description:
      "Service to service: the subset of these persons within the calling subgraph's caller's reach. An unknown id is simply absent (no existence oracle). Ids only: not a read of personal data.",
  })
  async reachablePersons(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context): Promise<string[]> {
    if (ids.length > MAX_REGISTRY_IDS) {
      throw badInput(
        'ids',
        `Au plus ${MAX_REGISTRY_IDS} personnes par demande.`,
        `At most ${MAX_REGISTRY_IDS} persons per request.`,
      );
    }
    const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
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
      "Service to service: the subset of these ids that are persons of the département's register (a landlord recording a lease names its tenant by id). Ids only: not a read of personal data.",
  })
  async knownPersons(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context): Promise<string[]> {
    requireRole(ctx.caller, KNOWN_PERSONS_ROLES, 'knownPersons');
    if (ids.length > MAX_REGISTRY_IDS) {
      throw badInput(
        'ids',
        `Au plus ${MAX_REGISTRY_IDS} personnes par demande.`,
        `At most ${MAX_REGISTRY_IDS} persons per request.`,
      );
    }
    const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    if (!valid.length) return [];
    const rows: { id: string }[] = await ctx.dataSource.query(
      `SELECT id FROM department.beneficiary WHERE id = ANY($1::uuid[])`,
      [valid],
    );
    return rows.map((r) => r.id);
  }
}
