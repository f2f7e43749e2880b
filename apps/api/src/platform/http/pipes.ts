import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { InvalidField } from '../errors/domain-errors';

const uuidPipe = (field: string, required: boolean) => {
  @Injectable()
  class UuidQueryPipe implements PipeTransform<string | undefined, string | undefined> {
    transform(value: string | undefined): string | undefined {
      if (value === undefined || value === '') {
        if (required) throw new InvalidField(field, `${field} is required`);
        return undefined;
      }
      if (!isUUID(value)) throw new InvalidField(field, `${field} must be a UUID`);
      return value;
    }
  }
  return UuidQueryPipe;
};

/** `?schoolId=` is required on list routes and must be a UUID. */
export const ParseSchoolIdPipe = uuidPipe('schoolId', true);
export const optionalUuid = (field: string) => uuidPipe(field, false);
export const requiredUuid = (field: string) => uuidPipe(field, true);

/** limit/offset pagination with bounds (R-API-03). */
export function page(limit?: string, offset?: string): { limit: number; offset: number } {
  const l = limit === undefined ? 50 : Number(limit);
  const o = offset === undefined ? 0 : Number(offset);
  if (!Number.isInteger(l) || l < 1 || l > 500) throw new InvalidField('limit', 'limit must be an integer 1..500');
  if (!Number.isInteger(o) || o < 0) throw new InvalidField('offset', 'offset must be a non-negative integer');
  return { limit: l, offset: o };
}

/** Path ids must be UUIDs; a bad one answers 400 naming the parameter (R-API-03). */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    const field = meta.data ?? 'id';
    if (!isUUID(value)) throw new InvalidField(field, `${field} must be a UUID`);
    return value;
  }
}
