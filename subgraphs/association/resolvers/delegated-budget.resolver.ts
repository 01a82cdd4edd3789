import { Arg, Ctx, Mutation, Resolver, Root } from 'type-graphql';
import { BenefitPurpose, BENEFITS } from '../../../schema/benefits';
import { DEPARTMENT_CASE_ROLES, Domain, Role } from '../../../schema/policy';
import { recordWrite } from '../../kit/access-log/audit';
import { requireRole } from '../../kit/access/authorize';
import { BenefitKind } from '../../kit/schema/benefits.enum';
import { ClassifiedFieldResolver } from '../../kit/schema/classified';
import { SubgraphContext } from '../../kit/server/context.type';
import {
  DelegatedBenefit,
  DelegatedBudgetLine,
  DelegatedBudgetPlan,
  DelegatedFileStatus,
  DelegatedOperation,
  DelegatedOverdraft,
  OperationKind,
} from '../entities';
import type { AssociationLoaders } from '../loaders';
import { BudgetLineKind, checkBudgetPlanL2712 } from '../rules/budget-plan.rule';
import { badInput, violationError } from '../rules/errors';
import { checkOperationL2712, deltaOf } from '../rules/ledger-operation.rule';
import { checkBenefitManagedL2712 } from '../rules/managed-benefits.rule';
import { INSERT_OPERATION_SQL, LOCK_ACCOUNT_SQL, MONTH_TOTALS_SQL, OVERDRAFT_ON_SQL, UPSERT_BENEFIT_SQL } from '../sql';
import {
  AuthoriseDelegatedOverdraftInput,
  PostDelegatedOperationInput,
  RecordDelegatedBenefitInput,
  SetDelegatedBudgetPlanInput,
} from './types/delegated-budget.input';
import { todayIso as today } from '../../kit/rules/calendar';
import { assertPositiveCents, assertText, fileForWrite } from './write-guard';

type Ctx = SubgraphContext<AssociationLoaders>;
const SCHEMA = 'association';
const ACTIVE = [DelegatedFileStatus.ACTIVE];

const kindsFor = (purpose: BenefitPurpose) =>
  (Object.keys(BENEFITS) as BenefitKind[]).filter((k) => BENEFITS[k].earmarkedFor === purpose);
const HOUSING_KINDS = kindsFor(BenefitPurpose.HOUSING);
const CARE_KINDS = kindsFor(BenefitPurpose.CARE);

@Resolver(() => DelegatedBudgetPlan)
export class DelegatedBudgetPlanResolver {
  @ClassifiedFieldResolver(Domain.BUDGET, () => [DelegatedBudgetLine], { description: 'The lines, as entered.' })
  lines(@Root() p: DelegatedBudgetPlan): DelegatedBudgetLine[] {
    return p.lines.map((l) => ({ ...l, benefitKind: l.benefitKind ?? null, beneficiaryId: p.beneficiaryId }));
  }
}

@Resolver()
export class DelegatedBudgetResolver {
  @Mutation(() => DelegatedBenefit, {
    description:
      "Records (or updates) a benefit received on the person's behalf; refused with BENEFIT_NOT_MANAGED unless the file manages it (CASF L271-2). DELEGUE.",
  })
  async recordDelegatedBenefit(
    @Arg('input', () => RecordDelegatedBenefitInput) input: RecordDelegatedBenefitInput,
    @Ctx() ctx: Ctx,
  ): Promise<DelegatedBenefit> {
    requireRole(ctx.caller, [Role.DELEGUE], 'recordDelegatedBenefit');
    assertPositiveCents('monthlyAmountCents', input.monthlyAmountCents);
    const payingBody = assertText('payingBody', input.payingBody, 200);
    return ctx.dataSource.transaction(async (tx) => {
      const file = await fileForWrite(tx, ctx.caller, input.fileId, ACTIVE);
      const violation = checkBenefitManagedL2712(input.kind, file.managedBenefits);
      if (violation) throw violationError(violation);
      const [row] = await tx.query(UPSERT_BENEFIT_SQL, [
        file.id,
        file.beneficiaryId,
        input.kind,
        input.monthlyAmountCents,
        payingBody,
        ctx.caller.sub,
        ctx.caller.orgId,
      ]);
      await recordWrite(tx, SCHEMA, ctx, file.beneficiaryId, 'recordDelegatedBenefit', [Domain.BENEFITS]);
      return tx.getRepository(DelegatedBenefit).findOneByOrFail({ id: row.id });
    });
  }

  @Mutation(() => DelegatedBudgetPlan, {
    description:
      "Sets a month's budget plan (replacing that month's): refused with RENT_NOT_COVERED_FIRST when rent and charges are not allocated first, EARMARKED_BENEFIT_MISUSED when an earmarked benefit funds something else (CASF L271-2), BUDGET_EXCEEDS_RESOURCES. DELEGUE.",
  })
  async setDelegatedBudgetPlan(
    @Arg('input', () => SetDelegatedBudgetPlanInput) input: SetDelegatedBudgetPlanInput,
    @Ctx() ctx: Ctx,
  ): Promise<DelegatedBudgetPlan> {
    requireRole(ctx.caller, [Role.DELEGUE], 'setDelegatedBudgetPlan');
    if (!input.lines?.length || input.lines.length > 100)
      throw badInput('lines', 'Un plan compte de 1 à 100 lignes.', 'A plan has 1 to 100 lines.');
    const lines = input.lines.map((l, i) => {
      assertPositiveCents(`lines[${i}].amountCents`, l.amountCents);
      if (l.benefitKind && l.kind !== BudgetLineKind.RESOURCE)
        throw badInput(
          `lines[${i}].benefitKind`,
          'Seule une ressource peut être une prestation.',
          'Only a RESOURCE line can be a benefit.',
        );
      return {
        kind: l.kind,
        label: assertText(`lines[${i}].label`, l.label, 200),
        amountCents: l.amountCents,
        benefitKind: l.benefitKind ?? null,
      };
    });
    return ctx.dataSource.transaction(async (tx) => {
      const file = await fileForWrite(tx, ctx.caller, input.fileId, ACTIVE);
      const { totals, violation } = checkBudgetPlanL2712(file.rentAndChargesCents, lines);
      if (violation) throw violationError(violation);
      const values = {
        fileId: file.id,
        beneficiaryId: file.beneficiaryId,
        month: input.month,
        lines,
        rentDueCents: file.rentAndChargesCents,
        resourcesCents: totals.resourcesCents,
        earmarkedHousingCents: totals.earmarkedHousingCents,
        earmarkedCareCents: totals.earmarkedCareCents,
        rentAndChargesCents: totals.rentAndChargesCents,
        careCents: totals.careCents,
        otherChargesCents: totals.otherChargesCents,
        resteAVivreCents: totals.resteAVivreCents,
        authorSub: ctx.caller.sub,
        authorOrgId: ctx.caller.orgId,
      };
      await tx
        .createQueryBuilder()
        .insert()
        .into(DelegatedBudgetPlan)
        .values(values as never)
        .orUpdate(
          [
            'lines',
            'rent_due_cents',
            'resources_cents',
            'earmarked_housing_cents',
            'earmarked_care_cents',
            'rent_and_charges_cents',
            'care_cents',
            'other_charges_cents',
            'reste_a_vivre_cents',
            'author_sub',
            'author_org_id',
            'updated_at',
          ],
          ['file_id', 'month'],
        )
        .execute();
      await recordWrite(tx, SCHEMA, ctx, file.beneficiaryId, 'setDelegatedBudgetPlan', [Domain.BUDGET]);
      return tx.getRepository(DelegatedBudgetPlan).findOneByOrFail({ fileId: file.id, month: input.month });
    });
  }

  @Mutation(() => DelegatedOperation, {
    description:
      'Posts an operation on the managed account. The account row is locked for the transaction; the database numbers the operation and keeps the balance. Refused with INSUFFICIENT_BALANCE (no overdraft authorised, or beyond it), RENT_NOT_COVERED_FIRST, EARMARKED_BENEFIT_MISUSED, BENEFIT_NOT_MANAGED (CASF L271-2). DELEGUE.',
  })
  async postDelegatedOperation(
    @Arg('input', () => PostDelegatedOperationInput) input: PostDelegatedOperationInput,
    @Ctx() ctx: Ctx,
  ): Promise<DelegatedOperation> {
    requireRole(ctx.caller, [Role.DELEGUE], 'postDelegatedOperation');
    assertPositiveCents('amountCents', input.amountCents);
    const label = assertText('label', input.label, 200);
    const isReceipt = input.kind === OperationKind.RECEIPT;
    if (isReceipt && !input.benefitKind)
      throw badInput('benefitKind', 'Une recette nomme la prestation reçue.', 'A RECEIPT names the benefit received.');
    if (!isReceipt && input.benefitKind)
      throw badInput('benefitKind', 'Seule une recette nomme une prestation.', 'Only a RECEIPT names a benefit.');
    if (input.operatedOn > today())
      throw badInput(
        'operatedOn',
        '« operatedOn » ne peut être dans le futur.',
        '"operatedOn" cannot be in the future.',
      );
    return ctx.dataSource.transaction(async (tx) => {
      const file = await fileForWrite(tx, ctx.caller, input.fileId, ACTIVE);
      if (input.operatedOn < file.startedOn)
        throw badInput(
          'operatedOn',
          '« operatedOn » ne peut précéder le début du dossier.',
          '"operatedOn" cannot precede the start of the file.',
        );
      // The account row is locked until commit: concurrent postings on this account run one after the other.
      const [account] = await tx.query(LOCK_ACCOUNT_SQL, [file.id]);
      const [month] = await tx.query(MONTH_TOTALS_SQL, [file.id, input.operatedOn, HOUSING_KINDS, CARE_KINDS]);
      const [overdraft] = await tx.query(OVERDRAFT_ON_SQL, [file.id, input.operatedOn]);
      const violation = checkOperationL2712(
        {
          balanceCents: account.balance_cents,
          overdraftLimitCents: overdraft?.limit_cents ?? 0,
          rentDueCents: file.rentAndChargesCents,
          managedBenefits: file.managedBenefits,
          month: {
            housingReceivedCents: month.housing_received,
            careReceivedCents: month.care_received,
            rentPaidCents: month.rent_paid,
            carePaidCents: month.care_paid,
          },
        },
        { kind: input.kind, amountCents: input.amountCents, benefitKind: input.benefitKind },
      );
      if (violation) throw violationError(violation);
      const usesOverdraft = account.balance_cents + deltaOf(input.kind, input.amountCents) < 0;
      // seq and balance_after_cents are computed by the ledger trigger from the locked account row.
      const [row] = await tx.query(INSERT_OPERATION_SQL, [
        file.id,
        file.beneficiaryId,
        input.kind,
        input.amountCents,
        input.operatedOn,
        label,
        input.benefitKind ?? null,
        usesOverdraft ? overdraft.id : null,
        usesOverdraft ? overdraft.limit_cents : null,
        ctx.caller.sub,
        ctx.caller.orgId,
      ]);
      await recordWrite(
        tx,
        SCHEMA,
        ctx,
        file.beneficiaryId,
        'postDelegatedOperation',
        isReceipt ? [Domain.BUDGET, Domain.BENEFITS] : [Domain.BUDGET],
      );
      return tx.getRepository(DelegatedOperation).findOneByOrFail({ id: row.id });
    });
  }

  @Mutation(() => DelegatedOverdraft, {
    description:
      'Authorises the managed account of an ACTIVE file to go below zero, down to a limit. Département staff.',
  })
  async authoriseDelegatedOverdraft(
    @Arg('input', () => AuthoriseDelegatedOverdraftInput) input: AuthoriseDelegatedOverdraftInput,
    @Ctx() ctx: Ctx,
  ): Promise<DelegatedOverdraft> {
    requireRole(ctx.caller, DEPARTMENT_CASE_ROLES, 'authoriseDelegatedOverdraft');
    assertPositiveCents('limitCents', input.limitCents);
    const reason = assertText('reason', input.reason, 2000);
    const validFrom = input.validFrom ?? today();
    if (input.validUntil && input.validUntil < validFrom)
      throw badInput(
        'validUntil',
        '« validUntil » ne peut précéder « validFrom ».',
        '"validUntil" cannot precede "validFrom".',
      );
    return ctx.dataSource.transaction(async (tx) => {
      const file = await fileForWrite(tx, ctx.caller, input.fileId, ACTIVE, 'share', ctx.registry);
      const overdraft = tx.getRepository(DelegatedOverdraft).create({
        fileId: file.id,
        beneficiaryId: file.beneficiaryId,
        limitCents: input.limitCents,
        validFrom,
        validUntil: input.validUntil ?? null,
        reason,
        authorisedBySub: ctx.caller.sub,
        authorisedByOrgId: ctx.caller.orgId,
      });
      await tx.getRepository(DelegatedOverdraft).insert(overdraft);
      await recordWrite(tx, SCHEMA, ctx, file.beneficiaryId, 'authoriseDelegatedOverdraft', [Domain.BUDGET]);
      return overdraft;
    });
  }
}
