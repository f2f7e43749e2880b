import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidField } from '../../platform/errors/domain-errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO calendar date that really exists (2027-02-30 is not one). */
export const isIsoDate = (value: string): boolean =>
  DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

type Parse<T> = (value: string) => T | undefined;

const queryPipe = <T>(field: string, required: boolean, parse: Parse<T>, expected: string) => {
  @Injectable()
  class QueryParamPipe implements PipeTransform<string | undefined, T | undefined> {
    transform(value: string | undefined): T | undefined {
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

const int = (min: number, max: number): Parse<number> => (v) => (/^-?\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? Number(v) : undefined);
const bool: Parse<boolean> = (v) => (v === 'true' ? true : v === 'false' ? false : undefined);
const date: Parse<string> = (v) => (isIsoDate(v) ? v : undefined);

/** `?grade=` 1..11. */
export const optionalGrade = (field = 'grade') => queryPipe(field, false, int(1, 11), 'an integer 1..11');
export const requiredGrade = (field = 'grade') => queryPipe(field, true, int(1, 11), 'an integer 1..11');
/** `?includeArchived=true|false`. */
export const optionalBool = (field: string) => queryPipe(field, false, bool, 'true or false');
/** `?from=2026-09-01`. */
export const optionalDate = (field: string) => queryPipe(field, false, date, 'a date YYYY-MM-DD');
/** `?version=3` on DELETE, where there is no body (R-API-03). */
export const requiredVersion = () => queryPipe('version', true, int(0, 2_147_483_647), 'an integer');
