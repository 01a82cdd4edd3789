import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DEPARTMENT_CASE_ROLES, Domain, Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { recordWrite } from '../../kit/access-log/audit';
import { ClassifiedFieldResolver } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { assertPersonReached, refuseOwnListToDepartementStaff } from '../../kit/access/department-registry';
import { SubgraphContext } from '../../kit/server/context.type';
import { notReachable } from '../../kit/rules/errors';
import { isUuid } from '../../kit/db/loaders';
import { afterCursor, pageSize } from '../../kit/schema/pagination';
import {
  AssociationMeasure,
  BilanKind,
  DelegatedAccount,
  DelegatedBenefit,
  DelegatedBudgetPlan,
  DelegatedFile,
  DelegatedFileStatus,
  DelegatedOperation,
  DelegationBilan,
} from '../entities';
import { AssociationLoaders, MAX_OPERATIONS } from '../loaders';
import { delegatedFileReach } from '../permissions/reach';
import { AssociationCode, badInput, ruleError, violationError } from '../rules/errors';
import {
  checkDelegationInForceL2713,
  checkManagedBenefitsOfContractL2712,
  KnownDelegation,
} from '../rules/delegation.rule';
import { DELEGATIONS_OF_MEASURE_SQL, LOCK_OPEN_FILE_OF_MEASURE_SQL } from '../sql';
import { openFileFor } from './file-lifecycle';
import { todayIso } from '../../kit/rules/calendar';
import {
  CloseDelegatedFileInput,
  OpenDelegatedFileInput,
  RecordDelegationBilanInput,
} from './types/delegated-file.input';
import { assertText, fileForWrite } from './write-guard';
import { GraphQLMonth } from '../../kit/schema/scalars';

type Ctx = SubgraphContext<AssociationLoaders>;

const SCHEMA = 'association';

@Resolver(() => DelegatedFile)
export class DelegatedFileResolver {
  @Query(() => [DelegatedFile], {
    description: 'The files delegated to your association, by id; `after` is the last id of the previous page.',
  })
  async myDelegatedFiles(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<DelegatedFile[]> {
    refuseOwnListToDepartementStaff(ctx.caller, 'myDelegatedFiles', 'measures { delegatedFile { … } }');
    const reach = delegatedFileReach(ctx.caller);
    const qb = ctx.dataSource
      .getRepository(DelegatedFile)
      .createQueryBuilder('f')
      .where(reach.sql, reach.params)
      .andWhere('f.association_org_id = :own', { own: ctx.caller.orgId });
    const cursor = afterCursor(after);
    if (cursor) qb.andWhere('f.id > :after', { after: cursor });
    return qb.orderBy('f.id', 'ASC').limit(pageSize(first)).getMany();
  }

  @Query(() => DelegatedFile, {
    nullable: true,
    description: 'One delegated file, if within your reach (otherwise FORBIDDEN, whether or not the id exists).',
  })
  async delegatedFile(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<DelegatedFile> {
    const found = await ctx.loaders.file.load(id);
    if (!found) throw notReachable('DelegatedFile');
    return found;
  }

  @Public()
  @FieldResolver(() => AssociationMeasure, {
    nullable: true,
    description:
      "The delegated measure (département). Null, with the département's FORBIDDEN, once the delegation has ended: the file stays the association's through its closing window, the département's data does not.",
  })
  measure(@Root() f: DelegatedFile): AssociationMeasure {
    return { id: f.measureId };
  }

  @ClassifiedFieldResolver(Domain.BENEFITS, () => [DelegatedBenefit], {
    description: "The benefits received on the person's behalf.",
  })
  benefits(@Root() f: DelegatedFile, @Ctx() ctx: Ctx): Promise<DelegatedBenefit[]> {
    return ctx.loaders.benefitsByFile.load(f.id);
  }

  @ClassifiedFieldResolver(Domain.BUDGET, () => DelegatedBudgetPlan, {
    description: 'The budget plan of a month (YYYY-MM); without `month`, the latest.',
  })
  async budgetPlan(
    @Root() f: DelegatedFile,
    @Ctx() ctx: Ctx,
    @Arg('month', () => GraphQLMonth, { nullable: true }) month?: string | null,
  ): Promise<DelegatedBudgetPlan | null> {
    const plans = await ctx.loaders.plansByFile.load(f.id);
    return (month == null ? plans[0] : plans.find((p) => p.month === month)) ?? null;
  }

  @ClassifiedFieldResolver(Domain.BUDGET, () => DelegatedAccount, {
    description: 'The managed account: balance kept by the database, overdraft in force.',
  })
  account(@Root() f: DelegatedFile, @Ctx() ctx: Ctx): Promise<DelegatedAccount | null> {
    return ctx.loaders.account.load(f.id);
  }

  @ClassifiedFieldResolver(Domain.BUDGET, () => [DelegatedOperation], {
    description: `The account's ledger, newest first: the \`last\` operations (1–${MAX_OPERATIONS}) numbered below \`beforeSeq\` (the cursor: the smallest seq of the previous page).`,
  })
  operations(
    @Root() f: DelegatedFile,
    @Ctx() ctx: Ctx,
    @Arg('last', () => Int, { defaultValue: 20 }) last: number,
    @Arg('beforeSeq', () => Int, { nullable: true }) beforeSeq?: number | null,
  ): Promise<DelegatedOperation[]> {
    if (!Number.isInteger(last) || last < 1 || last > MAX_OPERATIONS)
      throw badInput(
        'last',
        `« last » doit être entre 1 et ${MAX_OPERATIONS}.`,
        `"last" must be between 1 and ${MAX_OPERATIONS}.`,
      );
    if (beforeSeq != null && (!Number.isInteger(beforeSeq) || beforeSeq < 1))
      throw badInput(
        'beforeSeq',
        "« beforeSeq » doit être un numéro d'opération.",
        '"beforeSeq" must be an operation seq.',
      );
    return ctx.loaders.operationsByFile(last, beforeSeq ?? null).load(f.id);
  }

  @ClassifiedFieldResolver(Domain.SOCIAL_SUMMARY, () => [DelegationBilan], {
    description: "The délégataire's bilans, newest first (the FINAL one is handed back to the département).",
  })
  bilans(@Root() f: DelegatedFile, @Ctx() ctx: Ctx): Promise<DelegationBilan[]> {
    return ctx.loaders.bilansByFile.load(f.id);
  }

  @Mutation(() => DelegatedFile, {
    description:
      "Opens the file of a MASP 2 delegated to an association (CASF L271-3), with its managed account: only for the département's delegation in force of that measure to that association, managing the contract's benefits. Département staff.",
  })
  async openDelegatedFile(
    @Arg('input', () => OpenDelegatedFileInput) input: OpenDelegatedFileInput,
    @Ctx() ctx: Ctx,
  ): Promise<DelegatedFile> {
    requireRole(ctx.caller, DEPARTMENT_CASE_ROLES, 'openDelegatedFile');
    for (const field of ['measureId', 'beneficiaryId', 'associationOrgId'] as const) {
      if (!isUuid(input[field]))
        throw badInput(field, `« ${field} » doit être un identifiant (uuid).`, `"${field}" must be an id (uuid).`);
    }
    const workerSub = assertText('workerSub', input.workerSub, 200);
    const handoverSummary = assertText('handoverSummary', input.handoverSummary);
    const rent = input.rentAndChargesCents ?? 0;
    const resources = input.monthlyResourcesCents ?? 0;
    for (const [field, v] of [
      ['rentAndChargesCents', rent],
      ['monthlyResourcesCents', resources],
    ] as const) {
      if (!Number.isInteger(v) || v < 0)
        throw badInput(
          field,
          `« ${field} » doit être un nombre entier de centimes, positif ou nul.`,
          `"${field}" must be a whole number of cents, zero or more.`,
        );
    }
    await assertPersonReached(ctx.registry, input.beneficiaryId, 'Beneficiary');
    const today = todayIso();
    const on = input.startedOn > today ? input.startedOn : today;
    return ctx.dataSource.transaction(async (tx) => {
      const measureId = input.measureId.toLowerCase();
      // CASF L271-3: only for the delegation in force of that measure to that association, for that person
      const known: (KnownDelegation & { reachEndsOn: string })[] = await tx.query(DELEGATIONS_OF_MEASURE_SQL, [
        measureId,
      ]);
      const found = checkDelegationInForceL2713(
        known,
        {
          measureId,
          beneficiaryId: input.beneficiaryId.toLowerCase(),
          associationOrgId: input.associationOrgId.toLowerCase(),
        },
        on,
      );
      if ('violation' in found) throw violationError(found.violation);
      const delegation = known.find((d) => d.id === found.delegation.id)!;
      if (input.startedOn < delegation.startsOn)
        throw badInput(
          'startedOn',
          `« startedOn » ne peut précéder le début de la délégation (${delegation.startsOn}).`,
          `"startedOn" cannot precede the start of the delegation (${delegation.startsOn}).`,
        );
      const mismatch = checkManagedBenefitsOfContractL2712(
        input.managedBenefits == null ? null : [...new Set(input.managedBenefits)],
        delegation.managedBenefits,
      );
      if (mismatch) throw violationError(mismatch);
      const open = await tx.query(LOCK_OPEN_FILE_OF_MEASURE_SQL, [measureId]);
      if (open.length) throw fileExists();
      let file: DelegatedFile;
      try {
        file = await openFileFor(tx, delegation, {
          workerSub,
          startedOn: input.startedOn,
          handoverSummary,
          rentAndChargesCents: rent,
          monthlyResourcesCents: resources,
        });
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw fileExists(); // a concurrent opening for the same measure
        throw e;
      }
      await recordWrite(tx, SCHEMA, ctx, file.beneficiaryId, 'openDelegatedFile', [
        Domain.BENEFITS,
        Domain.BUDGET,
        Domain.SOCIAL_SUMMARY,
      ]);
      return file;
    });
  }

  @Mutation(() => DelegatedFile, {
    description:
      'Ends the delegation: the file goes CLOSING, read-only for the délégataire until its final bilan closes it. Département staff.',
  })
  async closeDelegatedFile(
    @Arg('input', () => CloseDelegatedFileInput) input: CloseDelegatedFileInput,
    @Ctx() ctx: Ctx,
  ): Promise<DelegatedFile> {
    requireRole(ctx.caller, DEPARTMENT_CASE_ROLES, 'closeDelegatedFile');
    return ctx.dataSource.transaction(async (tx) => {
      const file = await fileForWrite(
        tx,
        ctx.caller,
        input.fileId,
        [DelegatedFileStatus.ACTIVE],
        'update',
        ctx.registry,
      );
      if (input.endedOn < file.startedOn)
        throw badInput(
          'endedOn',
          '« endedOn » ne peut précéder le début du dossier.',
          '"endedOn" cannot precede the start of the file.',
        );
      await tx
        .getRepository(DelegatedFile)
        .update({ id: file.id }, { status: DelegatedFileStatus.CLOSING, endedOn: input.endedOn });
      await recordWrite(tx, SCHEMA, ctx, file.beneficiaryId, 'closeDelegatedFile', []);
      return { ...file, status: DelegatedFileStatus.CLOSING, endedOn: input.endedOn };
    });
  }

  @Mutation(() => DelegationBilan, {
    description:
      "Records a bilan: PROGRESS while the file is ACTIVE; FINAL (the end-of-delegation bilan handed back to the département) once it is CLOSING, which closes it. DELEGUE of the file's association.",
  })
  async recordDelegationBilan(
    @Arg('input', () => RecordDelegationBilanInput) input: RecordDelegationBilanInput,
    @Ctx() ctx: Ctx,
  ): Promise<DelegationBilan> {
    requireRole(ctx.caller, [Role.DELEGUE], 'recordDelegationBilan');
    const summary = assertText('summary', input.summary, 20000);
    const final = input.kind === BilanKind.FINAL;
    return ctx.dataSource.transaction(async (tx) => {
      const file = await fileForWrite(
        tx,
        ctx.caller,
        input.fileId,
        [final ? DelegatedFileStatus.CLOSING : DelegatedFileStatus.ACTIVE],
        final ? 'update' : 'share',
      );
      if (input.writtenOn < file.startedOn)
        throw badInput(
          'writtenOn',
          '« writtenOn » ne peut précéder le début du dossier.',
          '"writtenOn" cannot precede the start of the file.',
        );
      const bilan = tx.getRepository(DelegationBilan).create({
        fileId: file.id,
        beneficiaryId: file.beneficiaryId,
        kind: input.kind,
        writtenOn: input.writtenOn,
        summary,
        authorSub: ctx.caller.sub,
        authorOrgId: ctx.caller.orgId,
      });
      await tx.getRepository(DelegationBilan).insert(bilan);
      if (final) await tx.getRepository(DelegatedFile).update({ id: file.id }, { status: DelegatedFileStatus.CLOSED });
      await recordWrite(tx, SCHEMA, ctx, file.beneficiaryId, 'recordDelegationBilan', [Domain.SOCIAL_SUMMARY]);
      return bilan;
    });
  }
}

function fileExists() {
  return ruleError(
    AssociationCode.DELEGATED_FILE_EXISTS,
    'CASF L271-3',
    'cette mesure a déjà un dossier délégué ouvert.',
    'this measure already has an open delegated file.',
  );
}

@Resolver(() => AssociationMeasure)
export class AssociationMeasureResolver {
  @Public()
  @FieldResolver(() => DelegatedFile, {
    nullable: true,
    description: 'The file an association runs for this measure, if delegated and within your reach.',
  })
  delegatedFile(@Root() m: AssociationMeasure, @Ctx() ctx: Ctx): Promise<DelegatedFile | null> {
    return ctx.loaders.fileByMeasure.load(m.id);
  }
}

/** A Measure reference needs no row here: its fields apply their own reach. */
export const measureReference = {
  Measure: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};
