import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { isUuid } from '../../kit/db/loaders';
import { notReachable, userError } from '../../kit/rules/errors';
import { Public } from '../../kit/schema/public';
import { DelegataireKind, DelegataireOrganisation, DelegationConvention } from '../entities';
import { badInput, DepartmentCode, ruleError } from '../rules/errors';
import { CASE_WORKERS, Ctx as Context, requireDate, requireText } from './support';
import { RecordDelegationConventionInput, RegisterDelegataireInput } from './types/delegataire.input';

function alreadyRegistered(what: string): Error {
  return ruleError(
    DepartmentCode.DELEGATAIRE_ALREADY_REGISTERED,
    'CASF L271-3',
    `le registre des délégataires contient déjà ${what}.`,
    `the register of délégataires already holds ${what}.`,
  );
}

/** Inserts, mapping the register's unique keys (id, SIRET, convention reference) to a business refusal. */
async function insertUnique<T extends object>(tx: EntityManager, entity: new () => T, row: Partial<T>, what: string) {
  try {
    return await tx.getRepository(entity).save(tx.getRepository(entity).create(row as T));
  } catch (e) {
    if ((e as { driverError?: { code?: string } }).driverError?.code === '23505') throw alreadyRegistered(what);
    throw e;
  }
}

/** Registers a délégataire (CASF L271-3), in the caller's transaction: the resolver's and the demo seed's path. */
export async function registerDelegataire(
  tx: EntityManager,
  input: { id?: string | null; name: string; kind: DelegataireKind; siret?: string | null },
): Promise<DelegataireOrganisation> {
  const name = requireText('name', input.name);
  if (input.id != null && !isUuid(input.id))
    throw badInput('id', '« id » est un identifiant (uuid).', '"id" is an id (uuid).');
  const siret = input.siret?.replace(/\s/g, '') || null;
  if (siret && !/^[0-9]{14}$/.test(siret))
    throw badInput('siret', 'Un SIRET compte 14 chiffres.', 'A SIRET has 14 digits.');
  return insertUnique(
    tx,
    DelegataireOrganisation,
    { ...(input.id ? { id: input.id.toLowerCase() } : {}), name, kind: input.kind, siret },
    'cet organisme / this organisation',
  );
}

/** Records a dated convention of a délégataire of the register (CASF L271-3): the resolver's and the seed's path. */
export async function recordDelegationConvention(
  tx: EntityManager,
  input: { organisationId: string; reference: string; signedOn: string; startsOn: string; endsOn?: string | null },
): Promise<DelegationConvention> {
  const organisationId = isUuid(input.organisationId) ? input.organisationId.toLowerCase() : null;
  const org = organisationId && (await tx.getRepository(DelegataireOrganisation).findOneBy({ id: organisationId }));
  if (!org) throw notReachable('DelegataireOrganisation');
  const reference = requireText('reference', input.reference);
  const signedOn = requireDate('signedOn', input.signedOn);
  const startsOn = requireDate('startsOn', input.startsOn);
  const endsOn = input.endsOn == null ? null : requireDate('endsOn', input.endsOn);
  if (endsOn && endsOn <= startsOn)
    throw badInput('endsOn', 'La fin suit le début (exclusive).', 'The end follows the start (exclusive).');
  return insertUnique(
    tx,
    DelegationConvention,
    { organisationId: org.id, reference, signedOn, startsOn, endsOn },
    `la convention ${reference} / convention ${reference}`,
  );
}

/**
 * The département's register of délégataires (CASF L271-3): the organisations a MASP 2 may be delegated to and their
 * dated conventions. Written by an ENCADRANT for the whole département; read by département case staff.
 */
@Resolver(() => DelegataireOrganisation)
export class DelegataireResolver {
  @Query(() => [DelegataireOrganisation], {
    description: 'The register of délégataires (CASF L271-3), by name. Département staff.',
  })
  delegataires(@Ctx() ctx: Context): Promise<DelegataireOrganisation[]> {
    requireRole(ctx.caller, CASE_WORKERS, 'delegataires');
    return ctx.dataSource.getRepository(DelegataireOrganisation).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  @Public()
  @FieldResolver(() => [DelegationConvention], { description: 'Its conventions with the Département, oldest first.' })
  conventions(@Root() org: DelegataireOrganisation, @Ctx() ctx: Context): Promise<DelegationConvention[]> {
    return ctx.dataSource
      .getRepository(DelegationConvention)
      .find({ where: { organisationId: org.id }, order: { startsOn: 'ASC', reference: 'ASC' } });
  }

  @Mutation(() => DelegataireOrganisation, {
    description:
      'Registers a délégataire of one of the kinds of CASF L271-3: ENCADRANT without territory (département-wide).',
  })
  registerDelegataire(
    @Arg('input') input: RegisterDelegataireInput,
    @Ctx() ctx: Context,
  ): Promise<DelegataireOrganisation> {
    requireDepartmentWideEncadrant(ctx, 'registerDelegataire');
    return ctx.dataSource.transaction((tx) => registerDelegataire(tx, input));
  }

  @Mutation(() => DelegationConvention, {
    description:
      "Records a délégataire's dated convention (CASF L271-3): ENCADRANT without territory (département-wide).",
  })
  recordDelegationConvention(
    @Arg('input') input: RecordDelegationConventionInput,
    @Ctx() ctx: Context,
  ): Promise<DelegationConvention> {
    requireDepartmentWideEncadrant(ctx, 'recordDelegationConvention');
    return ctx.dataSource.transaction((tx) => recordDelegationConvention(tx, input));
  }
}

function requireDepartmentWideEncadrant(ctx: Context, action: string): void {
  requireRole(ctx.caller, [Role.ENCADRANT], action);
  if (ctx.caller.territory)
    throw userError(
      'FORBIDDEN',
      'Le registre des délégataires se tient au niveau du département. / The register of délégataires is kept département-wide.',
    );
}
