import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { CaseAlertKind } from './enums';

/**
 * One alert of the caseload: a kind, its date, the person (and the measure it concerns, if any). Computed for all kinds
 * in one SQL statement (sql.ts ALERTS_SQL); the id is stable (the kind and the row it stems from) and is the cursor.
 */
@ObjectType('CaseAlert')
export class CaseAlert {
  @Public()
  @Field(() => ID, { description: 'The alert id: stable for a kind and the row it stems from; the cursor.' })
  id: string;

  beneficiaryId: string;

  measureId: string | null;

  @Public()
  @Field(() => CaseAlertKind)
  kind: CaseAlertKind;

  @Public()
  @Field(() => GraphQLLocalDate, { description: 'The day the alert is about (see each kind).' })
  date: string;

  @Public()
  @Field(() => [CaseAlertKind], { deprecationReason: 'One alert has one kind: use `kind`.' })
  kinds: CaseAlertKind[];

  @Public()
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: "The term of the alert's measure (its `ends_on`), when it concerns one.",
  })
  endsOn: string | null;

  @Public()
  @Field(() => Int, {
    nullable: true,
    description:
      'For a contract: months used of the 48-month cap (CASF L271-2), levels 1 and 2 together; null otherwise.',
  })
  cumulativeMonths: number | null;
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
