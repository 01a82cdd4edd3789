import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Domain, Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { Beneficiary } from '../entities';
import { badInput } from '../rules/errors';
import { audit, CASE_WORKERS, Ctx as Context, lockPerson, reachablePerson, requireDate, requireText } from './support';
import { AssignReferentInput, ReferBeneficiaryInput, UpdateHouseholdInput } from './types/person.input';

/** Signalement / demande: the person's file is opened, its household kept up to date, its référent named. */
@Resolver()
export class ReferralResolver {
  @Mutation(() => Beneficiary, {
    description: 'SIGNALEMENT/DEMANDE: opens the file of a person referred to the département.',
  })
  async referBeneficiary(@Arg('input') input: ReferBeneficiaryInput, @Ctx() ctx: Context): Promise<Beneficiary> {
    requireRole(ctx.caller, CASE_WORKERS, 'referBeneficiary');
    const territory = requireText('territory', input.territory);
    const isWorkerOnly = !ctx.caller.roles.includes(Role.ENCADRANT);
    if (!isWorkerOnly && ctx.caller.territory && ctx.caller.territory !== territory) {
      throw badInput(
        'territory',
        'Un encadrant ouvre un dossier sur son territoire.',
        'An encadrant opens a file in their own territory.',
      );
    }
    // A référent who opens a file is its référent (otherwise the file would leave their reach at once).
    const referentSub = isWorkerOnly ? ctx.caller.sub : input.referentSub?.trim() || ctx.caller.sub;
    if (!Number.isInteger(input.dependants) || input.dependants < 0)
      throw badInput('dependants', '« dependants » est un entier positif.', '"dependants" is a non-negative integer.');
    return ctx.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(Beneficiary);
      const saved = await repo.save(
        repo.create({
          lastName: requireText('lastName', input.lastName),
          firstName: requireText('firstName', input.firstName),
          birthDate: requireDate('birthDate', input.birthDate),
          address: requireText('address', input.address),
          phone: input.phone ?? null,
          sex: input.sex ?? null,
          householdType: input.householdType ?? null,
          dependants: input.dependants,
          territory,
          referentSub,
          referredOn: requireDate('referredOn', input.referredOn),
          referralSource: input.referralSource ?? null,
        }),
      );
      await audit(tx, ctx, saved.id, 'referBeneficiary', [Domain.IDENTITY, Domain.SOCIAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => Beneficiary, { description: 'Household composition and address.' })
  async updateHousehold(@Arg('input') input: UpdateHouseholdInput, @Ctx() ctx: Context): Promise<Beneficiary> {
    requireRole(ctx.caller, CASE_WORKERS, 'updateHousehold');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    if (!Number.isInteger(input.dependants) || input.dependants < 0)
      throw badInput('dependants', '« dependants » est un entier positif.', '"dependants" is a non-negative integer.');
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      await tx.getRepository(Beneficiary).update(person.id, {
        householdType: input.householdType,
        dependants: input.dependants,
        ...(input.address ? { address: requireText('address', input.address) } : {}),
      });
      await audit(tx, ctx, person.id, 'updateHousehold', [Domain.IDENTITY]);
      return tx.getRepository(Beneficiary).findOneByOrFail({ id: person.id });
    });
  }

  @Mutation(() => Beneficiary, { description: 'Names the référent (and territory) of a person: ENCADRANT only.' })
  async assignReferent(@Arg('input') input: AssignReferentInput, @Ctx() ctx: Context): Promise<Beneficiary> {
    requireRole(ctx.caller, [Role.ENCADRANT], 'assignReferent');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const territory = input.territory?.trim() || person.territory;
    if (ctx.caller.territory && territory !== ctx.caller.territory) {
      throw badInput(
        'territory',
        'Un encadrant affecte sur son territoire.',
        'An encadrant assigns within their own territory.',
      );
    }
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      await tx
        .getRepository(Beneficiary)
        .update(person.id, { referentSub: requireText('referentSub', input.referentSub), territory });
      await audit(tx, ctx, person.id, 'assignReferent', [Domain.IDENTITY]);
      return tx.getRepository(Beneficiary).findOneByOrFail({ id: person.id });
    });
  }
}
