import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Domain, Role } from '../../../schema/policy';
import { recordWrite } from '../../kit/access-log/audit';
import { requireRole } from '../../kit/access/authorize';
import { isUuid } from '../../kit/db/loaders';
import { notReachable } from '../../kit/rules/errors';
import { SubgraphContext } from '../../kit/server/context.type';
import { Lease } from '../entities';
import { endLeaseIn, recordLeaseIn, reviseRentIn } from '../events/lease';
import type { BailleurLoaders } from '../loaders';
import { leaseReach } from '../permissions/reach';
import { BailleurErrorCode, DEPARTMENTAL_PRACTICE, refusal } from '../rules/errors';
import { EndLeaseInput, RecordLeaseInput, ReviseRentInput } from './types/lease-record.input';

type Ctx = SubgraphContext<BailleurLoaders>;

const SCHEMA = 'bailleur';
const LANDLORD = [Role.GESTIONNAIRE_LOCATIF] as const;

/** A lease of the caller's own landlord organisation, locked, or `notReachable` (same error, exists or not). */
async function ownLeaseLocked(tx: EntityManager, ctx: Ctx, leaseId: string): Promise<Lease> {
  if (!isUuid(leaseId)) throw notReachable('Lease');
  const reach = leaseReach(ctx.caller);
  const lease = await tx
    .getRepository(Lease)
    .createQueryBuilder('l')
    .where('l.id = :leaseId', { leaseId })
    .andWhere(reach.sql, reach.params)
    .andWhere('l.landlord_org_id = :own', { own: ctx.caller.orgId })
    .setLock('pessimistic_write')
    .getOne();
  if (!lease) throw notReachable('Lease');
  return lease;
}

/** The landlord records its leases, their rent revisions and their ends; the département learns each. */
@Resolver(() => Lease)
export class LeaseRecordResolver {
  @Mutation(() => Lease, {
    description:
      "Records a lease of your organisation for a person of the département's register (LEASE_TENANT_UNKNOWN otherwise), with the rent and charges at its start.",
  })
  async recordLease(@Arg('input', () => RecordLeaseInput) input: RecordLeaseInput, @Ctx() ctx: Ctx): Promise<Lease> {
    requireRole(ctx.caller, LANDLORD, 'recordLease');
    if (!(await ctx.registry.knows(input.beneficiaryId))) {
      throw refusal(
        BailleurErrorCode.LEASE_TENANT_UNKNOWN,
        DEPARTMENTAL_PRACTICE,
        "Ce locataire n'est pas une personne du registre du Département : vérifiez l'identifiant que le Département vous a transmis. / This tenant is not a person of the département's register: check the id the département gave you.",
        { field: 'beneficiaryId' },
      );
    }
    return ctx.dataSource.transaction(async (tx) => {
      const lease = await recordLeaseIn(
        tx,
        ctx.caller.orgId,
        input.beneficiaryId.toLowerCase(),
        {
          reference: input.reference,
          address: input.address,
          tenantName: input.tenantName,
          rentCents: input.rentCents,
          chargesCents: input.chargesCents,
          startsOn: input.startsOn,
          endsOn: input.endsOn ?? null,
        },
        ctx.caller.sub,
      );
      await recordWrite(tx, SCHEMA, ctx, lease.beneficiaryId, 'recordLease', [Domain.TENANCY]);
      return lease;
    });
  }

  @Mutation(() => Lease, {
    description: 'Records a rent revision of one of your leases, in force from a day (not to come).',
  })
  async reviseRent(@Arg('input', () => ReviseRentInput) input: ReviseRentInput, @Ctx() ctx: Ctx): Promise<Lease> {
    requireRole(ctx.caller, LANDLORD, 'reviseRent');
    return ctx.dataSource.transaction(async (tx) => {
      const lease = await ownLeaseLocked(tx, ctx, input.leaseId);
      const revised = await reviseRentIn(tx, lease, {
        effectiveFrom: input.effectiveFrom,
        rentCents: input.rentCents,
        chargesCents: input.chargesCents,
      });
      await recordWrite(tx, SCHEMA, ctx, lease.beneficiaryId, 'reviseRent', [Domain.TENANCY]);
      return revised;
    });
  }

  @Mutation(() => Lease, {
    description:
      'Records the end of one of your leases (its last day); the direct payments on it stop that day, and the département learns it.',
  })
  async endLease(@Arg('input', () => EndLeaseInput) input: EndLeaseInput, @Ctx() ctx: Ctx): Promise<Lease> {
    requireRole(ctx.caller, LANDLORD, 'endLease');
    return ctx.dataSource.transaction(async (tx) => {
      const lease = await ownLeaseLocked(tx, ctx, input.leaseId);
      const ended = await endLeaseIn(tx, lease, input.endsOn, ctx.caller.sub);
      await recordWrite(tx, SCHEMA, ctx, lease.beneficiaryId, 'endLease', [Domain.TENANCY]);
      return ended;
    });
  }
}
