import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldError { field: string; message: string }

export class ValidationProblem extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super('Validation failed');
  }
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** DTOs validated at the edge; unknown fields rejected; every bad field listed. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  exceptionFactory: (errors) => new ValidationProblem(flatten(errors)),
});
