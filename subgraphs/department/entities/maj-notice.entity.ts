import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The notice of a MAJ judgment the département receives (CASF L271-6, C. civ. 495-…): which MJPM service runs it.
 * While it is active, the MJPM service reaches the person's file.
 */
@Entity({ name: 'maj_notice' })
export class MajNotice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'mandataire_org_id', type: 'uuid' })
  mandataireOrgId: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;
}
