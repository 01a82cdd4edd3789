import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Domain, Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { parisToday } from '../../kit/rules/calendar';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Ctx as Context } from '../resolvers/support';
import { purgePersonalData } from './purge';

@ObjectType('RetentionCount')
export class RetentionCount {
  @ClassifiedField(Domain.STATISTICS, () => String, {
    description: 'What is archived, erased or emptied (PERSON_ARCHIVED, PERSON_IDENTITY, EVALUATION_CONTENT…).',
  })
  kind: string;

  @ClassifiedField(Domain.STATISTICS, () => Int)
  count: number;
}

/** The dry run of the next retention purge (CNIL): counts by kind, no name, no id. */
@ObjectType('RetentionPurgePreview')
export class RetentionPurgePreview {
  @Public()
  @Field(() => GraphQLLocalDate, { description: 'The day of the purge previewed (today).' })
  asOf: string;

  @ClassifiedField(Domain.STATISTICS, () => Int, {
    description: 'RETENTION_ARCHIVE_AFTER_LAST_CONTACT_MONTHS in force.',
  })
  archiveMonths: number;

  @ClassifiedField(Domain.STATISTICS, () => Int, { description: 'RETENTION_AFTER_LAST_CONTACT_MONTHS in force.' })
  eraseMonths: number;

  @ClassifiedField(Domain.STATISTICS, () => Int)
  personsToArchive: number;

  @ClassifiedField(Domain.STATISTICS, () => Int)
  personsToErase: number;

  @ClassifiedField(Domain.STATISTICS, () => [RetentionCount])
  counts: RetentionCount[];
}

@Resolver()
export class RetentionResolver {
  @Query(() => RetentionPurgePreview, {
    description:
      'CNIL retention: what the next purge (scheduled daily) archives and erases, as counts by kind (no name, no id). PILOTAGE and ENCADRANT.',
  })
  async retentionPurgePreview(@Ctx() ctx: Context): Promise<RetentionPurgePreview> {
    requireRole(ctx.caller, [Role.PILOTAGE, Role.ENCADRANT], 'retentionPurgePreview');
    const preview = await purgePersonalData(ctx.dataSource.manager, parisToday(), true);
    return Object.assign(new RetentionPurgePreview(), {
      ...preview,
      counts: preview.counts.map((c) => Object.assign(new RetentionCount(), c)),
    });
  }
}
