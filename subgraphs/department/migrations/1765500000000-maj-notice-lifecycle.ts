import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: the MAJ notice as the source of the MAJ and the end of the MJPM's reach. A notice carries the term the
 * judgment fixed (C. civ. 495-8; `ends_on`, the first day without the MJPM's reach, moved by a renewal the MJPM
 * records); it closes (`closed_on`, `close_reason`) when the MAJ ends, a protection measure opens (C. civ. 495-1/495-3)
 * or the département ends it; `maj_id` is the MAJ the mandataire recorded from it. `recorded_by_org_id` is the
 * département's organisation (the audience of what the référent is told). A protection measure may come from the
 * mandataire (`source`). `lease_relay` remembers which lease facts were relayed to which notice's MJPM.
 */
export class MajNoticeLifecycle1765500000000 implements MigrationInterface {
  name = 'MajNoticeLifecycle1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE department.maj_notice
        ADD COLUMN maj_id uuid,
        ADD COLUMN closed_on date,
        ADD COLUMN close_reason text,
        ADD COLUMN recorded_by_org_id uuid,
        ADD CONSTRAINT maj_notice_close_check CHECK ((closed_on IS NULL) = (close_reason IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX maj_notice_maj_idx ON department.maj_notice (maj_id) WHERE maj_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE department.protection_measure
        ADD COLUMN source text NOT NULL DEFAULT 'department' CHECK (source IN ('department', 'mandataire'))`);
    await q.query(`
      CREATE TABLE department.lease_relay (
        lease_id uuid NOT NULL,
        notice_id uuid NOT NULL REFERENCES department.maj_notice (id),
        starts_on date NOT NULL,
        ends_on date,
        relayed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (lease_id, notice_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE department.lease_relay`);
    await q.query(`ALTER TABLE department.protection_measure DROP COLUMN source`);
    await q.query(`DROP INDEX department.maj_notice_maj_idx`);
    await q.query(`ALTER TABLE department.maj_notice DROP CONSTRAINT maj_notice_close_check,
      DROP COLUMN maj_id, DROP COLUMN closed_on, DROP COLUMN close_reason, DROP COLUMN recorded_by_org_id`);
  }
}
