import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18, retention (CNIL; RGPD art. 5-1-e, storage limitation): a closed file is archived (its référent no longer
 * reaches it; the encadrant still does) and later erased (identity replaced, personal rows deleted), on dated
 * département parameters counted from the last contact; the measures stay, without the person's identity, for the
 * L271-7 statistics.
 */
export class AlertsRetention1766400000000 implements MigrationInterface {
  name = 'AlertsRetention1766400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE department.beneficiary ADD COLUMN archived_on date, ADD COLUMN erased_on date`);
    await q.query(`INSERT INTO department.parameter (key, valid_from, value, source) VALUES
        ('RETENTION_ARCHIVE_AFTER_LAST_CONTACT_MONTHS', '2007-03-05', 6,
         'Pratique départementale : archivage intermédiaire d''un dossier clos (CNIL, référentiel action sociale)'),
        ('RETENTION_AFTER_LAST_CONTACT_MONTHS', '2007-03-05', 24,
         'CNIL, référentiel relatif à l''accompagnement social : deux ans après le dernier contact')
        ON CONFLICT (key, valid_from) DO NOTHING`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM department.parameter WHERE key IN ('RETENTION_ARCHIVE_AFTER_LAST_CONTACT_MONTHS', 'RETENTION_AFTER_LAST_CONTACT_MONTHS')`,
    );
    await q.query(`ALTER TABLE department.beneficiary DROP COLUMN archived_on, DROP COLUMN erased_on`);
  }
}
