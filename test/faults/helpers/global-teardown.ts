import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import baseTeardown from '../../helpers/global-teardown';

/** Prints what the suites did (requests sent, errors seen, rows checked) and keeps it in .data/faults-summary.json. */
export default async function globalTeardown(): Promise<void> {
  const file = process.env.FAULTS_FIGURES_FILE;
  if (file && existsSync(file)) {
    const entries = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { suite: string; figures: Record<string, unknown> });
    const summary: Record<string, Record<string, unknown>> = {};
    for (const e of entries) summary[e.suite] = { ...(summary[e.suite] ?? {}), ...e.figures };
    writeFileSync(join(file, '..', 'faults-summary.json'), JSON.stringify(summary, null, 2) + '\n');
    rmSync(file, { force: true });
    const lines = Object.entries(summary).map(
      ([suite, f]) =>
        `  ${suite}: ${Object.entries(f)
          .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
          .join(', ')}`,
    );
    console.log(`\nfaults summary (also in .data/faults-summary.json):\n${lines.join('\n')}`);
  }
  await baseTeardown();
}
