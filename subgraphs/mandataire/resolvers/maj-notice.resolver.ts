import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { refuseOwnListToDepartementStaff } from '../../kit/access/department-registry';
import { Public } from '../../kit/schema/public';
import { afterCursor, pageSize } from '../../kit/schema/pagination';
import { SubgraphContext } from '../../kit/server/context.type';
import { MandataireBeneficiary } from '../entities/beneficiary.stub';
import { MajNoticeReceived } from '../entities/maj-notice.entity';
import type { MandataireLoaders } from '../loaders';
import { noticeReach } from '../permissions/reach';
import { NOTICE_OPEN_ON } from '../sql';

type Ctx = SubgraphContext<MandataireLoaders>;

/** The département's notices to the caller's MJPM service: the MAJ it may record (C. civ. 495-2, CASF L271-6). */
@Resolver(() => MajNoticeReceived)
export class MajNoticeReceivedResolver {
  @Query(() => [MajNoticeReceived], {
    description:
      'The notices of MAJ judgments the département sent your service, by id (`open`: not past their term nor closed); `after` is the last id of the previous page.',
  })
  async myMajNotices(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
    @Arg('open', () => Boolean, { defaultValue: true }) open?: boolean,
  ): Promise<MajNoticeReceived[]> {
    refuseOwnListToDepartementStaff(ctx.caller, 'myMajNotices', 'majNotices { … }');
    const reach = noticeReach(ctx.caller);
    const qb = ctx.dataSource.getRepository(MajNoticeReceived).createQueryBuilder('n').where(reach.sql, reach.params);
    if (open) qb.andWhere(`(${NOTICE_OPEN_ON('n', 'current_date')} OR n.starts_on > current_date)`);
    const cursor = afterCursor(after);
    if (cursor) qb.andWhere('n.notice_id > :after', { after: cursor });
    return qb.orderBy('n.notice_id', 'ASC').limit(pageSize(first)).getMany();
  }

  @Public()
  @FieldResolver(() => MandataireBeneficiary, { description: 'The person (département) the judgment concerns.' })
  beneficiary(@Root() n: MajNoticeReceived): MandataireBeneficiary {
    return { id: n.beneficiaryId };
  }
}
