import { ObjectType } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';

/**
 * The L271-7 file the département sends the State (CASF L271-7, arrêté du 17 mars 2010): the year's published cells
 * (after primary and secondary suppression) as CSV. Layout: exports/l271-7-layout.md. No name, no id of a person.
 */
@ObjectType('StatisticsExport')
export class StatisticsExport {
  @ClassifiedField(Domain.STATISTICS, () => String, { description: 'l271-7-<year>.csv' })
  filename: string;

  @ClassifiedField(Domain.STATISTICS, () => String, {
    description: 'RFC 4180 CSV, UTF-8, CRLF; layout in subgraphs/department/exports/l271-7-layout.md.',
  })
  csv: string;
}
