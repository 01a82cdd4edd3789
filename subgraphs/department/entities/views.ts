import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { CaseAlertKind } from './enums';

/** One measure of the caseload that needs attention, with its alerts (computed in one SQL statement). */
@ObjectType('CaseAlert')
export class CaseAlert {
  @Public()
  @Field(() => ID, { description: 'The measure id (also the cursor).' })
  id: string;

  beneficiaryId: string;

  @Public()
  @Field(() => [CaseAlertKind])
  kinds: CaseAlertKind[];

  @Public()
  @Field(() => GraphQLLocalDate)
  endsOn: string;

  @Public()
  @Field(() => Int, { description: 'Months used of the 48-month cap (CASF L271-2), levels 1 and 2 together.' })
  cumulativeMonths: number;
}

/** One cell of the L271-7 export: an indicator, a dimension value, a count (null when suppressed). STATISTICS. */
@ObjectType('StatisticsCell')
export class StatisticsCell {
  @ClassifiedField(Domain.STATISTICS, () => String)
  indicator: string;

  @ClassifiedField(Domain.STATISTICS, () => String)
  dimension: string;

  @ClassifiedField(Domain.STATISTICS, () => Int, {
    description: 'null when the cell is below the small-cell threshold.',
  })
  count: number | null;

  @ClassifiedField(Domain.STATISTICS, () => Boolean)
  suppressed: boolean;
}

/** The L271-7 aggregate data for one year (arrêté du 17 mars 2010, DREES): no name, no id. */
@ObjectType('L2717Export')
export class L2717Export {
  @ClassifiedField(Domain.STATISTICS, () => Int)
  year: number;

  @ClassifiedField(Domain.STATISTICS, () => Int)
  smallCellThreshold: number;

  @ClassifiedField(Domain.STATISTICS, () => [StatisticsCell])
  cells: StatisticsCell[];
}
