import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8 (performance): the delegated files of a page of measures (`Measure.delegatedFile`, any status) by index; the
 * partial unique index covers open files only.
 */
export class LoaderIndexes1764500000000 implements MigrationInterface {
  name = 'LoaderIndexes1764500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX delegated_file_measure_idx ON association.delegated_file (measure_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX association.delegated_file_measure_idx`);
  }
}
