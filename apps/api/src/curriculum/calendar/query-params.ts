import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidField } from '../../platform/errors/domain-errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO calendar date that really exists (2027-02-30 is not one). */
export const isIsoDate = (value: string): boolean =>
  DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

type Parse<T> = (value: unknown) => T | undefined;

const queryPipe = <T>(field: string, required: boolean, parse: Parse<T>, expected: string) => {
  @Injectable()
  class QueryParamPipe implements PipeTransform<unknown, T | undefined> {
    transform(value: unknown): T | undefined {
      if (value === undefined || value === '') {
        if (required) throw new InvalidField(field, `${field} is required`);
        return undefined;
      }
      const parsed = parse(value);
      if (parsed === undefined) throw new InvalidField(field, `${field} must be ${expected}`);
      return parsed;
    }
  }
  return QueryParamPipe;
};

// The global ValidationPipe has already turned a query value into a number when the parameter is typed `number` ('abc' → NaN),
// so integers are accepted as numbers or as digit strings.
const int = (min: number, max: number): Parse<number> => (v) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};
// Flags stay strings ('true' | 'false'): typed `boolean`, the global ValidationPipe would quietly read 'yes' as false.
const flag: Parse<'true' | 'false'> = (v) => (v === 'true' || v === 'false' ? v : undefined);
const date: Parse<string> = (v) => (typeof v === 'string' && isIsoDate(v) ? v : undefined);

/** `?grade=` 1..11. */
export const optionalGrade = (field = 'grade') => queryPipe(field, false, int(1, 11), 'an integer 1..11');
export const requiredGrade = (field = 'grade') => queryPipe(field, true, int(1, 11), 'an integer 1..11');
/** `?includeArchived=true|false`; type the parameter `'true' | 'false'`. */
export const optionalFlag = (field: string) => queryPipe(field, false, flag, 'true or false');
/** `?from=2026-09-01`. */
export const optionalDate = (field: string) => queryPipe(field, false, date, 'a date YYYY-MM-DD');
/** `?version=3` on DELETE, where there is no body (R-API-03). */
export const requiredVersion = () => queryPipe('version', true, int(0, 2_147_483_647), 'an integer');
