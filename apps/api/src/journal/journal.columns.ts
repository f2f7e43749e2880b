import type { ValueTransformer } from 'typeorm';

/** numeric columns come back from pg as strings; entities hold numbers. */
export const NUMBER: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};
