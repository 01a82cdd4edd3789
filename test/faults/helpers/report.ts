import { appendFileSync } from 'node:fs';

/**
 * Figures a suite gathers (requests sent, errors seen by code, rows checked…): `flush()` in afterAll appends them to
 * the run's figures file; the faults global teardown prints them all and writes .data/faults-summary.json.
 */
export class Figures {
  private readonly values: Record<string, number | Record<string, number>> = {};
  constructor(readonly suite: string) {}

  add(name: string, n = 1): void {
    this.values[name] = ((this.values[name] as number | undefined) ?? 0) + n;
  }

  /** Counts one occurrence of `key` under `name` (e.g. errors by code). */
  tally(name: string, key: string, n = 1): void {
    const bucket = (this.values[name] ??= {}) as Record<string, number>;
    bucket[key] = (bucket[key] ?? 0) + n;
  }

  set(name: string, value: number): void {
    this.values[name] = value;
  }

  get(name: string): number {
    return (this.values[name] as number | undefined) ?? 0;
  }

  flush(): void {
    console.log(`[faults] ${this.suite}: ${JSON.stringify(this.values)}`);
    const file = process.env.FAULTS_FIGURES_FILE;
    if (file) appendFileSync(file, JSON.stringify({ suite: this.suite, figures: this.values }) + '\n');
  }
}
