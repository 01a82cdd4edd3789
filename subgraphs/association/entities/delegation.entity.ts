import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BenefitKind } from '../../kit/schema/benefits.enum';

/**
 * A delegation the département granted to an association (CASF L271-3), as its events told it (`delegation.granted`,
 * `delegation.ended`, `contract.benefits-changed`): the legal source of a delegated file. Not in the graph: the file
 * shows what the association needs of it.
 */
@Entity({ name: 'delegation' })
export class AssociationDelegation {
  /** The département's delegation id. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'measure_id', type: 'uuid' })
  measureId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'association_org_id', type: 'uuid' })
  associationOrgId: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  /** Exclusive: the first day without the delegation (the contract's term, or an earlier end). */
  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  /** Exclusive: the first day the association no longer reaches the file (endsOn + the closing window). */
  @Column({ name: 'reach_ends_on', type: 'date' })
  reachEndsOn: string;

  /** The benefits the contract in force manages (CASF L271-2). */
  @Column({ name: 'managed_benefits', type: 'text', array: true })
  managedBenefits: BenefitKind[];

  @Column({ name: 'benefits_effective_on', type: 'date', nullable: true })
  benefitsEffectiveOn: string | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: string | null;
}
