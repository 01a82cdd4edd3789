import { GraphQLResolveInfo, Kind } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { ClassifiedFieldResolver } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { notReachable } from '../../kit/rules/errors';
import { afterCursor, pageSize } from '../../kit/schema/pagination';
import { readTogether, select } from '../../kit/db/loaders';
import {
  Beneficiary,
  BenefitReceived,
  ContractRefusal,
  DirectPaymentRequest,
  EligibilityCheck,
  Evaluation,
  L2716Report,
  MajNotice,
  Measure,
  MedicalAnnex,
  ProtectionMeasure,
} from '../entities';
import { beneficiaryReach, measureReach } from '../permissions/reach';

/** Whether the field's own selection names `field` directly (not through a fragment: then the loader reads it). */
function selects(info: GraphQLResolveInfo | undefined, field: string): boolean {
  return !!info?.fieldNodes.some((n) =>
    n.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === field),
  );
}

/** `schema.table` as a quoted identifier. */
const quoted = (path: string) =>
  path
    .split('.')
    .map((part) => `"${part}"`)
    .join('.');
import { Ctx as Context } from './support';

/**
 * The person's file: the queries that find it and its fields. The writes live with their procedure (referral,
 * benefits…).
 */
@Resolver(() => Beneficiary)
export class BeneficiaryResolver {
  @Query(() => Beneficiary, {
    nullable: true,
    description: 'One person, if within your reach (otherwise FORBIDDEN, whether or not the id exists).',
  })
  async beneficiary(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Beneficiary> {
    const found = await ctx.loaders.beneficiary.load(id);
    if (!found) throw notReachable('Beneficiary');
    return found;
  }

  @Query(() => [Beneficiary], {
    description: 'The persons within your reach, by id; `after` is the last id of the previous page.',
  })
  async caseload(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Beneficiary[]> {
    const ds = ctx.dataSource;
    const cursor = afterCursor(after);
    const limit = pageSize(first);
    /** The page's condition on alias `alias`: in reach, after the cursor. */
    const pageOf = (alias: string) => {
      const reach = beneficiaryReach(ctx.caller, alias);
      return {
        sql: `(${reach.sql})${cursor ? ` AND ${alias}.id > :after` : ''}`,
        params: { ...reach.params, ...(cursor ? { after: cursor } : {}) },
      };
    };
    const page = pageOf('b');
    const persons = select(ds, Beneficiary, 'b').where(page.sql, page.params).orderBy('b.id', 'ASC').limit(limit);
    if (!selects(info, 'measures')) return readTogether(ctx.loaders.together, persons);
    // The page's measures in the same statement (issue 21 §3), primed into the loader `measures` reads: the same
    // rows as the loader's own read of these persons.
    const table = ds.getMetadata(Beneficiary).tablePath;
    const within = pageOf('pb');
    const measures = measureReach(ctx.caller, 'm');
    const together = ctx.loaders.together;
    const [rows, measureRows] = await Promise.all([
      readTogether(together, persons),
      readTogether(
        together,
        select(ds, Measure, 'm')
          .where(
            `m.beneficiary_id IN (SELECT pb.id FROM ${quoted(table)} pb WHERE ${within.sql} ORDER BY pb.id LIMIT ${limit})`,
            within.params,
          )
          .andWhere(measures.sql, measures.params)
          .orderBy('m.starts_on', 'DESC'),
      ),
    ]);
    for (const b of rows)
      ctx.loaders.measuresByBeneficiary.prime(
        b.id,
        measureRows.filter((m) => m.beneficiaryId === b.id),
      );
    return rows;
  }

  @Public()
  @FieldResolver(() => [Measure], { description: 'Measures of this person within your reach, newest first.' })
  measures(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<Measure[]> {
    return ctx.loaders.measuresByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.BENEFITS, () => [BenefitReceived], {
    description: 'Benefits of the D271-2 list the person receives.',
  })
  benefits(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<BenefitReceived[]> {
    return ctx.loaders.benefitsByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.JUDICIAL, () => [ProtectionMeasure], {
    description: 'Legal protection measures (tutelle, curatelle…).',
  })
  protectionMeasures(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<ProtectionMeasure[]> {
    return ctx.loaders.protectionsByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.SOCIAL, () => [EligibilityCheck])
  eligibilityChecks(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<EligibilityCheck[]> {
    return ctx.loaders.eligibilityChecksByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.SOCIAL_SUMMARY, () => [Evaluation], {
    description: 'Evaluations, oldest first (their SOCIAL fields need the SOCIAL domain).',
  })
  evaluations(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<Evaluation[]> {
    return ctx.loaders.evaluationsByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.SOCIAL_SUMMARY, () => String, {
    description: "The latest evaluation's handover summary, for a délégataire or an MJPM.",
  })
  async handoverSummary(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<string | null> {
    const evaluations = await ctx.loaders.evaluationsByBeneficiary.load(b.id);
    return [...evaluations].reverse().find((e) => e.handoverSummary)?.handoverSummary ?? null;
  }

  @ClassifiedFieldResolver(Domain.SOCIAL, () => [ContractRefusal])
  contractRefusals(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<ContractRefusal[]> {
    return ctx.loaders.refusalsByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.JUDICIAL, () => [L2716Report], {
    description: 'CASF L271-6 reports to the procureur.',
  })
  l2716Reports(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<L2716Report[]> {
    return ctx.loaders.reportsByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.JUDICIAL, () => [DirectPaymentRequest], {
    description: 'CASF L271-5 requests for a direct payment to the landlord.',
  })
  directPaymentRequests(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<DirectPaymentRequest[]> {
    return ctx.loaders.directPaymentRequestsByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.JUDICIAL, () => [MajNotice], {
    description: 'Notices of MAJ judgments (which MJPM service runs it).',
  })
  majNotices(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<MajNotice[]> {
    return ctx.loaders.majNoticesByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.MEDICAL, () => [MedicalAnnex], {
    description: 'Medical annexes written for L271-6 reports: the médecin only.',
  })
  async medicalAnnexes(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<MedicalAnnex[]> {
    const reports = await ctx.loaders.reportsByBeneficiary.load(b.id);
    const annexes = await Promise.all(reports.map((r) => ctx.loaders.annexesByReport.load(r.id)));
    return annexes.flat();
  }
}

/** `_entities` for Beneficiary: the same reach as the queries; unreachable and unknown ids give the same error. */
export const beneficiaryReference = {
  Beneficiary: {
    async __resolveReference(ref: { id: string }, ctx: Context) {
      const found = await ctx.loaders.beneficiary.load(ref.id);
      if (!found) throw notReachable('Beneficiary');
      return found;
    },
  },
};
