import type { ValueTransformer } from 'typeorm';

/** bigint cents columns: the driver returns strings; amounts stay far below 2^53, so numbers are exact. */
export const bigintCents: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
