import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A MASP 2 delegated by convention to an association (CASF L271-3). The département is the registry of
 * habilitations: an active delegation is what gives the association's DELEGUE its reach on the person.
 */
@Entity({ name: 'delegation' })
export class Delegation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'measure_id', type: 'uuid' })
  measureId: string;

  @Column({ name: 'association_org_id', type: 'uuid' })
  associationOrgId: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;
}
