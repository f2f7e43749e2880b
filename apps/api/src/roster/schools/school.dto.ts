import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsInt, IsOptional, IsString, Length, Matches, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import type { School } from './school.entity';

@ValidatorConstraint({ name: 'ianaTimeZone' })
export class IsIanaTimeZone implements ValidatorConstraintInterface {
  validate(v: unknown): boolean {
    if (typeof v !== 'string' || !v.includes('/')) return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: v });
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as Europe/Moscow';
  }
}

export class CreateSchoolDto {
  @ApiProperty({ example: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 17»' })
  @IsString() @Length(3, 500) name: string;
  @ApiProperty({ example: 'МБОУ СОШ № 17' }) @IsString() @Length(2, 120) shortName: string;
  @ApiProperty({ example: 'г. Тверь, ул. Школьная, д. 5' }) @IsString() @Length(0, 500) address: string;
  @ApiProperty({ example: 'Europe/Moscow' }) @Validate(IsIanaTimeZone) timeZone: string;
  @ApiPropertyOptional({ example: '+7 4822 00-00-00' }) @IsOptional() @IsString() @Length(3, 40) phone?: string;
  @ApiPropertyOptional({ example: 'school17@example.ru' }) @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ example: '6950000000' }) @IsOptional() @Matches(/^\d{10}$/, { message: 'inn must be 10 digits' }) inn?: string;
}

export class UpdateSchoolDto extends PartialType(CreateSchoolDto) {
  @ApiProperty({ example: 1, description: 'Current version (optimistic concurrency)' }) @IsInt() version: number;
  @ApiPropertyOptional({ example: 'Смена адреса по приказу № 12', description: 'Why; kept in the audit log (R-AUD-01)' })
  @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class SchoolView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
  @ApiProperty() address: string;
  @ApiProperty({ example: 'Europe/Moscow' }) timeZone: string;
  @ApiPropertyOptional({ type: String, nullable: true }) phone: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) email: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) inn: string | null;
  @ApiProperty() version: number;

  static from(s: School): SchoolView {
    return { id: s.id, name: s.name, shortName: s.shortName, address: s.address, timeZone: s.timeZone, phone: s.phone,
      email: s.email, inn: s.inn, version: s.version };
  }
}
