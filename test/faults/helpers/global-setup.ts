import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import baseSetup from '../../helpers/global-setup';

/** The run's database (as for `npm test`), and an empty figures file the suites append to (see report.ts). */
export default async function globalSetup(): Promise<void> {
  await baseSetup();
  const dir = join(__dirname, '..', '..', '..', '.data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `faults-figures-${process.pid}.jsonl`);
  writeFileSync(file, '');
  process.env.FAULTS_FIGURES_FILE = file;
}
